package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.jdbc.server.ServerConfig;
import dev.shale.jdbc.server.ShaleServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What only a server has: a connection left unused longer than the server's idle limit is closed by
 * the server (its transaction rolled back). The client must then say so, never carry on as if its
 * transaction were still there.
 */
class RemoteIdleTest {

  @Test
  void aConnectionTheServerClosedForIdlenessFailsItsCommitAndWritesNothing() throws Exception {
    String db = "jdbc:shale:mem:idle-" + System.nanoTime();
    ServerConfig config = ServerConfig.loopback(db, 0);
    config =
        config.withLimits(
            config.threads(),
            config.maxRequestBytes(),
            config.maxConnectionsPerClient(),
            config.maxStatementsPerConnection(),
            config.drain(),
            Duration.ofSeconds(1));
    try (Connection keep = DriverManager.getConnection(db);
        ShaleServer server = ShaleServer.start(config);
        Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO kv VALUES ('a', '1')");
      }
      Thread.sleep(2500); // beyond the idle limit
      for (int i = 0; i < 3 && server.openConnections() > 0; i++) {
        Thread.sleep(1000); // the cache closes expired connections when next touched
      }
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> {
                try (Statement s = c.createStatement()) {
                  s.executeUpdate("INSERT INTO kv VALUES ('b', '2')");
                }
                c.commit();
              });
      assertEquals("08003", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("idle limit"), e.getMessage());
      try (Statement s = keep.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "nothing of the lost transaction was written");
      }
    }
  }
}
