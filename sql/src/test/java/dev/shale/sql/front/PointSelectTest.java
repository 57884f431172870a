package dev.shale.sql.front;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shale.engine.Options;
import dev.shale.sql.ShaleSql;
import dev.shale.sql.session.Session;
import dev.shale.sql.session.StatementPath;
import dev.shale.sql.store.KvDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Point selects ({@code SELECT cols FROM kv WHERE key = ...}) take a path without Calcite's
 * planner; their rows and result set metadata must be those of the planned path, which the same
 * statement takes with a predicate the fast path does not accept ({@code AND 1 = 1}). The session's
 * path counts show which path each took.
 */
class PointSelectTest {

  private static final List<String> SELECTS =
      List.of(
          "SELECT * FROM kv WHERE key = 'a'",
          "SELECT value FROM kv WHERE key = 'a'",
          "SELECT key FROM kv WHERE key = 'b'",
          "select VALUE, key from KV where KEY = 'b'",
          "SELECT \"value\", \"key\" FROM \"kv\" WHERE \"key\" = 'it''s'",
          "SELECT key, value, key FROM kv WHERE key = 'a'",
          "SELECT * FROM kv WHERE key = 'missing'");

  @Test
  void fastPathAnswersAsThePlannedPath() throws SQLException {
    KvDatabase database = KvDatabase.openInMemory("point-" + System.nanoTime(), Options.defaults());
    try (Session session = ShaleSql.connect(database, false);
        Statement s = session.connection().createStatement()) {
      Connection c = session.connection();
      s.executeUpdate("INSERT INTO kv VALUES ('a', 'x'), ('b', NULL), ('it''s', 'q')");
      for (String sql : SELECTS) {
        List<String> planned = describe(s, sql + " AND 1 = 1");
        long pointSelects = session.count(StatementPath.POINT_SELECT);
        assertEquals(planned, describe(s, sql), sql);
        assertEquals(pointSelects + 1, session.count(StatementPath.POINT_SELECT), sql);
      }
      assertEquals(SELECTS.size(), session.count(StatementPath.POINT_SELECT));
      try (PreparedStatement p = c.prepareStatement("SELECT value, key FROM kv WHERE key = ?");
          PreparedStatement planned =
              c.prepareStatement("SELECT value, key FROM kv WHERE key = ? AND 1 = 1")) {
        for (String key : new String[] {"a", "b", "nope", null}) {
          p.setString(1, key);
          planned.setString(1, key);
          assertEquals(describe(planned), describe(p), "key " + key);
        }
        assertEquals(SELECTS.size() + 1, session.count(StatementPath.POINT_SELECT));
      }
    }
  }

  private static List<String> describe(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return describe(rs);
    }
  }

  private static List<String> describe(PreparedStatement p) throws SQLException {
    try (ResultSet rs = p.executeQuery()) {
      return describe(rs);
    }
  }

  private static List<String> describe(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    ResultSetMetaData md = rs.getMetaData();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      out.add(
          md.getColumnLabel(i)
              + "/"
              + md.getColumnName(i)
              + "/"
              + md.getColumnType(i)
              + "/"
              + md.getColumnTypeName(i)
              + "/"
              + md.isNullable(i)
              + "/"
              + md.getTableName(i)
              + "/"
              + md.getColumnClassName(i));
    }
    while (rs.next()) {
      StringBuilder row = new StringBuilder("row:");
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.append(rs.getString(i)).append('|');
      }
      out.add(row.toString());
    }
    return out;
  }
}
