package dev.shale.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * The operations of the load test's mixed workload, each with its share of the operations and its
 * statement (the same SQL on every server), over rows whose keys are {@link KeyFormat} strings of
 * 0..rows-1. Every operation checks its answer; a wrong answer is an error like an exception.
 */
enum MixedOp {
  POINT("point select", 70, "SELECT value FROM kv WHERE key = ?") {
    @Override
    void run(PreparedStatement statement, SplittableRandom random, int rows, ValueSource values)
        throws SQLException {
      statement.setString(1, KeyFormat.keyString(random.nextInt(rows)));
      try (ResultSet result = statement.executeQuery()) {
        if (!result.next()) {
          throw new IllegalStateException("point select found no row for an existing key");
        }
        String value = result.getString(1);
        if (value == null || value.length() != ValueSource.VALUE_BYTES) {
          throw new IllegalStateException("point select read a value of the wrong size: " + value);
        }
        if (result.next()) {
          throw new IllegalStateException("point select found two rows for one key");
        }
      }
    }
  },
  WRITE("write", 20, "UPDATE kv SET value = ? WHERE key = ?") {
    @Override
    void run(PreparedStatement statement, SplittableRandom random, int rows, ValueSource values)
        throws SQLException {
      statement.setString(1, values.string(random.nextInt(rows)));
      statement.setString(2, KeyFormat.keyString(random.nextInt(rows)));
      int count = statement.executeUpdate();
      if (count != 1) {
        throw new IllegalStateException("update of an existing key reported " + count + " rows");
      }
    }
  },
  SCAN(
      "scan 10",
      10,
      "SELECT key, value FROM kv WHERE key >= ? ORDER BY key LIMIT " + MixedOp.SCAN_ROWS) {
    @Override
    void run(PreparedStatement statement, SplittableRandom random, int rows, ValueSource values)
        throws SQLException {
      int from = random.nextInt(rows);
      statement.setString(1, KeyFormat.keyString(from));
      int expected = Math.min(SCAN_ROWS, rows - from);
      int read = 0;
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          String key = result.getString(1);
          if (!key.equals(KeyFormat.keyString(from + read))) {
            throw new IllegalStateException(
                "scan from " + from + " read key " + key + " as row " + read);
          }
          read++;
        }
      }
      if (read != expected) {
        throw new IllegalStateException(
            "scan from " + from + " read " + read + " rows, not " + expected);
      }
    }
  };

  static final int SCAN_ROWS = 10;

  private final String label;
  private final int percent;
  private final String sql;

  MixedOp(String label, int percent, String sql) {
    this.label = label;
    this.percent = percent;
    this.sql = sql;
  }

  String label() {
    return label;
  }

  int percent() {
    return percent;
  }

  String sql() {
    return sql;
  }

  PreparedStatement prepare(Connection connection) throws SQLException {
    return connection.prepareStatement(sql);
  }

  /** Runs one operation with keys (and a value) drawn from {@code random}, and checks it. */
  abstract void run(
      PreparedStatement statement, SplittableRandom random, int rows, ValueSource values)
      throws SQLException;

  /** The next operation: each with its percent of the draws. */
  static MixedOp choose(SplittableRandom random) {
    int draw = random.nextInt(100);
    for (MixedOp op : values()) {
      draw -= op.percent;
      if (draw < 0) {
        return op;
      }
    }
    throw new AssertionError("the percents add up to " + (100 - draw));
  }
}
