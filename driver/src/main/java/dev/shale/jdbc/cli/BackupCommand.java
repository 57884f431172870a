package dev.shale.jdbc.cli;

import dev.shale.engine.CheckpointReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backup --dir <dir> <target>}: a checkpoint that opens as a database of its own. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Make a consistent copy of a database in a new directory: tables hard-linked (copied",
      "across file systems), the live log and manifest copied. Open it as any database."
    },
    footer = {"", "Exit codes: 0 done; 2 usage error; 3 failed; 4 database or target unavailable."})
final class BackupCommand implements Callable<Integer> {

  @Option(names = "--dir", required = true, description = "the database directory")
  Path dir;

  @Parameters(paramLabel = "<target>", description = "a directory that does not exist yet")
  Path target;

  PrintStream err = System.err;

  @Override
  public Integer call() {
    if (Files.exists(target)) {
      err.println("backup: " + target.toAbsolutePath() + " exists; name a new directory");
      return ToolDatabase.UNAVAILABLE;
    }
    return ToolDatabase.with(
        "backup",
        dir,
        false,
        err,
        database -> {
          CheckpointReport r = database.maintenance().checkpoint(target);
          err.printf(
              Locale.ROOT,
              "backup: %s at sequence %d: %d table(s) linked, %d copied, %d bytes copied in %.2f"
                  + " s%n",
              r.directory(),
              r.sequence(),
              r.tablesLinked(),
              r.tablesCopied(),
              r.bytesCopied(),
              r.nanos() / 1e9);
          return ToolDatabase.OK;
        });
  }
}
