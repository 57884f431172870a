package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A statement too complex to plan in bounded time fails fast with 54001 naming the limit — never a
 * StackOverflowError, never a connection busy for many seconds — and the connection goes on.
 */
class ComplexityTest {

  /** Generous for a slow shared machine; the limits are checked before any parsing. */
  private static final long FAST_MILLIS = 5_000;

  private Connection c;

  @BeforeEach
  void open() throws SQLException {
    c = DriverManager.getConnection("jdbc:shale:mem:complex-" + System.nanoTime());
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('a', '1'), ('b', '2')");
    }
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  @Test
  void thousandsOfNestedNotsFailFast() throws SQLException {
    assertTooComplex("SELECT * FROM kv WHERE " + "NOT ".repeat(5000) + "key = 'a'", "128 levels");
    assertTooComplex("SELECT " + "- ".repeat(3000) + "1 FROM kv", "128 levels");
    assertTooComplex(
        "SELECT * FROM kv WHERE " + "(".repeat(3000) + "key = 'a'" + ")".repeat(3000),
        "128 levels");
    // Under the limit it runs: 100 NOTs (an even number) say key = 'a'.
    assertEquals(1, count("SELECT * FROM kv WHERE " + "NOT ".repeat(100) + "key = 'a'"));
  }

  @Test
  void tensOfThousandsOfColumnsFailFast() throws SQLException {
    assertTooComplex("SELECT " + "key, ".repeat(20_000) + "value FROM kv", "1000 expressions");
    assertTooComplex(
        "SELECT * FROM kv WHERE key = 'a'" + " OR value = 'x'".repeat(3000), "256 operators");
    assertTooComplex("SELECT " + "1 + ".repeat(2000) + "1 FROM kv", "256 operators");
    assertTooComplex(
        "SELECT * FROM kv WHERE key = 'a'" + " OR key = 'x'".repeat(450), "256 operators");
    // Under the limit it runs: 200 ORs on key are one key range list.
    assertEquals(1, count("SELECT * FROM kv WHERE key = 'a'" + " OR key = 'x'".repeat(200)));
  }

  @Test
  void longInListsOnAnythingButTheKeyFailFast() throws SQLException {
    StringBuilder in = new StringBuilder("SELECT * FROM kv WHERE value IN ('a'");
    for (int i = 0; i < 1000; i++) {
      in.append(", 'v").append(i).append('\'');
    }
    assertTooComplex(in.append(')').toString(), "256 values per IN list not on key");
    StringBuilder ok = new StringBuilder("SELECT * FROM kv WHERE value NOT IN ('a'");
    for (int i = 0; i < 100; i++) {
      ok.append(", 'v").append(i).append('\'');
    }
    assertEquals(2, count(ok.append(')').toString()));
  }

  @Test
  void deeplyNestedSubqueriesFailFast() throws SQLException {
    String sql = "SELECT key FROM kv";
    for (int i = 0; i < 60; i++) {
      sql = "SELECT key FROM kv WHERE key IN (" + sql + ")";
    }
    assertTooComplex(sql, "50 SELECTs");
  }

  @Test
  void longListsOfValuesStayAllowed() throws SQLException {
    StringBuilder in = new StringBuilder("SELECT * FROM kv WHERE key IN ('a'");
    for (int i = 0; i < 5000; i++) {
      in.append(", 'k").append(i).append('\'');
    }
    assertEquals(1, count(in.append(')').toString()));
    StringBuilder values = new StringBuilder("INSERT INTO kv VALUES ('r0', 'v')");
    for (int i = 1; i < 2000; i++) {
      values.append(", ('r").append(i).append("', 'v')");
    }
    try (Statement s = c.createStatement()) {
      assertEquals(2000, s.executeUpdate(values.toString()));
    }
  }

  private void assertTooComplex(String sql, String limit) throws SQLException {
    long start = System.nanoTime();
    SQLException e = assertThrows(SQLException.class, () -> count(sql));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("54001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("the limit is " + limit), e.getMessage());
    assertTrue(millis < FAST_MILLIS, "took " + millis + " ms");
    SQLException prepared = assertThrows(SQLException.class, () -> c.prepareStatement(sql));
    assertEquals("54001", prepared.getSQLState(), prepared.getMessage());
    assertEquals(2, count("SELECT * FROM kv WHERE key IN ('a', 'b')"), "the connection goes on");
  }

  private int count(String sql) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql);
        ResultSet rs = p.executeQuery()) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }
}
