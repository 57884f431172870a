package dev.shale.jdbc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server in this JVM, reached through jdbc:shale:remote: over loopback. */
class ShaleServerTest {

  @TempDir Path dir;
  private ShaleServer server;
  private String embedded;

  @BeforeEach
  void start() throws Exception {
    embedded = "jdbc:shale:" + dir.resolve("db");
    server = ShaleServer.start(ServerConfig.loopback(embedded, 0));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Connection remote() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl());
  }

  @Test
  void readsAndWritesThroughTheServer() throws Exception {
    try (Connection c = remote();
        Statement s = c.createStatement()) {
      assertEquals(2, s.executeUpdate("INSERT INTO kv VALUES ('a', '1'), ('b', '2')"));
      try (PreparedStatement p = c.prepareStatement("SELECT value FROM kv WHERE key = ?")) {
        p.setString(1, "b");
        try (ResultSet rs = p.executeQuery()) {
          assertTrue(rs.next());
          assertEquals("2", rs.getString(1));
          assertFalse(rs.next());
          assertEquals(p, rs.getStatement());
        }
      }
      assertEquals(c, s.getConnection());
    }
    try (Connection c = DriverManager.getConnection(embedded);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
      assertTrue(rs.next());
      assertEquals(2, rs.getInt(1), "the server's writes are in the database");
    }
  }

  @Test
  void failuresKeepTheirStateMessageAndClass() throws Exception {
    String embeddedMessage;
    try (Connection c = DriverManager.getConnection(embedded);
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('a', '1')");
      embeddedMessage =
          assertThrows(
                  SQLException.class, () -> s.executeUpdate("INSERT INTO kv VALUES ('a', '2')"))
              .getMessage();
    }
    try (Connection c = remote();
        Statement s = c.createStatement()) {
      SQLException e =
          assertThrows(
              SQLException.class, () -> s.executeUpdate("INSERT INTO kv VALUES ('a', '2')"));
      assertEquals("23505", e.getSQLState());
      assertTrue(e instanceof SQLIntegrityConstraintViolationException, e.toString());
      assertEquals(embeddedMessage, e.getMessage());
      SQLException syntax = assertThrows(SQLException.class, () -> s.executeQuery("SELEC 1"));
      assertEquals("42000", syntax.getSQLState(), syntax.getMessage());
    }
  }

  @Test
  void metadataAnswersAsEmbedded() throws Exception {
    List<String> differences = new ArrayList<>();
    try (Connection r = remote();
        Connection e = DriverManager.getConnection(embedded)) {
      DatabaseMetaData rm = r.getMetaData();
      DatabaseMetaData em = e.getMetaData();
      int asked = 0;
      for (Method m : DatabaseMetaData.class.getMethods()) {
        Class<?> t = m.getReturnType();
        if (m.getParameterCount() != 0
            || !(t == boolean.class || t == int.class || t == String.class)
            || m.getName().equals("getURL")) {
          continue;
        }
        asked++;
        Object want = m.invoke(em);
        Object got = m.invoke(rm);
        if (!String.valueOf(want).equals(String.valueOf(got))) {
          differences.add(m.getName() + ": embedded " + want + ", remote " + got);
        }
      }
      assertTrue(asked > 100, "asked " + asked);
      assertEquals(
          em.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE),
          rm.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE));
      try (ResultSet tables = rm.getTables(null, null, "KV", null)) {
        assertTrue(tables.next());
        assertEquals("kv", tables.getString("TABLE_NAME"));
      }
      try (ResultSet keys = rm.getPrimaryKeys(null, null, "kv")) {
        assertTrue(keys.next());
        assertEquals("kv_pk", keys.getString("PK_NAME"));
      }
      assertEquals(server.jdbcUrl(), rm.getURL());
      assertEquals(r, rm.getConnection());
    }
    assertEquals(List.of(), differences);
  }

  private static String post(String url, String body) throws Exception {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  @Test
  void scriptsSpeakJsonAsTheReadmeShows() throws Exception {
    try (Connection c = remote();
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('json-key', 'json-value')");
    }
    String json = server.url() + "/json";
    assertTrue(
        post(json, "{\"request\":\"openConnection\",\"connectionId\":\"c1\"}").startsWith("200 "));
    String created = post(json, "{\"request\":\"createStatement\",\"connectionId\":\"c1\"}");
    java.util.regex.Matcher id =
        java.util.regex.Pattern.compile("\"statementId\":(\\d+)").matcher(created);
    assertTrue(id.find(), created);
    String rows =
        post(
            json,
            "{\"request\":\"prepareAndExecute\",\"connectionId\":\"c1\",\"statementId\":"
                + id.group(1)
                + ",\"sql\":\"SELECT * FROM kv\",\"maxRowCount\":-1,\"maxRowsInFirstFrame\":100}");
    assertTrue(rows.startsWith("200 ") && rows.contains("json-value"), rows);
    String bad =
        post(
            json,
            "{\"request\":\"prepareAndExecute\",\"connectionId\":\"c1\",\"statementId\":"
                + id.group(1)
                + ",\"sql\":\"INSERT INTO kv VALUES ('json-key', 'again')\",\"maxRowCount\":-1}");
    assertTrue(
        bad.startsWith("500 ") && bad.contains("23505") && bad.contains("Duplicate key"), bad);
    assertTrue(
        post(json, "{\"request\":\"closeConnection\",\"connectionId\":\"c1\"}").startsWith("200 "));
    java.net.http.HttpResponse<String> get =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
  }

  @Test
  void closedConnectionsLeaveNoDescriptorsBehind() throws Exception {
    java.io.File fds = new java.io.File("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(fds.isDirectory(), "needs /proc/self/fd");
    for (int i = 0; i < 20; i++) { // warm: pools, the first kept-alive sockets
      try (Connection c = remote()) {
        c.getMetaData().supportsTransactions();
      }
    }
    int before = fds.list().length;
    for (int i = 0; i < 200; i++) {
      try (Connection c = remote();
          Statement s = c.createStatement()) {
        s.executeQuery("SELECT COUNT(*) FROM kv").close();
        c.getMetaData().supportsTransactions(); // the control client too
      }
    }
    int after = fds.list().length;
    assertTrue(
        after - before < 20, "descriptors " + before + " -> " + after + " over 200 connections");
  }

  @Test
  void clientsMayNotSetServerSettings() throws Exception {
    for (String setting : List.of("model", "sync", "schemaFactory", "parserFactory")) {
      Properties p = new Properties();
      p.setProperty("url", server.url());
      p.setProperty("serialization", "PROTOBUF");
      p.setProperty(setting, "x");
      // Avatica's own client, which sends whatever it is given
      RuntimeException e =
          assertThrows(
              RuntimeException.class,
              () ->
                  new org.apache.calcite.avatica.remote.Driver()
                      .connect("jdbc:avatica:remote:", p));
      assertTrue(e.getMessage().contains("'" + setting + "'"), e.getMessage());
      assertEquals(
          "08004", ((org.apache.calcite.avatica.AvaticaClientRuntimeException) e).getSqlState());
    }
    assertEquals(0, server.openConnections());
  }

  @Test
  void transactionsCommitAndRollBackRemotely() throws Exception {
    try (Connection c = remote();
        Connection other = remote();
        Statement s = c.createStatement();
        Statement o = other.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO kv VALUES ('t', '1')");
      try (ResultSet rs = o.executeQuery("SELECT COUNT(*) FROM kv")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "uncommitted writes are not seen by others");
      }
      c.rollback();
      s.executeUpdate("INSERT INTO kv VALUES ('t', '2')");
      other.setAutoCommit(false);
      o.executeUpdate("UPSERT INTO kv VALUES ('t', '3')");
      c.commit();
      SQLException conflict = assertThrows(SQLException.class, other::commit);
      assertEquals("40001", conflict.getSQLState(), conflict.getMessage());
      assertTrue(conflict instanceof java.sql.SQLTransactionRollbackException);
    }
  }

  @Test
  void stopRollsBackOpenTransactionsAndKeepsCommittedWrites() throws Exception {
    Connection c = remote();
    Statement s = c.createStatement();
    s.executeUpdate("INSERT INTO kv VALUES ('kept', '1')");
    c.setAutoCommit(false);
    s.executeUpdate("INSERT INTO kv VALUES ('lost', '1')");
    assertEquals(1, server.openConnections());
    assertTrue(Files.exists(dir.resolve("db").resolve(ServerRecord.FILE)));
    server.close();
    assertFalse(Files.exists(dir.resolve("db").resolve(ServerRecord.FILE)));
    SQLException gone = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM kv"));
    assertTrue(gone.getSQLState().startsWith("08"), gone.getSQLState() + " " + gone.getMessage());
    try (Connection e = DriverManager.getConnection(embedded);
        Statement es = e.createStatement();
        ResultSet rs = es.executeQuery("SELECT key FROM kv")) {
      assertTrue(rs.next());
      assertEquals("kept", rs.getString(1));
      assertFalse(rs.next(), "the open transaction was rolled back");
    }
  }
}
