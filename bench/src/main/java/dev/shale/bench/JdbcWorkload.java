package dev.shale.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The JDBC workloads, in the order every database runs them, over rows whose keys are {@link
 * KeyFormat} strings of 0..rows-1 and whose values are {@link ValueSource} strings. Statements are
 * prepared before the clock starts; every operation checks its answer.
 */
enum JdbcWorkload {
  INSERT(
      "batch insert",
      "`INSERT INTO kv VALUES (?, ?)`, 1000 rows per `executeBatch`, auto-commit, every key once"
          + " in a random order; one op = one row") {
    @Override
    Statement prepare(Connection connection) throws SQLException {
      return connection.prepareStatement("INSERT INTO kv VALUES (?, ?)");
    }

    @Override
    int op(Statement statement, long opIndex, Input input) throws SQLException {
      PreparedStatement insert = (PreparedStatement) statement;
      int from = Math.toIntExact(opIndex);
      int to = Math.min(input.order().length, from + INSERT_BATCH);
      for (int i = from; i < to; i++) {
        int index = input.order()[i];
        insert.setString(1, KeyFormat.keyString(index));
        insert.setString(2, input.values().string(index));
        insert.addBatch();
      }
      int[] counts = insert.executeBatch();
      for (int count : counts) {
        if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
          throw new IllegalStateException("An insert of the batch reported " + count + " rows");
        }
      }
      return to - from;
    }
  },
  POINT_SELECT(
      "point select",
      "prepared `SELECT value FROM kv WHERE key = ?`, one PreparedStatement reused, a random"
          + " existing key") {
    @Override
    Statement prepare(Connection connection) throws SQLException {
      return connection.prepareStatement("SELECT value FROM kv WHERE key = ?");
    }

    @Override
    int op(Statement statement, long opIndex, Input input) throws SQLException {
      PreparedStatement select = (PreparedStatement) statement;
      select.setString(1, KeyFormat.keyString(input.random().nextInt(input.config().rows())));
      try (ResultSet rows = select.executeQuery()) {
        expectOneValue(rows);
      }
      return 1;
    }
  },
  SCAN_100(
      "scan 100",
      "prepared `SELECT key, value FROM kv WHERE key >= ? ORDER BY key LIMIT 100` from a random"
          + " existing key, all rows read") {
    @Override
    Statement prepare(Connection connection) throws SQLException {
      return connection.prepareStatement(
          "SELECT key, value FROM kv WHERE key >= ? ORDER BY key LIMIT 100");
    }

    @Override
    int op(Statement statement, long opIndex, Input input) throws SQLException {
      PreparedStatement select = (PreparedStatement) statement;
      int rowCount = input.config().rows();
      int index = input.random().nextInt(rowCount);
      select.setString(1, KeyFormat.keyString(index));
      int read = 0;
      try (ResultSet rows = select.executeQuery()) {
        String previous = null;
        while (rows.next()) {
          String key = rows.getString(1);
          if (rows.getString(2) == null || (previous != null && previous.compareTo(key) >= 0)) {
            throw new IllegalStateException("scan returned rows out of key order at " + key);
          }
          previous = key;
          read++;
        }
      }
      int expected = Math.min(100, rowCount - index);
      if (read != expected) {
        throw new IllegalStateException("scan read " + read + " rows, expected " + expected);
      }
      return 1;
    }
  },
  RANGE_COUNT(
      "range count",
      "prepared `SELECT COUNT(*) FROM kv WHERE key BETWEEN ? AND ?` over 1000 consecutive"
          + " existing keys from a random one") {
    @Override
    Statement prepare(Connection connection) throws SQLException {
      return connection.prepareStatement("SELECT COUNT(*) FROM kv WHERE key BETWEEN ? AND ?");
    }

    @Override
    int op(Statement statement, long opIndex, Input input) throws SQLException {
      PreparedStatement select = (PreparedStatement) statement;
      int rowCount = input.config().rows();
      int span = Math.min(RANGE_KEYS, rowCount);
      int from = input.random().nextInt(rowCount - span + 1);
      select.setString(1, KeyFormat.keyString(from));
      select.setString(2, KeyFormat.keyString(from + span - 1));
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next() || rows.getLong(1) != span) {
          throw new IllegalStateException("range count of " + span + " keys was wrong");
        }
      }
      return 1;
    }
  },
  ADHOC_SELECT(
      "ad-hoc select",
      "`Statement.executeQuery(\"SELECT value FROM kv WHERE key = '…'\")` with a new literal each"
          + " time, so each is parsed and planned anew") {
    @Override
    Statement prepare(Connection connection) throws SQLException {
      return connection.createStatement();
    }

    @Override
    int op(Statement statement, long opIndex, Input input) throws SQLException {
      String key = KeyFormat.keyString(input.random().nextInt(input.config().rows()));
      try (ResultSet rows = statement.executeQuery(pointQuery(key))) {
        expectOneValue(rows);
      }
      return 1;
    }
  },
  TX_UPDATE_10(
      "10-update transaction",
      "`setAutoCommit(false)`, 10 prepared `UPDATE kv SET value = ? WHERE key = ?` of random"
          + " existing keys, `commit()`, `setAutoCommit(true)` (as Spring's transaction manager"
          + " does); one op = one transaction") {
    @Override
    Statement prepare(Connection connection) throws SQLException {
      return connection.prepareStatement("UPDATE kv SET value = ? WHERE key = ?");
    }

    @Override
    int op(Statement statement, long opIndex, Input input) throws SQLException {
      PreparedStatement update = (PreparedStatement) statement;
      Connection connection = update.getConnection();
      connection.setAutoCommit(false);
      for (int i = 0; i < TX_STATEMENTS; i++) {
        int rows = input.config().rows();
        update.setString(1, input.values().string(input.random().nextInt(rows)));
        update.setString(2, KeyFormat.keyString(input.random().nextInt(rows)));
        if (update.executeUpdate() != 1) {
          throw new IllegalStateException("an update of an existing key changed no row");
        }
      }
      connection.commit();
      connection.setAutoCommit(true);
      return 1;
    }
  },
  TX_READ_10(
      "10-select transaction",
      "`setAutoCommit(false)`, 10 prepared `SELECT value FROM kv WHERE key = ?` of random"
          + " existing keys, `commit()`, `setAutoCommit(true)`; one op = one transaction") {
    @Override
    Statement prepare(Connection connection) throws SQLException {
      return connection.prepareStatement("SELECT value FROM kv WHERE key = ?");
    }

    @Override
    int op(Statement statement, long opIndex, Input input) throws SQLException {
      PreparedStatement select = (PreparedStatement) statement;
      Connection connection = select.getConnection();
      connection.setAutoCommit(false);
      for (int i = 0; i < TX_STATEMENTS; i++) {
        select.setString(1, KeyFormat.keyString(input.random().nextInt(input.config().rows())));
        try (ResultSet rows = select.executeQuery()) {
          expectOneValue(rows);
        }
      }
      connection.commit();
      connection.setAutoCommit(true);
      return 1;
    }
  };

  /** Statements per transaction of the transaction workloads. */
  static final int TX_STATEMENTS = 10;

  static final int INSERT_BATCH = 1000;

  static final int RANGE_KEYS = 1000;

  /** What a workload's operations draw on. {@code order} is the insert order, else null. */
  record Input(JdbcBenchConfig config, ValueSource values, SplittableRandom random, int[] order) {}

  private final String label;
  private final String description;

  JdbcWorkload(String label, String description) {
    this.label = label;
    this.description = description;
  }

  String label() {
    return label;
  }

  String description() {
    return description;
  }

  String optionName() {
    return name().toLowerCase(Locale.ROOT).replace("_", "");
  }

  /** Prepares the statement the operations reuse, before the clock starts. */
  abstract Statement prepare(Connection connection) throws SQLException;

  /** Runs operation {@code opIndex}; returns how many operations it did (rows, for inserts). */
  abstract int op(Statement statement, long opIndex, Input input) throws SQLException;

  /** A generator for this workload's choices, the same for every database. */
  SplittableRandom random(long seed, boolean warmup) {
    return new SplittableRandom(seed * 1_000_003L + ordinal() * 2L + (warmup ? 1 : 0));
  }

  static String pointQuery(String key) {
    return "SELECT value FROM kv WHERE key = '" + key + "'";
  }

  private static void expectOneValue(ResultSet rows) throws SQLException {
    if (!rows.next()) {
      throw new IllegalStateException("a key that exists was not found");
    }
    String value = rows.getString(1);
    if (value == null || value.length() != ValueSource.VALUE_BYTES || rows.next()) {
      throw new IllegalStateException("a point select returned a wrong row");
    }
  }

  static JdbcWorkload fromOption(String name) {
    for (JdbcWorkload workload : values()) {
      if (workload.optionName().equals(name)) {
        return workload;
      }
    }
    throw new IllegalArgumentException(
        "Unknown workload '"
            + name
            + "'; known: insert,pointselect,scan100,rangecount,adhocselect");
  }
}
