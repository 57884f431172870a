package dev.shale.jdbc;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slow-statement log of a connection: a statement whose execution took at least the URL's
 * {@code slowStatementMillis} is logged at WARN on the logger {@value #LOGGER}, with its time, its
 * rows and its SQL (never its parameters' values). A query's time is the time spent in Shale: its
 * execution plus each {@code next()} of its result set until the last row or close, not the
 * application's time between rows.
 */
final class SlowStatementLog {

  static final String LOGGER = "dev.shale.slow";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  /** Longer SQL is cut here in the log, with a note of its length. */
  static final int MAX_SQL_CHARS = 2000;

  private final long thresholdNanos;

  private SlowStatementLog(long thresholdMillis) {
    this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(thresholdMillis);
  }

  /** The log for {@code thresholdMillis}, or null for 0: off. */
  static SlowStatementLog of(long thresholdMillis) {
    return thresholdMillis <= 0 ? null : new SlowStatementLog(thresholdMillis);
  }

  /** An execution of {@code sql} starting now. */
  Execution start(String sql) {
    return new Execution(sql, System.nanoTime());
  }

  /** A result set's own step to the next row. */
  @FunctionalInterface
  interface Next {
    boolean next() throws SQLException;
  }

  /** One execution: its time so far and its rows; logged once, when finished, if slow. */
  final class Execution {
    private final String sql;
    private long nanos;
    private long rows;
    private boolean finished;

    private Execution(String sql, long started) {
      this.sql = sql;
      this.nanos = -started; // until executed() adds the end
    }

    /** The execute call returned (or threw) now. */
    void executed() {
      nanos += System.nanoTime();
    }

    /** One {@code next()} of the result set, timed and counted; finishes after the last row. */
    boolean fetch(Next next) throws SQLException {
      long started = System.nanoTime();
      boolean row;
      try {
        row = next.next();
      } catch (SQLException e) {
        nanos += System.nanoTime() - started;
        failed(e);
        throw e;
      }
      nanos += System.nanoTime() - started;
      if (row) {
        rows++;
      } else {
        finish(-1);
      }
      return row;
    }

    /** Done, with {@code count} rows (-1: the rows fetched). */
    void finish(long count) {
      if (finished) {
        return;
      }
      finished = true;
      if (nanos >= thresholdNanos && LOG.isWarnEnabled()) {
        LOG.warn(
            "slow statement: {} ms, {} rows: {}",
            TimeUnit.NANOSECONDS.toMillis(nanos),
            count < 0 ? rows : count,
            shown(sql));
      }
    }

    /** Done, failed with {@code failure}. */
    void failed(SQLException failure) {
      if (finished) {
        return;
      }
      finished = true;
      if (nanos >= thresholdNanos && LOG.isWarnEnabled()) {
        LOG.warn(
            "slow statement failed after {} ms ({}): {}",
            TimeUnit.NANOSECONDS.toMillis(nanos),
            failure.getSQLState(),
            shown(sql));
      }
    }

    boolean isFinished() {
      return finished;
    }
  }

  private static String shown(String sql) {
    if (sql == null) {
      return "(no SQL)";
    }
    String flat = sql.strip();
    return flat.length() <= MAX_SQL_CHARS
        ? flat
        : flat.substring(0, MAX_SQL_CHARS) + "... (" + flat.length() + " characters)";
  }
}
