package dev.shale.it;

import static dev.shale.it.DbeaverWalkTest.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The sys schema as tools see it, embedded and through the server: browsed through
 * DatabaseMetaData, queried, refused as a target of writes, and EXPLAIN ANALYZE run on the server's
 * thread.
 */
class SysSchemaTest {

  private static final List<String> SYS_TABLES =
      List.of("connections", "levels", "settings", "sstables", "stats", "transactions");

  @BothModes
  void metadataListsTheSysTablesAsSystemTablesWithTheirColumnsAndNoKeys(Mode mode)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("sys-meta"))) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals(SYS_TABLES, column(md.getTables(null, "sys", "%", null), "TABLE_NAME"));
      assertEquals(
          List.of("SYSTEM TABLE"), column(md.getTables(null, "SYS", "levels", null), "TABLE_TYPE"));
      // Asked for tables only (DbUnit's default), kv alone.
      assertEquals(
          List.of("kv"),
          column(md.getTables(null, null, "%", new String[] {"TABLE"}), "TABLE_NAME"));
      List<String> all = column(md.getTables(null, null, "%", null), "TABLE_NAME");
      assertEquals(7, all.size(), all.toString());
      assertEquals("kv", all.get(6), "SYSTEM TABLE rows first, ordered by type: " + all);
      assertEquals(
          List.of(
              "level", "files", "bytes", "target_bytes", "score", "smallest_key", "largest_key"),
          column(md.getColumns(null, "sys", "levels", "%"), "COLUMN_NAME"));
      assertEquals(
          List.of("INTEGER", "INTEGER", "BIGINT", "BIGINT", "DOUBLE", "VARCHAR", "VARCHAR"),
          column(md.getColumns(null, "sys", "levels", "%"), "TYPE_NAME"));
      assertEquals(List.of(), column(md.getPrimaryKeys(null, "sys", "levels"), "COLUMN_NAME"));
      assertEquals(
          List.of(), column(md.getIndexInfo(null, "sys", "stats", false, true), "INDEX_NAME"));
      // What a query of each table returns matches what getColumns says.
      for (String table : SYS_TABLES) {
        List<String> described = column(md.getColumns(null, "sys", table, "%"), "COLUMN_NAME");
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT * FROM sys." + table)) {
          ResultSetMetaData m = rs.getMetaData();
          List<String> got = new ArrayList<>();
          for (int i = 1; i <= m.getColumnCount(); i++) {
            got.add(m.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
          }
          assertEquals(described, got, table);
        }
      }
    }
  }

  @BothModes
  void sysTablesShowTheWorkDoneAndTheSessionsOpen(Mode mode) throws SQLException {
    String url = mode.url("sys-work");
    try (Connection c = DriverManager.getConnection(url);
        Connection other = DriverManager.getConnection(url)) {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
        for (int i = 0; i < 50; i++) {
          p.setString(1, "k" + i);
          p.setString(2, "v" + i);
          p.executeUpdate();
        }
      }
      other.setAutoCommit(false);
      try (Statement s = other.createStatement()) {
        s.executeUpdate("INSERT INTO kv VALUES ('pending', 'x')");
      }
      try (Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT value FROM sys.stats WHERE name = 'puts'")) {
          assertTrue(rs.next());
          assertEquals(50, Long.parseLong(rs.getString(1)));
        }
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sys.connections")) {
          assertTrue(rs.next());
          assertTrue(rs.getLong(1) >= 2, "both sessions (remote ones are sessions too)");
        }
        try (ResultSet rs = s.executeQuery("SELECT write_bytes FROM sys.transactions")) {
          assertTrue(rs.next(), "the open transaction");
          assertTrue(rs.getLong(1) > 0);
        }
      }
      other.rollback();
    }
  }

  @BothModes
  void writingToASysTableFailsWith42501(Mode mode) throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("sys-write"));
        Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "INSERT INTO sys.stats VALUES ('a', 'b', 'c', 'd')",
              "UPDATE sys.settings SET value = '1' WHERE name = 'sync'",
              "DELETE FROM \"SYS\".levels",
              "UPSERT INTO sys.stats VALUES ('a', 'b', 'c', 'd')",
              "EXPLAIN ANALYZE DELETE FROM sys.sstables")) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("read-only system table"), e.getMessage());
      }
    }
  }

  @BothModes
  void explainAnalyzeRunsAPreparedStatementAndTracesItsReads(Mode mode) throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("sys-analyze"))) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO kv VALUES ('a', '1'), ('b', '2')");
      }
      try (PreparedStatement p =
          c.prepareStatement("EXPLAIN ANALYZE SELECT * FROM kv WHERE key = ?")) {
        p.setString(1, "b");
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          assertEquals("PLAN", rs.getMetaData().getColumnLabel(1));
          while (rs.next()) {
            lines.add(rs.getString(1));
          }
        }
        String all = String.join("\n", lines);
        assertTrue(all.contains("KvTableScan"), all);
        assertTrue(all.contains("rows returned: 1"), all);
        assertTrue(all.contains("get 'b'"), all);
        assertTrue(all.contains("gets answered by: memtable 1"), all);
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("EXPLAIN ANALYZE DELETE FROM kv WHERE key = 'a'")) {
        StringBuilder all = new StringBuilder();
        while (rs.next()) {
          all.append(rs.getString(1)).append('\n');
        }
        assertTrue(all.toString().contains("rows changed: 1"), all.toString());
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(1), "the DELETE ran");
      }
    }
  }
}
