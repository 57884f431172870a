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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Bounded time: a long statement stops with 57014 when its query timeout passes or another thread
 * cancels it, and neither leaks to the next statement of the same statement object or connection.
 */
class CancelTest {

  private static final int ROWS = 20_000;

  /**
   * A cross join of kv with itself: 400 million pairs, about 45 s of work on the build machine if
   * nothing stops it (measured with the checks switched off).
   */
  private static final String LONG =
      "SELECT COUNT(*) FROM kv a, kv b WHERE a.value <> b.value || 'x'";

  /** Generous for a slow shared machine, and still well short of the statement's own run. */
  private static final long STOPS_WITHIN_MILLIS = 30_000;

  private Connection c;

  @BeforeEach
  void open(Mode mode) throws SQLException {
    c = DriverManager.getConnection(mode.url("cancel"));
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (int i = 0; i < ROWS; i++) {
        insert.setString(1, String.format("k%06d", i));
        insert.setString(2, Integer.toString(i));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  @BothModes
  void aQueryTimeoutStopsALongStatementAndNotTheNext() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      assertStopped(() -> count(s, LONG), "query timeout of 1 s");
      assertEquals(ROWS, count(s, "SELECT COUNT(*) FROM kv"), "the next statement runs");
    }
    try (PreparedStatement p = c.prepareStatement(LONG)) {
      p.setQueryTimeout(1);
      assertStopped(() -> single(p), "query timeout of 1 s");
    }
  }

  @BothModes
  void cancelFromAnotherThreadStopsALongStatementAndNotTheNext() throws Exception {
    try (Statement s = c.createStatement()) {
      CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> countOrThrow(s, LONG));
      Thread.sleep(1500);
      assertTrue(!running.isDone(), "the statement is still running when canceled");
      s.cancel();
      long start = System.nanoTime();
      Throwable thrown =
          assertThrows(
                  java.util.concurrent.ExecutionException.class,
                  () -> running.get(STOPS_WITHIN_MILLIS, TimeUnit.MILLISECONDS))
              .getCause();
      assertTrue(thrown.getCause() instanceof SQLException, String.valueOf(thrown));
      SQLException e = (SQLException) thrown.getCause();
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("cancel"), e.getMessage());
      assertTrue((System.nanoTime() - start) / 1_000_000 < STOPS_WITHIN_MILLIS);
      assertEquals(ROWS, count(s, "SELECT COUNT(*) FROM kv"), "the same statement runs again");
      assertEquals(ROWS, count(s, "SELECT COUNT(*) FROM kv WHERE key >= 'k'"));
    }
    try (Statement other = c.createStatement()) {
      assertEquals(ROWS, count(other, "SELECT COUNT(*) FROM kv"), "the connection goes on");
    }
  }

  private static void assertStopped(org.junit.jupiter.api.function.Executable call, String why) {
    long start = System.nanoTime();
    SQLException e = assertThrows(SQLException.class, call);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("57014", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertTrue(millis < STOPS_WITHIN_MILLIS, "stopped after " + millis + " ms");
  }

  private static long countOrThrow(Statement s, String sql) {
    try {
      return count(s, sql);
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private static long single(PreparedStatement p) throws SQLException {
    try (ResultSet rs = p.executeQuery()) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
