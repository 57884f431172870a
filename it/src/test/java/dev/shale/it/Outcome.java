package dev.shale.it;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one statement did, in a form two databases can be compared by: the rows of a query (sorted
 * when the query does not fix an order), an update count, or the class of the SQLState it failed
 * with.
 */
record Outcome(List<List<String>> rows, long updateCount, String errorClass) {

  static Outcome of(Statement statement, String sql) {
    try {
      return read(statement, statement.execute(sql), sql);
    } catch (SQLException e) {
      return failure(e);
    }
  }

  /** Executes {@code statement} with {@code parameters}; {@code sql} is its text. */
  static Outcome of(PreparedStatement statement, String sql, List<String> parameters) {
    try {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setString(i + 1, parameters.get(i));
      }
      return read(statement, statement.execute(), sql);
    } catch (SQLException e) {
      return failure(e);
    }
  }

  private static Outcome failure(SQLException e) {
    String state = e.getSQLState();
    return new Outcome(null, -1, state == null ? "null" : state.substring(0, 2));
  }

  private static Outcome read(Statement statement, boolean hasResultSet, String sql)
      throws SQLException {
    {
      if (hasResultSet) {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet rs = statement.getResultSet()) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            List<String> row = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
              row.add(rs.getString(i));
            }
            rows.add(row);
          }
        }
        if (!sql.toUpperCase(java.util.Locale.ROOT).contains("ORDER BY")) {
          rows.sort(Comparator.comparing(Object::toString));
        }
        return new Outcome(rows, -1, null);
      }
      return new Outcome(null, statement.getUpdateCount(), null);
    }
  }
}
