package dev.shale.jdbc.cli;

import dev.shale.jdbc.ShaleDriver;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The runnable jar's commands; with none, the SQL shell on the default database. */
@Command(
    name = "java -jar shale-jdbc-all.jar",
    mixinStandardHelpOptions = true,
    versionProvider = ShaleCommand.Version.class,
    description = "Shale - an embedded key-value database used through JDBC.",
    footer = {
      "",
      "With no command: the SQL shell on " + SqlCommand.DEFAULT_URL + ".",
      "A script piped on stdin runs as if typed: echo \"SELECT * FROM kv;\" | java -jar ..."
    },
    subcommands = {
      SqlCommand.class,
      ServeCommand.class,
      ShutdownCommand.class,
      PasswdCommand.class,
      VerifyCommand.class,
      SalvageCommand.class,
      StatsCommand.class,
      LoadCommand.class,
      DumpCommand.class,
      BackupCommand.class,
      CompactCommand.class,
      HelpCommand.class
    })
public final class ShaleCommand implements Callable<Integer> {

  static final String LOG_LEVEL = "--log-level";
  static final String LOG_FILE = "--log-file";

  @Option(
      names = LOG_LEVEL,
      scope = ScopeType.INHERIT,
      paramLabel = "<level>",
      description =
          "error, warn, info, debug, trace or off (default: info for serve, warn for the rest)")
  String logLevel;

  @Option(
      names = LOG_FILE,
      scope = ScopeType.INHERIT,
      paramLabel = "<file>",
      description = "append the log to <file> (rolled over at 16 MB, 3 kept) instead of stderr")
  Path logFile;

  /**
   * Runs the command line {@code args}, logging as its options say, and returns the exit code. The
   * log is configured after parsing and before the command runs, so nothing logs before it.
   */
  public static int run(String... args) {
    CommandLine line = new CommandLine(new ShaleCommand());
    line.setExecutionStrategy(
        parsed -> {
          configureLogging(parsed);
          return new CommandLine.RunLast().execute(parsed);
        });
    return line.execute(args);
  }

  /** The log level and file given anywhere on the command line, the command's default else. */
  private static void configureLogging(ParseResult parsed) {
    String level = null;
    Path file = null;
    String command = null;
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      level = p.matchedOptionValue(LOG_LEVEL, level);
      file = p.matchedOptionValue(LOG_FILE, file);
      command = p.commandSpec().name();
    }
    if (level == null) {
      level = ServeCommand.NAME.equals(command) ? "info" : "warn";
    }
    JarLogging.configure(level, file);
  }

  @Override
  public Integer call() {
    return SqlCommand.shell(SqlCommand.DEFAULT_URL);
  }

  /** The version picocli prints for --version. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Shale " + ShaleDriver.VERSION};
    }
  }
}
