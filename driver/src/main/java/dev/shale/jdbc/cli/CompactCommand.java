package dev.shale.jdbc.cli;

import dev.shale.sql.bulk.Compaction;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code compact --dir <dir> [--from k] [--to k]}: a full (or range) compaction, waited for. */
@Command(
    name = "compact",
    mixinStandardHelpOptions = true,
    description = {
      "Compact the tables holding keys in [--from, --to) (all by default) to the deepest level,",
      "dropping overwritten and deleted data. Waits until done."
    },
    footer = {"", "Exit codes: 0 done; 2 usage error; 3 failed; 4 database unavailable."})
final class CompactCommand implements Callable<Integer> {

  @Option(names = "--dir", required = true, description = "the database directory")
  Path dir;

  @Mixin KeyRange range = new KeyRange();

  PrintStream err = System.err;

  @Override
  public Integer call() {
    return ToolDatabase.with(
        "compact",
        dir,
        false,
        err,
        database -> {
          Compaction c = Compaction.run(database, range.from, range.to);
          err.printf(
              Locale.ROOT,
              "compact: table bytes %d -> %d in %.2f s%n",
              c.tableBytesBefore(),
              c.tableBytesAfter(),
              c.seconds());
          return ToolDatabase.OK;
        });
  }
}
