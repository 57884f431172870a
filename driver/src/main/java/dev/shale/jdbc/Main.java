package dev.shale.jdbc;

import dev.shale.engine.Db;
import dev.shale.engine.DbException;
import dev.shale.engine.Options;
import dev.shale.engine.SalvageReport;
import dev.shale.engine.VerifyReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sqlline.SqlLine;

/**
 * {@code java -jar shale-jdbc-<version>-all.jar [sql <url>]}: the SQL shell (sqlline), on the
 * embedded default database {@code ./shale-data} or on any Shale URL. A script piped on stdin runs
 * as if typed.
 */
public final class Main {

  static final String DEFAULT_URL = "jdbc:shale:./shale-data";
  private static final int PIPED_WIDTH = 1 << 16;

  private Main() {}

  public static void main(String[] args) throws IOException {
    String url;
    if (args.length == 0) {
      url = DEFAULT_URL;
    } else if (args.length == 2 && args[0].equals("sql")) {
      url = args[1];
    } else if (args.length == 2 && args[0].equals("verify")) {
      System.exit(verify(Path.of(args[1])));
      return;
    } else if (args.length == 2 && args[0].equals("salvage")) {
      System.exit(salvage(Path.of(args[1])));
      return;
    } else {
      usage(args.length == 1 && isHelp(args[0]) ? System.out : System.err);
      System.exit(args.length == 1 && isHelp(args[0]) ? 0 : 2);
      return;
    }
    List<String> sqlline =
        new ArrayList<>(
            List.of(
                "-d",
                ShaleDriver.class.getName(),
                "-u",
                url,
                "-n",
                "",
                "-p",
                "",
                "--isolation=TRANSACTION_NONE"));
    if (System.console() == null) {
      // Piped: sqlline would take the width of its dumb terminal, 0, and print empty columns.
      sqlline.add("--maxWidth=" + PIPED_WIDTH);
    }
    SqlLine.Status status = SqlLine.start(sqlline.toArray(new String[0]), null, true);
    System.exit(status == SqlLine.Status.OK ? 0 : 1);
  }

  /**
   * Checks every block of every table of the database in {@code dir}; exit status 0 if all hold.
   */
  private static int verify(Path dir) {
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

  /**
   * Rebuilds the damaged database in {@code dir} from what can still be read, printing what was
   * kept and what was lost; exit status 0 if nothing was lost, 1 if something was, 2 if it failed.
   */
  private static int salvage(Path dir) {
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

  private static boolean isHelp(String arg) {
    return arg.equals("help") || arg.equals("-h") || arg.equals("--help");
  }

  private static void usage(PrintStream out) {
    out.println(
        "Shale " + ShaleDriver.VERSION + " - an embedded key-value database used through JDBC");
    out.println();
    out.println(
        "usage: java -jar shale-jdbc-"
            + ShaleDriver.VERSION
            + "-all.jar [sql <url> | verify <dir> | salvage <dir>]");
    out.println("  (no arguments)  SQL shell on " + DEFAULT_URL);
    out.println(
        "  sql <url>       SQL shell on <url>, e.g. jdbc:shale:/data/db or jdbc:shale:mem:x");
    out.println("  verify <dir>    check every block of every table of a closed database");
    out.println(
        "  salvage <dir>   rebuild a database that refuses to open (XX001) from what is readable,");
    out.println(
        "                  saying what was lost; the old files are kept in <dir>/salvage-*");
    out.println("  help            this text");
    out.println();
    out.println(
        "A script piped on stdin runs as if typed: echo \"SELECT * FROM kv;\" | java -jar ...");
  }
}
