package dev.shale.jdbc.cli;

import dev.shale.engine.Db;
import dev.shale.engine.DbException;
import dev.shale.engine.Options;
import dev.shale.engine.VerifyReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code verify <dir>}: checks every block of every table; exit 0 if all hold, 1 if corrupt. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Check every block of every table of a closed database.")
final class VerifyCommand implements Callable<Integer> {

  @Parameters(paramLabel = "<dir>")
  Path dir;

  @Override
  public Integer call() {
    try (Db db = Db.open(dir, Options.defaults())) {
      VerifyReport report = db.verify();
      System.out.println(
          "Verified "
              + dir
              + ": "
              + report.tables()
              + " table(s), "
              + report.entries()
              + " entries, "
              + report.bytes()
              + " bytes; every checksum holds.");
      return 0;
    } catch (DbException e) {
      System.err.println("verify of " + dir + " failed: " + e.getMessage());
      return e.kind() == DbException.Kind.CORRUPTION ? 1 : 2;
    }
  }
}
