package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC surface of an embedded connection: URLs, persistence, errors, auto-commit. */
class ConnectionTest {

  @TempDir Path dir;

  private String url() {
    return "jdbc:shale:" + dir.resolve("db");
  }

  @Test
  void writesSurviveCloseAndReopen() throws SQLException {
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      assertEquals(2, s.executeUpdate("INSERT INTO kv VALUES ('a', '1'), ('b', NULL)"));
      assertEquals(1, s.executeUpdate("UPDATE kv SET value = '2' WHERE key = 'b'"));
      assertEquals(1, s.executeUpdate("DELETE FROM kv WHERE key = 'a'"));
      assertEquals(1, s.executeUpdate("INSERT INTO kv VALUES ('c', '3')"));
    }
    assertTrue(Files.isDirectory(dir.resolve("db")), "the URL's directory was created");
    try (Connection c = DriverManager.getConnection(url())) {
      assertEquals(List.of("b=2", "c=3"), rows(c, "SELECT key, value FROM kv ORDER BY key"));
    }
  }

  @Test
  void connectionsShareOneEngineAndTheLastCloseReleasesIt() throws Exception {
    Connection first = DriverManager.getConnection(url());
    Connection second = DriverManager.getConnection(url() + ";sync=false");
    try (Statement s = first.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('shared', 'yes')");
    }
    assertEquals(List.of("shared=yes"), rows(second, "SELECT * FROM kv"));
    first.close();
    assertEquals(List.of("shared=yes"), rows(second, "SELECT * FROM kv"));
    second.close();
    assertTrue(first.isClosed() && second.isClosed());
    // Released: another process could now take the lock; here, a fresh open replays the log.
    try (Connection third = DriverManager.getConnection(url())) {
      assertEquals(List.of("shared=yes"), rows(third, "SELECT * FROM kv"));
    }
  }

  @Test
  void inMemoryDatabasesAreSeparateAndGoneWithTheLastConnection() throws SQLException {
    try (Connection a = DriverManager.getConnection("jdbc:shale:mem:one");
        Connection b = DriverManager.getConnection("jdbc:shale:mem:two");
        Statement s = a.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('k', 'v')");
      assertEquals(List.of("k=v"), rows(a, "SELECT * FROM kv"));
      assertEquals(List.of(), rows(b, "SELECT * FROM kv"));
    }
    try (Connection a = DriverManager.getConnection("jdbc:shale:mem:one")) {
      assertEquals(List.of(), rows(a, "SELECT * FROM kv"));
    }
  }

  @Test
  void unquotedNamesMatchInAnyCase() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:shale:mem:case");
        Statement s = c.createStatement()) {
      s.executeUpdate("insert into KV (KEY, VALUE) values ('a', '1')");
      assertEquals(List.of("a=1"), rows(c, "SELECT key, value FROM kv WHERE key = 'a'"));
      assertEquals(List.of("a=1"), rows(c, "Select Key, Value From Kv Where KEY = 'a'"));
    }
  }

  @BothModes
  void preparedStatementsBindParameters(Mode mode) throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("prepared"));
        PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?)");
        PreparedStatement select = c.prepareStatement("SELECT value FROM kv WHERE key = ?")) {
      for (int i = 0; i < 10; i++) {
        insert.setString(1, "k" + i);
        insert.setString(2, "v" + i);
        assertEquals(1, insert.executeUpdate());
      }
      select.setString(1, "k7");
      try (ResultSet rs = select.executeQuery()) {
        assertTrue(rs.next());
        assertEquals("v7", rs.getString(1));
        assertFalse(rs.next());
        assertTrue(rs.getStatement() == select, "a result set's statement is the user's statement");
      }
    }
  }

  @BothModes
  void userMistakesBecomeSqlExceptionsWithStandardStates(Mode mode) throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("errors"));
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('a', '1')");
      assertState("23505", s, "INSERT INTO kv VALUES ('a', '2')", "'a'");
      assertState("23505", s, "INSERT INTO kv VALUES ('b', '1'), ('b', '2')", "'b'");
      assertState("23502", s, "INSERT INTO kv VALUES (NULL, '1')", "key");
      assertState("22001", s, "INSERT INTO kv VALUES ('" + "k".repeat(4097) + "', '1')", "4096");
      assertState("22023", s, "INSERT INTO kv VALUES ('', '1')", "1..4096");
      assertState("42000", s, "SELEKT * FROM kv", "line 1, column 1");
      assertState("42000", s, "SELECT * FROM kv WHERE", "'WHERE'");
      assertState("42S02", s, "SELECT * FROM nowhere", "nowhere");
      assertState("42S22", s, "SELECT nothing FROM kv", "nothing");
      s.executeUpdate("INSERT INTO kv VALUES ('z', '26')");
      assertState("23505", s, "UPDATE kv SET key = 'c'", "'c'");
      assertState("23505", s, "UPDATE kv SET key = 'z' WHERE key = 'a'", "'z'");
      // Nothing a failed statement did stays behind.
      assertEquals(List.of("a=1", "z=26"), rows(c, "SELECT * FROM kv"));
    }
  }

  @BothModes
  void autoCommitIsOnAndCommitAndRollbackDoNotThrow(Mode mode) throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("autocommit"))) {
      assertTrue(c.getAutoCommit());
      c.setAutoCommit(true);
      c.commit();
      c.rollback();
      assertEquals("Shale", c.getMetaData().getDatabaseProductName());
      assertEquals(c, c.getMetaData().getConnection());
    }
  }

  @Test
  void badUrlsAreRefusedWithClearMessages() {
    SQLException e =
        assertThrows(
            SQLException.class, () -> DriverManager.getConnection("jdbc:shale:mem:x;bogus=1"));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("bogus"), e.getMessage());
    e =
        assertThrows(
            SQLException.class, () -> DriverManager.getConnection("jdbc:shale:mem:x;sync=maybe"));
    assertTrue(e.getMessage().contains("sync"), e.getMessage());
    e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:shale:mem:"));
    assertEquals("08001", e.getSQLState());
  }

  @BothModes
  void aClosedConnectionRefusesWork(Mode mode) throws SQLException {
    Connection c = DriverManager.getConnection(mode.url("closed"));
    c.close();
    c.close();
    SQLException e = assertThrows(SQLException.class, c::createStatement);
    assertTrue(e.getSQLState().startsWith("08"), e.getSQLState());
  }

  @BothModes
  void statementsOfAClosedConnectionRefuseToExecute(Mode mode) throws SQLException {
    // Another connection keeps the database open: only the closed connection is refused.
    try (Connection other = DriverManager.getConnection(mode.url("closed-statements"))) {
      Connection c = DriverManager.getConnection(mode.url("closed-statements"));
      Statement s = c.createStatement();
      PreparedStatement select = c.prepareStatement("SELECT value FROM kv WHERE key = ?");
      PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?)");
      PreparedStatement update = c.prepareStatement("UPDATE kv SET value = ? WHERE key = ?");
      select.setString(1, "a");
      insert.setString(1, "a");
      insert.setString(2, "1");
      insert.addBatch();
      update.setString(1, "2");
      update.setString(2, "a");
      c.close();
      assertClosed(() -> s.executeQuery("SELECT * FROM kv"));
      assertClosed(() -> s.executeUpdate("INSERT INTO kv VALUES ('b', '2')"));
      assertClosed(() -> s.execute("SELECT * FROM kv"));
      assertClosed(select::executeQuery);
      assertClosed(insert::executeUpdate);
      assertClosed(insert::execute);
      assertClosed(insert::executeBatch);
      assertClosed(update::executeUpdate);
      assertTrue(s.isClosed() && select.isClosed() && insert.isClosed(), "closed with c");
      assertEquals(List.of(), rows(other, "SELECT * FROM kv"), "nothing was written");
    }
  }

  @BothModes
  void anErrorWhileIteratingIsAnSqlExceptionWithAState(Mode mode) throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("iterating"));
        PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?)");
        Statement s = c.createStatement()) {
      for (int i = 0; i < 3000; i++) {
        insert.setString(1, String.format("k%04d", i));
        insert.setString(2, i == 2500 ? "x" : Integer.toString(i));
        insert.addBatch();
      }
      insert.executeBatch();
      int[] read = {0};
      try (ResultSet rs = s.executeQuery("SELECT CAST(value AS INTEGER) FROM kv ORDER BY key")) {
        SQLException e =
            assertThrows(
                SQLException.class,
                () -> {
                  while (rs.next()) {
                    read[0]++;
                  }
                });
        assertEquals("22018", e.getSQLState(), e.getMessage());
      }
      if (mode != Mode.REMOTE) {
        assertEquals(2500, read[0], "the rows before the bad one were read");
      } else {
        // Remotely the failure arrives with the frame (Avatica's batch of rows) holding the bad
        // row, and that frame's rows before it are not delivered: a known difference.
        assertTrue(read[0] <= 2500 && read[0] >= 2000, "rows read: " + read[0]);
      }
    }
  }

  private static void assertClosed(org.junit.jupiter.api.function.Executable call) {
    SQLException e = assertThrows(SQLException.class, call);
    assertEquals("08003", e.getSQLState(), e.getMessage());
  }

  @BothModes
  void resultSetsAndMetadataLeadBackToShalesObjects(Mode mode) throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("faces"));
        Statement s = c.createStatement()) {
      assertTrue(s.getConnection() == c);
      try (ResultSet rs = s.executeQuery("SELECT * FROM kv")) {
        assertTrue(rs.getStatement() == s);
        assertTrue(rs.unwrap(ResultSet.class) == rs && rs.isWrapperFor(ResultSet.class));
      }
      assertTrue(c.unwrap(Connection.class) == c && c.isWrapperFor(Connection.class));
      assertTrue(s.unwrap(Statement.class) == s);
      java.sql.DatabaseMetaData meta = c.getMetaData();
      assertEquals("Shale", meta.getDriverName());
      assertEquals(mode.url("faces"), meta.getURL());
      assertTrue(meta.getConnection() == c);
      try (ResultSet tables = meta.getTables(null, null, "%", null)) {
        assertTrue(tables.getStatement().getConnection() == c);
      }
      SQLException e = assertThrows(SQLException.class, () -> c.unwrap(java.io.Closeable.class));
      assertTrue(e.getSQLState() != null, "translated");
    }
  }

  @BothModes
  void clientInfoIsKeptAndValidityFollowsClose(Mode mode) throws SQLException {
    Connection c = DriverManager.getConnection(mode.url("client-info"));
    assertTrue(c.isValid(1));
    c.setClientInfo("ApplicationName", "shale-it");
    assertEquals("shale-it", c.getClientInfo("ApplicationName"));
    assertEquals("shale-it", c.getClientInfo().getProperty("ApplicationName"));
    java.sql.SQLClientInfoException unknown =
        assertThrows(java.sql.SQLClientInfoException.class, () -> c.setClientInfo("model", "x"));
    assertEquals("22023", unknown.getSQLState(), unknown.getMessage());
    c.setClientInfo("ApplicationName", null);
    assertEquals(null, c.getClientInfo("ApplicationName"));
    c.close();
    assertFalse(c.isValid(1));
    assertEquals(
        "08003", assertThrows(SQLException.class, () -> c.getClientInfo("x")).getSQLState());
  }

  static void assertState(String state, Statement s, String sql, String inMessage) {
    SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
    assertEquals(state, e.getSQLState(), sql + " -> " + e.getMessage());
    if (inMessage != null) {
      assertTrue(e.getMessage().contains(inMessage), sql + " -> " + e.getMessage());
    }
  }

  /** Every row of kv in key order, as {@code key=value}. */
  static List<String> rowsOf(Connection c) throws SQLException {
    return rows(c, "SELECT key, value FROM kv ORDER BY key");
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "=" + rs.getString(2));
      }
    }
    return rows;
  }
}
