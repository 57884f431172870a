package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The key and value limits are exact at the boundary on every write path: the longest allowed is
 * stored and read back whole, one byte more is refused with 22001 and a message naming the limit.
 */
class LimitsTest {

  private static final int MAX_KEY = 4096;
  private static final int DEFAULT_MAX_VALUE = 16 << 20;

  @BothModes
  void aValueOfExactlyTheDocumentedMaximumIsStoredAndOneByteMoreIsRefused(Mode mode)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("limits"));
        PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      String max = "v".repeat(DEFAULT_MAX_VALUE);
      insert.setString(1, "max");
      insert.setString(2, max);
      assertEquals(1, insert.executeUpdate());
      insert.setString(1, "over");
      insert.setString(2, max + "v");
      assertTooLong(insert::executeUpdate, "16777217 bytes", "at most 16777216 bytes");
      try (PreparedStatement get = c.prepareStatement("SELECT value FROM kv WHERE key = ?")) {
        get.setString(1, "max");
        try (ResultSet rs = get.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(DEFAULT_MAX_VALUE, rs.getString(1).length());
        }
      }
    }
  }

  /** Every write path, at a small maxValueBytes so each runs quickly. */
  @BothModes
  void keysAndValuesAreExactAtTheLimitOnEveryWritePath(Mode mode) throws SQLException {
    int maxValue = 1000;
    String url = mode.url("limits-paths", ";maxValueBytes=" + maxValue);
    String maxKey = "k".repeat(MAX_KEY - 1);
    String value = "v".repeat(maxValue);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      int n = 0;
      for (String[] path :
          new String[][] {
            {"INSERT INTO kv VALUES (?, ?)", "single"},
            {"INSERT INTO kv VALUES (?, ?)", "batch"},
            {"UPSERT INTO kv VALUES (?, ?)", "single"},
            {"UPSERT INTO kv VALUES (?, ?)", "batch"},
            {"INSERT INTO kv (value, key) VALUES (?, ?)", "single"},
            {"INSERT INTO kv VALUES (?, ?), ('other" + System.nanoTime() + "', NULL)", "single"},
            {"INSERT INTO kv VALUES (?, ?)", "literal"}
          }) {
        n++;
        String over = "over" + n;
        String sql = path[0];
        boolean swapped = sql.contains("(value, key)");
        String key = maxKey + (char) ('A' + n); // MAX_KEY bytes: at the limit
        write(c, s, sql, path[1], swapped, key, value);
        assertEquals(value, read(c, key), sql + " " + path[1]);
        assertTooLong(
            () -> write(c, s, sql, path[1], swapped, key + "x", "v"),
            "is 4097 bytes",
            "1..4096 bytes");
        assertTooLong(
            () -> write(c, s, sql, path[1], swapped, over, value + "v"),
            "is 1001 bytes",
            "at most 1000 bytes");
      }
      // UPDATE (planned and moving a row) at the same limits.
      assertEquals(1, s.executeUpdate("INSERT INTO kv VALUES ('u', 'small')"));
      assertEquals(1, s.executeUpdate("UPDATE kv SET value = '" + value + "' WHERE key = 'u'"));
      assertEquals(value, read(c, "u"));
      assertTooLong(
          () -> s.executeUpdate("UPDATE kv SET value = value || 'v' WHERE key = 'u'"),
          "is 1001 bytes",
          "at most 1000 bytes");
      assertEquals(1, s.executeUpdate("UPDATE kv SET key = '" + maxKey + "!' WHERE key = 'u'"));
      assertTooLong(
          () -> s.executeUpdate("UPDATE kv SET key = key || 'x' WHERE key = '" + maxKey + "!'"),
          "is 4097 bytes",
          "1..4096 bytes");
    }
  }

  private static void write(
      Connection c, Statement s, String sql, String how, boolean swapped, String key, String value)
      throws SQLException {
    if (how.equals("literal")) {
      s.executeUpdate("INSERT INTO kv VALUES ('" + key + "', '" + value.replace("'", "''") + "')");
      return;
    }
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(swapped ? 2 : 1, key);
      p.setString(swapped ? 1 : 2, value);
      if (how.equals("batch")) {
        p.addBatch();
        try {
          p.executeBatch();
        } catch (BatchUpdateException e) {
          throw e.getNextException() != null ? e.getNextException() : e;
        }
      } else {
        p.executeUpdate();
      }
    }
  }

  private static String read(Connection c, String key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT value FROM kv WHERE key = ?")) {
      p.setString(1, key);
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next(), "no row for the key");
        return rs.getString(1);
      }
    }
  }

  private static void assertTooLong(
      org.junit.jupiter.api.function.Executable call, String size, String limit) {
    SQLException e = assertThrows(SQLException.class, call);
    assertEquals("22001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(size), e.getMessage());
    assertTrue(e.getMessage().contains(limit), e.getMessage());
  }
}
