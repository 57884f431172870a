package dev.shale.jdbc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CALL shale.load / dump from SQL: embedded connections may name files, remote ones only as an
 * admin (42501 otherwise); the errors of a wrong call; the rule inside a transaction.
 */
class FileProceduresTest {

  @TempDir Path dir;

  private String db() {
    return "jdbc:shale:" + dir.resolve("db");
  }

  private Path csv() throws Exception {
    Path file = dir.resolve("in.csv");
    Files.writeString(file, "key,value\na,1\nb,\"x,y\"\nbad\nc,\n", StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void embeddedLoadAndDumpReturnTheirReportRow() throws Exception {
    Path in = csv();
    Path out = dir.resolve("out.csv");
    try (Connection c = DriverManager.getConnection(db());
        PreparedStatement load = c.prepareStatement("CALL shale.load(?, 'csv', 'replace')")) {
      load.setString(1, in.toString());
      try (ResultSet rs = load.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(4, rs.getLong("rows_read"));
        assertEquals(3, rs.getLong("rows_loaded"));
        assertEquals(1, rs.getLong("rows_rejected"));
        assertTrue(rs.getString("first_reject").startsWith("line 4: wrong field count"));
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("CALL shale.dump('" + out + "', 'b')")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getLong("rows"));
      }
      assertEquals(
          "\"key\",\"value\"\n\"b\",\"x,y\"\n\"c\",\n",
          Files.readString(out, StandardCharsets.UTF_8));
    }
  }

  @Test
  void backupFromSqlOpensAsTheDatabaseOfItsMoment() throws Exception {
    Path target = dir.resolve("backup");
    try (Connection c = DriverManager.getConnection(db());
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('a', '1'), ('b', NULL)");
      try (ResultSet rs = s.executeQuery("CALL shale.backup('" + target + "')")) {
        assertTrue(rs.next());
        assertEquals(target.toAbsolutePath().toString(), rs.getString("directory"));
      }
      s.executeUpdate("INSERT INTO kv VALUES ('c', 'after')");
      SQLException again =
          assertThrows(
              SQLException.class, () -> s.executeQuery("CALL shale.backup('" + target + "')"));
      assertEquals("58030", again.getSQLState());
    }
    try (Connection c = DriverManager.getConnection("jdbc:shale:" + target);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT key, value FROM kv ORDER BY key")) {
      assertTrue(rs.next());
      assertEquals("a", rs.getString(1));
      assertTrue(rs.next());
      assertEquals("b", rs.getString(1));
      assertEquals(null, rs.getString(2));
      assertTrue(!rs.next(), "the row written after the backup is not in it");
    }
  }

  @Test
  void wrongCallsNameTheSignatureAndFilesGiveAnIoState() throws Exception {
    try (Connection c = DriverManager.getConnection(db());
        Statement s = c.createStatement()) {
      SQLException unknown =
          assertThrows(SQLException.class, () -> s.executeQuery("CALL shale.nope()"));
      assertEquals("42000", unknown.getSQLState());
      assertTrue(unknown.getMessage().contains("shale.load('<file>'"), unknown.getMessage());
      SQLException arity =
          assertThrows(SQLException.class, () -> s.executeQuery("CALL shale.load()"));
      assertEquals("42000", arity.getSQLState());
      assertTrue(
          arity.getMessage().contains("takes 1 to 4 argument(s), not 0"), arity.getMessage());
      SQLException format =
          assertThrows(SQLException.class, () -> s.executeQuery("CALL shale.load('x', 'xml')"));
      assertEquals("22023", format.getSQLState());
      SQLException missing =
          assertThrows(
              SQLException.class,
              () -> s.executeQuery("CALL shale.load('" + dir.resolve("no.csv") + "')"));
      assertEquals("58030", missing.getSQLState());
      assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
      c.setAutoCommit(false);
      SQLException tx =
          assertThrows(
              SQLException.class, () -> s.executeQuery("CALL shale.load('" + csv() + "')"));
      assertEquals("25001", tx.getSQLState());
      c.rollback();
    }
  }

  @Test
  void overTheServerOnlyAnAdminMayNameFiles() throws Exception {
    Path users = dir.resolve("users");
    Files.write(
        users,
        List.of(
            Users.line("alice", Users.Role.USER, "alice-secret".toCharArray()),
            Users.line("root", Users.Role.ADMIN, "root-secret".toCharArray())),
        StandardCharsets.UTF_8);
    String call = "CALL shale.load('" + csv() + "')";
    try (ShaleServer open = ShaleServer.start(ServerConfig.loopback(db(), 0))) {
      try (Connection c = DriverManager.getConnection(open.jdbcUrl());
          Statement s = c.createStatement()) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(call));
        assertEquals("42501", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("only an admin"), e.getMessage());
        // compact names no file: anyone connected may
        try (ResultSet rs = s.executeQuery("CALL shale.compact()")) {
          assertTrue(rs.next());
        }
      }
    }
    try (ShaleServer server = ShaleServer.start(ServerConfig.loopback(db(), 0).withUsers(users))) {
      try (Connection c =
              DriverManager.getConnection(server.jdbcUrl() + ";user=alice;password=alice-secret");
          Statement s = c.createStatement()) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(call));
        assertEquals("42501", e.getSQLState(), e.getMessage());
      }
      try (Connection c =
              DriverManager.getConnection(server.jdbcUrl() + ";user=root;password=root-secret");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(call)) {
        assertTrue(rs.next());
        assertEquals(3, rs.getLong("rows_loaded"));
      }
    }
  }
}
