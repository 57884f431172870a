package dev.shale.jdbc.cli;

import dev.shale.jdbc.ShaleDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import sqlline.SqlLine;

/** {@code sql [<url>]}: the SQL shell (sqlline) on a Shale URL, embedded or remote. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "The SQL shell on <url>, e.g. jdbc:shale:/data/db, jdbc:shale:mem:x or"
            + " jdbc:shale:remote:127.0.0.1:8765.")
final class SqlCommand implements Callable<Integer> {

  static final String DEFAULT_URL = "jdbc:shale:./shale-data";
  private static final int PIPED_WIDTH = 1 << 16;

  /** Held so the level set on it stays (java.util.logging keeps loggers weakly). */
  private static final java.util.logging.Logger JLINE_LOG =
      java.util.logging.Logger.getLogger("org.jline");

  @Parameters(arity = "0..1", paramLabel = "<url>", defaultValue = DEFAULT_URL)
  String url;

  @Override
  public Integer call() {
    return shell(url);
  }

  static int shell(String url) {
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
                // What a connection has anyway (snapshot isolation); anything else makes sqlline
                // print that it falls back to it.
                "--isolation=TRANSACTION_REPEATABLE_READ"));
    if (System.console() == null) {
      // Piped: sqlline would take the width of its dumb terminal, 0, and print empty columns.
      sqlline.add("--maxWidth=" + PIPED_WIDTH);
      // Only results and errors, as sqlite3 does for a script: no prompts, banner or timings.
      sqlline.add("--silent=true");
      // jline warns through java.util.logging that it falls back to a dumb terminal: expected.
      JLINE_LOG.setLevel(java.util.logging.Level.SEVERE);
    }
    try {
      SqlLine.Status status = SqlLine.start(sqlline.toArray(new String[0]), null, true);
      return status == SqlLine.Status.OK ? 0 : 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
