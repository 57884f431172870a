package dev.shale.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The common statement shapes of the cold-start goal (issue 13): each one prepared statement with
 * parameters, its SQL per database where the dialects differ, and the answer it must give on a
 * table of {@code rows} rows with the keys {@link KeyFormat#keyString} 0..rows-1.
 *
 * <p>Run 0 (the first statement) works at index {@code rows / 4}, run 1 (the same statement again,
 * other parameters) at {@code rows / 2}, so both find their rows and neither sees what the other
 * changed.
 */
enum FirstStatementShape {
  INSERT("insert", "INSERT INTO kv VALUES (?, ?)") {
    @Override
    void bind(PreparedStatement statement, int rows, int run) throws SQLException {
      // Keys after every existing one: new rows.
      statement.setString(1, KeyFormat.keyString(rows + run));
      statement.setString(2, value(rows + run, run));
    }

    @Override
    void check(PreparedStatement statement, int rows, int run) throws SQLException {
      expectUpdates(statement.executeUpdate(), 1);
    }
  },
  UPSERT("upsert", "UPSERT INTO kv VALUES (?, ?)") {
    @Override
    String sql(JdbcTarget target) {
      return switch (target) {
        case SHALE -> sql;
        // H2 parses KEY(key) without a column list as a column count mismatch.
        case H2 -> "MERGE INTO kv (key, value) KEY (key) VALUES (?, ?)";
        case SQLITE -> "INSERT OR REPLACE INTO kv VALUES (?, ?)";
      };
    }

    @Override
    void bind(PreparedStatement statement, int rows, int run) throws SQLException {
      // An existing key: the replacing path.
      statement.setString(1, KeyFormat.keyString(base(rows, run)));
      statement.setString(2, value(base(rows, run), run));
    }

    @Override
    void check(PreparedStatement statement, int rows, int run) throws SQLException {
      expectUpdates(statement.executeUpdate(), 1);
    }
  },
  POINT_SELECT("point_select", "SELECT key, value FROM kv WHERE key = ?") {
    @Override
    void bind(PreparedStatement statement, int rows, int run) throws SQLException {
      statement.setString(1, KeyFormat.keyString(base(rows, run)));
    }

    @Override
    void check(PreparedStatement statement, int rows, int run) throws SQLException {
      expectRows(statement, base(rows, run), 1);
    }
  },
  RANGE_SELECT(
      "range_select",
      "SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key LIMIT 10") {
    @Override
    void bind(PreparedStatement statement, int rows, int run) throws SQLException {
      bindRange(statement, 1, base(rows, run), 2 * RANGE);
    }

    @Override
    void check(PreparedStatement statement, int rows, int run) throws SQLException {
      expectRows(statement, base(rows, run), RANGE);
    }
  },
  UPDATE_KEY("update_key", "UPDATE kv SET value = ? WHERE key = ?") {
    @Override
    void bind(PreparedStatement statement, int rows, int run) throws SQLException {
      statement.setString(1, value(base(rows, run), run));
      statement.setString(2, KeyFormat.keyString(base(rows, run)));
    }

    @Override
    void check(PreparedStatement statement, int rows, int run) throws SQLException {
      expectUpdates(statement.executeUpdate(), 1);
    }
  },
  UPDATE_RANGE("update_range", "UPDATE kv SET value = ? WHERE key >= ? AND key < ?") {
    @Override
    void bind(PreparedStatement statement, int rows, int run) throws SQLException {
      statement.setString(1, value(base(rows, run), run));
      bindRange(statement, 2, base(rows, run), RANGE);
    }

    @Override
    void check(PreparedStatement statement, int rows, int run) throws SQLException {
      expectUpdates(statement.executeUpdate(), RANGE);
    }
  },
  DELETE_KEY("delete_key", "DELETE FROM kv WHERE key = ?") {
    @Override
    void bind(PreparedStatement statement, int rows, int run) throws SQLException {
      statement.setString(1, KeyFormat.keyString(base(rows, run)));
    }

    @Override
    void check(PreparedStatement statement, int rows, int run) throws SQLException {
      expectUpdates(statement.executeUpdate(), 1);
    }
  },
  DELETE_RANGE("delete_range", "DELETE FROM kv WHERE key >= ? AND key < ?") {
    @Override
    void bind(PreparedStatement statement, int rows, int run) throws SQLException {
      bindRange(statement, 1, base(rows, run), RANGE);
    }

    @Override
    void check(PreparedStatement statement, int rows, int run) throws SQLException {
      expectUpdates(statement.executeUpdate(), RANGE);
    }
  },
  COUNT("count", "SELECT COUNT(*) FROM kv") {
    @Override
    void bind(PreparedStatement statement, int rows, int run) {
      // No parameters: the second run is the same statement again.
    }

    @Override
    void check(PreparedStatement statement, int rows, int run) throws SQLException {
      try (ResultSet result = statement.executeQuery()) {
        long count = result.next() ? result.getLong(1) : -1;
        if (count != rows || result.next()) {
          throw new IllegalStateException("COUNT(*) = " + count + ", expected " + rows);
        }
      }
    }
  };

  /** The rows a range statement covers; a range select reads the first of twice as many. */
  static final int RANGE = 10;

  /** The fewest rows the shapes work on: both runs' ranges must lie inside the table. */
  static final int MIN_ROWS = 8 * RANGE;

  private final String optionName;
  final String sql;

  FirstStatementShape(String optionName, String sql) {
    this.optionName = optionName;
    this.sql = sql;
  }

  String optionName() {
    return optionName;
  }

  /** The statement's text in {@code target}'s dialect. */
  String sql(JdbcTarget target) {
    return sql;
  }

  /** Sets the parameters of run {@code run} (0 the first statement, 1 the second). */
  abstract void bind(PreparedStatement statement, int rows, int run) throws SQLException;

  /**
   * Executes the bound statement, reads every row and column, and throws {@link
   * IllegalStateException} unless the answer is the one a table of {@code rows} rows gives.
   */
  abstract void check(PreparedStatement statement, int rows, int run) throws SQLException;

  /**
   * The whole first (or second) statement as a user writes it: prepare, bind, execute, read the
   * answer, close.
   */
  void execute(Connection connection, JdbcTarget target, int rows, int run) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql(target))) {
      bind(statement, rows, run);
      check(statement, rows, run);
    }
  }

  static FirstStatementShape fromOption(String name) {
    for (FirstStatementShape shape : values()) {
      if (shape.optionName.equals(name.toLowerCase(Locale.ROOT))) {
        return shape;
      }
    }
    StringBuilder known = new StringBuilder();
    for (FirstStatementShape shape : values()) {
      known.append(known.isEmpty() ? "" : ",").append(shape.optionName);
    }
    throw new IllegalArgumentException("Unknown shape '" + name + "'; known: " + known);
  }

  /** The value run {@code run} writes for {@code index}: 100 characters, different per run. */
  static String value(long index, int run) {
    String seed = "r" + run + "-" + KeyFormat.keyString(index) + "-";
    StringBuilder value = new StringBuilder(ValueSource.VALUE_BYTES);
    while (value.length() < ValueSource.VALUE_BYTES) {
      value.append(seed);
    }
    value.setLength(ValueSource.VALUE_BYTES);
    return value.toString();
  }

  private static int base(int rows, int run) {
    return run == 0 ? rows / 4 : rows / 2;
  }

  private static void bindRange(PreparedStatement statement, int first, int from, int width)
      throws SQLException {
    statement.setString(first, KeyFormat.keyString(from));
    statement.setString(first + 1, KeyFormat.keyString(from + width));
  }

  private static void expectUpdates(int count, int expected) {
    if (count != expected) {
      throw new IllegalStateException("changed " + count + " rows, expected " + expected);
    }
  }

  /** Reads every row; they must be the keys from {@code from} on, in order, with their values. */
  private static void expectRows(PreparedStatement statement, int from, int expected)
      throws SQLException {
    int seen = 0;
    try (ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        String key = result.getString(1);
        String value = result.getString(2);
        if (!KeyFormat.keyString(from + seen).equals(key) || value == null) {
          throw new IllegalStateException(
              "row " + seen + " is (" + key + ", " + value + "), expected key " + (from + seen));
        }
        seen++;
      }
    }
    if (seen != expected) {
      throw new IllegalStateException("read " + seen + " rows, expected " + expected);
    }
  }
}
