package dev.shale.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * One client of the load test: its own connection in auto-commit mode and one prepared statement
 * per {@link MixedOp}, driven by one thread in a closed loop (the next operation starts when the
 * last one returned, no think time). Latencies go into one histogram per operation kind; an
 * operation that fails counts as an error and records no latency.
 */
final class LoadClient implements AutoCloseable {

  /** Latencies from 1 µs to 2 minutes, in nanoseconds, to 3 significant digits. */
  static final long LOWEST_NANOS = 1_000;

  static final long HIGHEST_NANOS = 120_000_000_000L;
  static final int DIGITS = 3;

  private final Connection connection;
  private final Map<MixedOp, PreparedStatement> statements = new EnumMap<>(MixedOp.class);
  private final Map<MixedOp, Histogram> latencies = new EnumMap<>(MixedOp.class);
  private final int rows;
  private final ValueSource values;
  private long errors;
  private String firstError;
  private boolean ranMeasured;
  private long startNanos;
  private long endNanos;

  /** Takes {@code connection} (closed with the client) and prepares the statements on it. */
  LoadClient(Connection connection, int rows, ValueSource values) throws SQLException {
    this.connection = connection;
    this.rows = rows;
    this.values = values;
    try {
      connection.setAutoCommit(true);
      for (MixedOp op : MixedOp.values()) {
        statements.put(op, op.prepare(connection));
        latencies.put(op, newHistogram());
      }
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  static Histogram newHistogram() {
    return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);
  }

  /**
   * Runs operations chosen by {@code random} until {@code maxOps} have run or {@code deadline}
   * ({@link System#nanoTime}) has passed; records their latencies only if {@code measured}. Errors
   * count in both phases.
   */
  void run(SplittableRandom random, long maxOps, long deadline, boolean measured) {
    long start = System.nanoTime();
    long now = start;
    for (long done = 0; done < maxOps && now < deadline; done++) {
      MixedOp op = MixedOp.choose(random);
      boolean ok;
      try {
        op.run(statements.get(op), random, rows, values);
        ok = true;
      } catch (SQLException | RuntimeException e) {
        error(op.label() + ": " + e);
        ok = false;
      }
      long end = System.nanoTime();
      if (ok && measured) {
        latencies.get(op).recordValue(Math.min(HIGHEST_NANOS, Math.max(0, end - now)));
      }
      now = end;
    }
    if (measured) {
      ranMeasured = true;
      startNanos = start;
      endNanos = now;
    }
  }

  /** An error outside an operation (the thread could not start or wait with the others). */
  synchronized void error(String message) {
    errors++;
    if (firstError == null) {
      firstError = message;
    }
  }

  Histogram latencies(MixedOp op) {
    return latencies.get(op);
  }

  synchronized long errors() {
    return errors;
  }

  synchronized String firstError() {
    return firstError;
  }

  /** Whether this client ran its measured phase (not if it failed to start with the others). */
  boolean ranMeasured() {
    return ranMeasured;
  }

  /** When the measured phase started and ended on this client ({@link System#nanoTime}). */
  long startNanos() {
    return startNanos;
  }

  long endNanos() {
    return endNanos;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
