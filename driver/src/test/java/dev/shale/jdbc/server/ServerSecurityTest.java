package dev.shale.jdbc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.jdbc.remote.ControlClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may connect, over what, and how much: authentication, TLS, the server's limits. */
class ServerSecurityTest {

  @TempDir Path dir;

  private String db() {
    return "jdbc:shale:" + dir.resolve("db");
  }

  private Path users() throws Exception {
    Path file = dir.resolve("users");
    Files.write(
        file,
        List.of(
            "# test users",
            Users.line("alice", Users.Role.USER, "alice-secret".toCharArray()),
            Users.line("root", Users.Role.ADMIN, "root-secret".toCharArray())),
        StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void beyondLoopbackNeedsUsers() throws Exception {
    ServerConfig open = ServerConfig.loopback(db(), 0).withBind("0.0.0.0");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ShaleServer.start(open));
    assertTrue(e.getMessage().contains("--users"), e.getMessage());
    try (ShaleServer server = ShaleServer.start(open.withUsers(users()))) {
      assertTrue(server.port() > 0);
    }
  }

  @Test
  void usersAuthenticateAndOnlyAdminsShutDown() throws Exception {
    try (ShaleServer server =
        ShaleServer.start(ServerConfig.loopback(db(), 0).withUsers(users()))) {
      String url = server.jdbcUrl();
      for (String bad :
          List.of("", ";user=alice;password=wrong", ";user=bob;password=alice-secret")) {
        SQLException e =
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url + bad), bad);
        assertEquals("28000", e.getSQLState(), bad + ": " + e.getMessage());
      }
      try (Connection c = DriverManager.getConnection(url + ";user=alice;password=alice-secret");
          Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO kv VALUES ('a', '1')");
        try (ResultSet rs = s.executeQuery("SELECT value FROM kv")) {
          assertTrue(rs.next());
          assertEquals("1", rs.getString(1));
        }
      }
      SQLException notAdmin =
          assertThrows(
              SQLException.class, () -> controlAs(server, "alice", "alice-secret").shutdown());
      assertEquals("28000", notAdmin.getSQLState(), notAdmin.getMessage());
      assertTrue(Files.exists(dir.resolve("db").resolve(ServerRecord.FILE)), "still serving");
      controlAs(server, "root", "root-secret").shutdown();
      server.awaitStop();
    }
  }

  private static ControlClient controlAs(ShaleServer server, String user, String password)
      throws SQLException {
    return ControlClient.of(
        dev.shale.jdbc.remote.RemoteUrl.parse(
            server.jdbcUrl() + ";user=" + user + ";password=" + password, null));
  }

  @Test
  void tlsServesHttpsToClientsThatTrustIt() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "shale",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool");
    ServerConfig config =
        ServerConfig.loopback(db(), 0)
            .withTls(new ServerConfig.TlsConfig(keyStore, "changeit".toCharArray()));
    try (ShaleServer server = ShaleServer.start(config)) {
      assertTrue(server.url().startsWith("https://"), server.url());
      String url = server.jdbcUrl() + ";trustStore=" + keyStore + ";trustStorePassword=changeit";
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        assertEquals(1, s.executeUpdate("INSERT INTO kv VALUES ('t', 'over tls')"));
        assertTrue(c.getMetaData().supportsTransactions());
      }
      String plain = "jdbc:shale:remote:127.0.0.1:" + server.port();
      SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(plain));
      assertTrue(e.getSQLState().startsWith("08"), e.getSQLState() + " " + e.getMessage());
    }
  }

  @Test
  void limitsOnConnectionsStatementsAndRequestsNameThemselves() throws Exception {
    ServerConfig config =
        ServerConfig.loopback(db(), 0)
            .withLimits(8, 4096, 2, 3, Duration.ofSeconds(1), Duration.ofHours(1));
    try (ShaleServer server = ShaleServer.start(config)) {
      List<Connection> open = new ArrayList<>();
      try {
        open.add(DriverManager.getConnection(server.jdbcUrl()));
        open.add(DriverManager.getConnection(server.jdbcUrl()));
        SQLException third =
            assertThrows(SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl()));
        assertEquals("08004", third.getSQLState(), third.getMessage());
        assertTrue(third.getMessage().contains("limit is 2"), third.getMessage());
        open.remove(0).close();
        open.add(DriverManager.getConnection(server.jdbcUrl())); // room again

        Connection c = open.get(0);
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          statements.add(c.createStatement());
        }
        SQLException fourth = assertThrows(SQLException.class, c::createStatement);
        assertEquals("54000", fourth.getSQLState(), fourth.getMessage());
        assertTrue(fourth.getMessage().contains("limit is 3"), fourth.getMessage());
        statements.remove(0).close();
        Statement s = c.createStatement();

        String big = "x".repeat(5000);
        SQLException tooBig =
            assertThrows(
                SQLException.class,
                () -> s.executeUpdate("INSERT INTO kv VALUES ('big', '" + big + "')"));
        assertEquals("54000", tooBig.getSQLState(), tooBig.getMessage());
        assertTrue(tooBig.getMessage().contains("4096 bytes"), tooBig.getMessage());
        assertEquals(1, s.executeUpdate("INSERT INTO kv VALUES ('small', 'ok')"));
      } finally {
        for (Connection c : open) {
          c.close();
        }
      }
    }
  }
}
