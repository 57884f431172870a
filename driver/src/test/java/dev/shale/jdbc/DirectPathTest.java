package dev.shale.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.sql.session.Session;
import dev.shale.sql.session.StatementPath;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JDBC face of the direct executor against the planned path: the same statements on two
 * identical databases, one with {@code directPath=true} (the default) and one with {@code false},
 * must give the same rows, update counts, column and parameter metadata, getter conversions, errors
 * (SQLState and message) and statement states, and the direct one must actually have run them
 * directly (its session counts {@link StatementPath#DIRECT}), without opening Calcite's connection.
 */
class DirectPathTest {

  private static final String[] PREPARED = {
    "SELECT key, value FROM kv WHERE key = ?",
    "SELECT * FROM kv WHERE key >= ? AND key < ? ORDER BY key LIMIT ?",
    "SELECT KEY, \"value\" FROM kv WHERE key > ? ORDER BY key DESC LIMIT ? OFFSET ?",
    "SELECT value FROM kv WHERE key BETWEEN ? AND ?",
    "SELECT COUNT(*) FROM kv WHERE key > ?",
    "INSERT INTO kv VALUES (?, ?)",
    "UPSERT INTO kv (value, key) VALUES (?, ?)",
    "UPDATE kv SET value = ? WHERE key = ?",
    "UPDATE kv SET value = ? WHERE key >= ? AND key < ?",
    "DELETE FROM kv WHERE key = ?",
    "DELETE FROM kv WHERE key BETWEEN ? AND ?",
  };

  private static final String[] PLAIN = {
    "SELECT * FROM kv",
    "SELECT key FROM kv WHERE key IN ('k03', 'k07', 'zz') ORDER BY key DESC",
    "SELECT COUNT(*) FROM kv",
    "SELECT value FROM kv WHERE key = NULL",
    "INSERT INTO kv VALUES ('n1', 'x'), ('n2', NULL)",
    "INSERT INTO kv VALUES ('k01', 'dup')",
    "INSERT INTO kv VALUES (NULL, 'x')",
    "UPDATE kv SET value = 'u' WHERE key > 'k05'",
    "DELETE FROM kv WHERE key < 'k03'",
    "SELECT * FROM kv ORDER BY key LIMIT 3 OFFSET 2",
  };

  @Test
  void directAndPlannedAgree() throws Exception {
    long seed = Long.getLong("shale.test.seed", System.nanoTime());
    System.err.println("DirectPathTest seed " + seed);
    Random random = new Random(seed);
    String name = "direct-" + System.nanoTime();
    try (Connection direct = DriverManager.getConnection("jdbc:shale:mem:" + name + "-d");
        Connection planned =
            DriverManager.getConnection("jdbc:shale:mem:" + name + "-p;directPath=false")) {
      for (Connection c : List.of(direct, planned)) {
        try (Statement s = c.createStatement()) {
          for (int i = 0; i < 10; i++) {
            s.executeUpdate("INSERT INTO kv VALUES ('k0" + i + "', '" + i + "')");
          }
        }
      }
      Session session = direct.unwrap(Session.class);
      assertTrue(!session.connectionOpened(), "the direct connection never opened Calcite's");
      for (int round = 0; round < 30; round++) {
        for (String sql : PREPARED) {
          Object[] parameters = parameters(random, sql);
          assertEquals(prepared(planned, sql, parameters), prepared(direct, sql, parameters), sql);
        }
      }
      assertEquals(0, planned.unwrap(Session.class).count(StatementPath.DIRECT));
      assertTrue(session.count(StatementPath.DIRECT) > 300, "ran directly");
      assertTrue(!session.connectionOpened(), "still no Calcite connection");
      for (String sql : PLAIN) {
        assertEquals(plain(planned, sql, "execute"), plain(direct, sql, "execute"), sql);
        assertEquals(plain(planned, sql, "query"), plain(direct, sql, "query"), sql);
      }
      // INSERT of a NULL key is Calcite's (its validator's message): the connection opens for it
      assertTrue(session.connectionOpened());
    }
  }

  @Test
  void batchesOfDirectWritesCountAndStopAsPlanned() throws Exception {
    String name = "batch-" + System.nanoTime();
    try (Connection direct = DriverManager.getConnection("jdbc:shale:mem:" + name + "-d");
        Connection planned =
            DriverManager.getConnection("jdbc:shale:mem:" + name + "-p;directPath=false")) {
      for (Connection c : List.of(direct, planned)) {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO kv VALUES ('a', '1'), ('b', '2')");
        }
      }
      String[] update = {"UPDATE kv SET value = ? WHERE key = ?", "x", "a", "y", "zz", "z", "b"};
      assertEquals(batch(planned, update), batch(direct, update));
      String[] insert = {"INSERT INTO kv VALUES (?, ?)", "c", "3", "a", "dup", "d", "4"};
      assertEquals(batch(planned, insert), batch(direct, insert));
    }
  }

  private static String batch(Connection c, String[] spec) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(spec[0])) {
      for (int i = 1; i + 1 < spec.length; i += 2) {
        p.setString(1, spec[i]);
        p.setString(2, spec[i + 1]);
        p.addBatch();
      }
      try {
        return Arrays.toString(p.executeBatch()) + rows(c);
      } catch (BatchUpdateException e) {
        return e.getSQLState()
            + " "
            + e.getMessage()
            + " "
            + Arrays.toString(e.getUpdateCounts())
            + rows(c);
      }
    }
  }

  private static String rows(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT key, value FROM kv ORDER BY key")) {
      return read(rs);
    }
  }

  /** Random parameters for {@code sql}: keys near the data, NULLs, LIMITs and OFFSETs. */
  private static Object[] parameters(Random random, String sql) {
    int n = (int) sql.chars().filter(ch -> ch == '?').count();
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      boolean count = sql.contains("LIMIT") && i >= (sql.contains("OFFSET") ? n - 2 : n - 1);
      if (count) {
        out[i] = random.nextInt(10) == 0 ? -1 : random.nextInt(6);
      } else if (random.nextInt(12) == 0) {
        out[i] = null;
      } else {
        out[i] = "k0" + random.nextInt(12);
      }
    }
    return out;
  }

  private static String prepared(Connection c, String sql, Object[] parameters)
      throws SQLException {
    StringBuilder out = new StringBuilder();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      out.append(describe(p.getMetaData())).append(describe(p.getParameterMetaData()));
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] instanceof Integer n) {
          p.setInt(i + 1, n);
        } else {
          p.setString(i + 1, (String) parameters[i]);
        }
      }
      try {
        if (p.execute()) {
          try (ResultSet rs = p.getResultSet()) {
            out.append(describe(rs.getMetaData())).append(read(rs));
          }
        } else {
          out.append(" count ").append(p.getUpdateCount());
        }
        out.append(" more ").append(p.getMoreResults()).append(' ').append(p.getUpdateCount());
      } catch (SQLException e) {
        out.append(" failed ").append(e.getSQLState()).append(' ').append(e.getMessage());
      }
    }
    return out.toString();
  }

  private static String plain(Connection c, String sql, String how) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Statement s = c.createStatement()) {
      s.setMaxRows(4);
      try {
        if (how.equals("query") && sql.startsWith("SELECT")) {
          try (ResultSet rs = s.executeQuery(sql)) {
            out.append(describe(rs.getMetaData())).append(read(rs));
          }
        } else if (s.execute(sql)) {
          ResultSet rs = s.getResultSet();
          out.append(describe(rs.getMetaData())).append(read(rs));
          out.append(" uc ").append(s.getUpdateCount());
        } else {
          out.append(" count ").append(s.getUpdateCount());
        }
      } catch (SQLException e) {
        out.append(" failed ").append(e.getSQLState()).append(' ').append(e.getMessage());
      }
    }
    return out.toString();
  }

  /** The rows, each column read with several getters (conversions and their failures). */
  private static String read(ResultSet rs) throws SQLException {
    List<String> rows = new ArrayList<>();
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder row = new StringBuilder("[" + rs.getRow() + "]");
      for (int i = 1; i <= columns; i++) {
        row.append(rs.getString(i)).append('/').append(rs.wasNull()).append('/');
        row.append(rs.getObject(i)).append('/');
        row.append(rs.getString(rs.getMetaData().getColumnLabel(i))).append('/');
        try {
          row.append(rs.getLong(i));
        } catch (SQLException e) {
          row.append(e.getSQLState()).append(' ').append(e.getMessage().replaceAll("@\\w+", ""));
        }
        row.append(';');
      }
      rows.add(row.toString());
    }
    return rows + " after " + rs.isAfterLast();
  }

  private static String describe(ResultSetMetaData m) throws SQLException {
    if (m == null) {
      return "no columns";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= m.getColumnCount(); i++) {
      out.append(
          String.join(
              ",",
              m.getColumnLabel(i),
              m.getColumnName(i),
              m.getColumnTypeName(i),
              m.getColumnClassName(i),
              m.getSchemaName(i),
              m.getTableName(i),
              m.getCatalogName(i),
              m.getColumnType(i) + "",
              m.isNullable(i) + "",
              m.getPrecision(i) + "",
              m.getScale(i) + "",
              m.getColumnDisplaySize(i) + "",
              m.isSigned(i) + "",
              m.isCaseSensitive(i) + "",
              m.isSearchable(i) + "",
              m.isReadOnly(i) + "",
              m.isWritable(i) + "",
              m.isDefinitelyWritable(i) + "",
              m.isAutoIncrement(i) + "",
              m.isCurrency(i) + ""));
      out.append("; ");
    }
    return out.toString();
  }

  private static String describe(ParameterMetaData m) throws SQLException {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= m.getParameterCount(); i++) {
      out.append(
          String.join(
              ",",
              m.getParameterType(i) + "",
              m.getParameterTypeName(i),
              m.getParameterClassName(i),
              m.getPrecision(i) + "",
              m.getScale(i) + "",
              m.isSigned(i) + "",
              m.isNullable(i) + "",
              m.getParameterMode(i) + ""));
      out.append("; ");
    }
    return out.toString();
  }
}
