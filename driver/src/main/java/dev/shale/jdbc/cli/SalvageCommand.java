package dev.shale.jdbc.cli;

import dev.shale.engine.Db;
import dev.shale.engine.DbException;
import dev.shale.engine.Options;
import dev.shale.engine.SalvageReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code salvage <dir>}: rebuilds a damaged database from what can still be read, printing what was
 * kept and lost; exit 0 if nothing was lost, 1 if something was, 2 if it failed.
 */
@Command(
    name = "salvage",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild a database that refuses to open (XX001) from what is readable, saying what was"
          + " lost; the old files are kept in <dir>/salvage-*."
    })
final class SalvageCommand implements Callable<Integer> {

  @Parameters(paramLabel = "<dir>")
  Path dir;

  @Override
  public Integer call() {
    SalvageReport report;
    try {
      report = Db.salvage(dir, Options.defaults());
    } catch (DbException e) {
      System.err.println("salvage of " + dir + " failed: " + e.getMessage());
      return 2;
    }
    System.out.println(
        "Salvaged "
            + dir
            + ": kept "
            + report.tablesKept()
            + " table(s) and "
            + report.logRecordsKept()
            + " log record(s), "
            + report.entriesWritten()
            + " entries in one rebuilt table.");
    System.out.println("Old files moved to " + report.setAside() + " (nothing was deleted).");
    if (report.complete()) {
      System.out.println("Nothing was lost.");
      return 0;
    }
    System.out.println("Lost:");
    report.losses().forEach(loss -> System.out.println("  " + loss));
    return 1;
  }
}
