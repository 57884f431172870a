package dev.shale.jdbc.cli;

import dev.shale.jdbc.ShaleDriver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

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
      LoadCommand.class,
      DumpCommand.class,
      BackupCommand.class,
      CompactCommand.class,
      HelpCommand.class
    })
public final class ShaleCommand implements Callable<Integer> {

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
