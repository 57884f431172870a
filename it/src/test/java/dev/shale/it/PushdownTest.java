package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Pushed-down scans and DML over JDBC: parameters per execution, limits, range deletes. */
class PushdownTest {

  private Connection connection;

  @BeforeEach
  void open(Mode mode) throws SQLException {
    connection = DriverManager.getConnection(mode.url("pushdown"));
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (int i = 0; i < 100; i++) {
        insert.setString(1, String.format("k%03d", i));
        insert.setString(2, i % 10 == 0 ? null : "v" + i);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @BothModes
  void preparedRangeScanTakesNewParametersEachExecution() throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT key FROM kv WHERE key BETWEEN ? AND ? ORDER BY key DESC LIMIT ? OFFSET ?")) {
      assertEquals(List.of("k019", "k018"), run(select, "k010", "k020", 2, 1));
      assertEquals(List.of("k050", "k049", "k048"), run(select, "k040", "k050", 3, 0));
      assertEquals(List.of(), run(select, "k050", "k040", 3, 0));
      assertEquals(List.of("k099"), run(select, "k099", "z", 10, 0));
    }
  }

  @BothModes
  void nullParameterMatchesNothing() throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT key FROM kv WHERE key = ?")) {
      select.setNull(1, Types.VARCHAR);
      assertEquals(List.of(), rows(select));
      select.setString(1, "k007");
      assertEquals(List.of("k007"), rows(select));
    }
  }

  @BothModes
  void negativeLimitParameterIsAnError() throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT key FROM kv WHERE key > ? ORDER BY key LIMIT ?")) {
      select.setString(1, "k");
      select.setInt(2, -1);
      SQLException e = assertThrows(SQLException.class, select::executeQuery);
      assertEquals("2201W", e.getSQLState(), e.getMessage());
    }
  }

  @BothModes
  void rangeDeleteCountsAndRemovesExactlyTheRange() throws SQLException {
    try (Statement s = connection.createStatement()) {
      assertEquals(40, s.executeUpdate("DELETE FROM kv WHERE key >= 'k030' AND key < 'k070'"));
      assertEquals(0, s.executeUpdate("DELETE FROM kv WHERE key >= 'k030' AND key < 'k070'"));
      assertEquals(
          List.of("k029", "k070"),
          query(s, "SELECT key FROM kv WHERE key BETWEEN 'k029' AND 'k070'"));
      assertEquals(
          3, s.executeUpdate("DELETE FROM kv WHERE key IN ('k001', 'k002', 'k003', 'nope')"));
      assertEquals(57, s.executeUpdate("DELETE FROM kv"));
      assertEquals(List.of("0"), query(s, "SELECT COUNT(*) FROM kv"));
    }
  }

  @BothModes
  void upsertWritesBlindlyAndInsertStillRefusesDuplicates() throws SQLException {
    try (Statement s = connection.createStatement()) {
      assertEquals(
          2, s.executeUpdate("UPSERT INTO kv (key, value) VALUES ('k001', 'new'), ('zz', NULL)"));
      assertEquals(List.of("new"), query(s, "SELECT value FROM kv WHERE key = 'k001'"));
      SQLException e =
          assertThrows(
              SQLException.class, () -> s.executeUpdate("INSERT INTO kv VALUES ('zz', 'x')"));
      assertEquals("23505", e.getSQLState());
    }
  }

  @BothModes
  void minMaxAndCountOverRanges() throws SQLException {
    try (Statement s = connection.createStatement()) {
      assertEquals(List.of("k010"), query(s, "SELECT MIN(key) FROM kv WHERE key > 'k009'"));
      assertEquals(
          List.of("k089"),
          query(s, "SELECT MAX(key) FROM kv WHERE key < 'k090' AND value IS NOT NULL"));
      assertEquals(
          List.of("11"), query(s, "SELECT COUNT(*) FROM kv WHERE key BETWEEN 'k020' AND 'k030'"));
    }
  }

  private static List<String> run(
      PreparedStatement select, String lo, String hi, int limit, int offset) throws SQLException {
    select.setString(1, lo);
    select.setString(2, hi);
    select.setInt(3, limit);
    select.setInt(4, offset);
    return rows(select);
  }

  private static List<String> rows(PreparedStatement select) throws SQLException {
    try (ResultSet rs = select.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  private static List<String> query(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }
}
