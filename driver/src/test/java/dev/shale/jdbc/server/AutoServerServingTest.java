package dev.shale.jdbc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving side of automatic mixed mode in one JVM: this process's own connections keep the
 * server up, the last one's close stops it, and a connection through it then fails with 08006.
 * (Other processes joining and taking over: {@code it/AutoServerTest}.)
 */
class AutoServerServingTest {

  @TempDir Path tmp;

  private static int count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** A client as another process would connect: through the record, with its secret. */
  private static Connection throughRecord(Path dir) throws Exception {
    ServerRecord record = ServerRecord.read(dir);
    assertNotNull(record, "the directory is served");
    String port = record.url().substring(record.url().lastIndexOf(':') + 1);
    return DriverManager.getConnection(
        "jdbc:shale:remote:127.0.0.1:" + port + ";user=other;password=" + record.secret());
  }

  @Test
  void theServerLivesFromTheFirstOwnConnectionToTheLastAndItsClientsThenFailWith08006()
      throws Exception {
    Path dir = tmp.resolve("db");
    String url = "jdbc:shale:" + dir + ";autoServer=true";
    Connection first = DriverManager.getConnection(url);
    ServerRecord record = ServerRecord.read(dir);
    assertNotNull(record);
    assertEquals(ProcessHandle.current().pid(), record.pid());
    assertEquals(dir.toRealPath().toString(), record.directory());
    assertTrue(AutoConnect.onLoopback(record.url()), record.url());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve(ServerRecord.FILE))),
        "only who can read the directory reads the secret");

    Connection second = DriverManager.getConnection(url);
    assertEquals(record, ServerRecord.read(dir), "one server per directory and process");
    Connection other = throughRecord(dir);
    try (Statement s = other.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('remote', '1')");
    }
    assertEquals(1, count(first), "a write through the server is in the database");

    first.close();
    assertEquals(1, count(other), "one own connection left: still served");
    assertEquals(record, ServerRecord.read(dir));

    second.close();
    assertNull(ServerRecord.read(dir), "the last own connection's close stops the server");
    assertFalse(AutoServer.serves(dir.toRealPath()));
    SQLException lost = assertThrows(SQLException.class, () -> count(other));
    assertEquals("08006", lost.getSQLState(), lost.getMessage());

    try (Connection again = DriverManager.getConnection(url)) {
      ServerRecord next = ServerRecord.read(dir);
      assertNotNull(next, "the next opener serves anew");
      assertNotEquals(record.secret(), next.secret(), "with a new secret");
      assertEquals(1, count(again));
      try (Connection plain = DriverManager.getConnection("jdbc:shale:" + dir)) {
        assertEquals(1, count(plain), "a plain URL in the serving process shares the database");
      }
      assertNotNull(ServerRecord.read(dir), "and does not count as an own connection");
    }
    assertNull(ServerRecord.read(dir));
  }

  @Test
  void theServerWantsTheSecret() throws Exception {
    Path dir = tmp.resolve("db");
    try (Connection own = DriverManager.getConnection("jdbc:shale:" + dir + ";autoServer=true")) {
      ServerRecord record = ServerRecord.read(dir);
      String port = record.url().substring(record.url().lastIndexOf(':') + 1);
      SQLException noPassword =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection("jdbc:shale:remote:127.0.0.1:" + port).close());
      assertEquals("28000", noPassword.getSQLState(), noPassword.getMessage());
      SQLException wrong =
          assertThrows(
              SQLException.class,
              () ->
                  DriverManager.getConnection(
                          "jdbc:shale:remote:127.0.0.1:" + port + ";user=x;password=guess")
                      .close());
      assertEquals("28000", wrong.getSQLState(), wrong.getMessage());
      assertTrue(own.isValid(1));
    }
  }

  @Test
  void theServerListensOnLoopbackOnly() throws Exception {
    Path dir = tmp.resolve("db");
    try (Connection own = DriverManager.getConnection("jdbc:shale:" + dir + ";autoServer=true")) {
      ServerRecord record = ServerRecord.read(dir);
      int port = Integer.parseInt(record.url().substring(record.url().lastIndexOf(':') + 1));
      int tried = 0;
      for (java.net.NetworkInterface nic :
          java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
        for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
          if (address.isLoopbackAddress() || !(address instanceof java.net.Inet4Address)) {
            continue;
          }
          try (java.net.Socket s = new java.net.Socket()) {
            assertThrows(
                java.io.IOException.class,
                () -> s.connect(new java.net.InetSocketAddress(address, port), 1000),
                "reachable on " + address);
          }
          tried++;
        }
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(tried > 0, "no address beyond loopback here");
      assertTrue(own.isValid(1));
    }
  }
}
