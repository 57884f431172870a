package dev.shale.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The slow-statement log: what is logged, with what, and what is not counted. */
class SlowStatementLogTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Logger slowLogger;
  private String name;

  @BeforeEach
  void capture() {
    slowLogger = (Logger) LoggerFactory.getLogger(SlowStatementLog.LOGGER);
    logged.start();
    slowLogger.addAppender(logged);
    name = "slow" + DATABASES.incrementAndGet();
  }

  @AfterEach
  void release() {
    slowLogger.detachAppender(logged);
  }

  private Connection open(String settings) throws SQLException {
    return DriverManager.getConnection("jdbc:shale:mem:" + name + settings);
  }

  /** 300 rows: their cross join takes well over a millisecond to count. */
  private static void fill(Connection c) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (int i = 0; i < 300; i++) {
        insert.setString(1, String.format("k%04d", i));
        insert.setString(2, "v" + i);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private List<String> messages() {
    return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static final String SLOW_QUERY = "SELECT COUNT(*) FROM kv a, kv b WHERE a.key < b.key";

  @Test
  void aSlowQueryIsLoggedWithItsTimeRowsAndSql() throws SQLException {
    try (Connection c = open(";slowStatementMillis=1")) {
      fill(c);
      logged.list.clear(); // the batch may have been slow too
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(SLOW_QUERY)) {
        assertTrue(rs.next());
        assertEquals(300L * 299 / 2, rs.getLong(1));
        assertEquals(List.of(), messages(), "logged before the last row was read");
        assertTrue(!rs.next());
      }
    }
    List<String> messages = messages();
    assertEquals(1, messages.size(), messages.toString());
    assertTrue(
        messages
            .get(0)
            .matches(
                "slow statement: \\d+ ms, 1 rows: " + java.util.regex.Pattern.quote(SLOW_QUERY)),
        messages.get(0));
    assertEquals(ch.qos.logback.classic.Level.WARN, logged.list.get(0).getLevel());
  }

  @Test
  void updatesCountTheirRowsAndPreparedStatementsShowTheirSql() throws SQLException {
    try (Connection c = open(";slowStatementMillis=1")) {
      fill(c);
      logged.list.clear();
      String sql =
          "UPDATE kv SET value = 'x' WHERE key IN (SELECT a.key FROM kv a, kv b, kv c"
              + " WHERE a.key < b.key AND b.key = c.key) AND key < ?";
      try (PreparedStatement update = c.prepareStatement(sql)) {
        update.setString(1, "k0010");
        assertEquals(10, update.executeUpdate());
      }
      try (Statement s = c.createStatement()) {
        // execute(sql) of an update, as a shell runs it: its rows are its update count.
        assertFalse(s.execute(sql.replace("?", "'k0005'")));
        assertEquals(5, s.getUpdateCount());
      }
    }
    List<String> messages = messages();
    assertEquals(2, messages.size(), messages.toString());
    assertTrue(
        messages.get(0).contains(" ms, 10 rows: UPDATE kv SET value = 'x'"), messages.get(0));
    assertTrue(!messages.get(0).contains("k0010"), "parameter values are never logged");
    assertTrue(messages.get(1).contains(" ms, 5 rows: UPDATE kv"), messages.get(1));
  }

  @Test
  void offByDefault() throws SQLException {
    try (Connection c = open("")) {
      fill(c);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(SLOW_QUERY)) {
        assertTrue(rs.next());
      }
    }
    assertEquals(List.of(), messages());
  }

  @Test
  void theApplicationsTimeBetweenRowsIsNotCounted() throws Exception {
    try (Connection c = open(";slowStatementMillis=400")) {
      fill(c);
      logged.list.clear();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM kv WHERE key < 'k0003'")) {
        while (rs.next()) {
          Thread.sleep(250); // 750 ms in all, none of it Shale's
        }
      }
    }
    assertEquals(List.of(), messages());
  }

  @Test
  void aSlowFailureIsLoggedWithItsState() throws SQLException {
    try (Connection c = open(";slowStatementMillis=1")) {
      fill(c);
      logged.list.clear();
      try (Statement s = c.createStatement()) {
        assertThrows(
            SQLException.class,
            () ->
                s.executeUpdate(
                    "INSERT INTO kv SELECT a.key, 'x' FROM kv a, kv b, kv c WHERE a.key <"
                        + " b.key AND b.key = c.key"));
      }
    }
    List<String> messages = messages();
    assertEquals(1, messages.size(), messages.toString());
    assertTrue(messages.get(0).startsWith("slow statement failed after "), messages.get(0));
    assertTrue(messages.get(0).contains("(23505)"), messages.get(0));
  }

  @Test
  void aNegativeThresholdIsRefusedNamingTheSetting() {
    SQLException e = assertThrows(SQLException.class, () -> open(";slowStatementMillis=-5"));
    assertTrue(
        e.getMessage().contains("slowStatementMillis must be 0 (off) or more"), e.getMessage());
  }
}
