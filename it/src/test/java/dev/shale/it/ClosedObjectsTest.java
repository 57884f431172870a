package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.function.Executable;

/**
 * After its connection closes, every statement, prepared statement, result set and metadata object
 * of it refuses work with 08003; a statement or result set closed itself refuses with HY010.
 */
class ClosedObjectsTest {

  @BothModes
  void everyObjectOfAClosedConnectionRefusesWorkWith08003(Mode mode) throws SQLException {
    String url = mode.url("closed-objects");
    try (Connection other = DriverManager.getConnection(url)) { // keeps the database open
      Connection c = DriverManager.getConnection(url);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO kv VALUES ('a', '1'), ('b', '2')");
      }
      Statement s = c.createStatement();
      PreparedStatement point = c.prepareStatement("SELECT * FROM kv WHERE key = ?");
      PreparedStatement planned = c.prepareStatement("SELECT * FROM kv WHERE key > ?");
      PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?)");
      PreparedStatement update = c.prepareStatement("UPDATE kv SET value = ? WHERE key = ?");
      ResultSet rows = s.executeQuery("SELECT * FROM kv");
      planned.setString(1, "");
      ResultSet preparedRows = planned.executeQuery();
      DatabaseMetaData meta = c.getMetaData();
      point.setString(1, "a");
      c.close();
      assertState("08003", () -> point.executeQuery());
      assertState("08003", () -> point.setString(1, "b"));
      assertState("08003", () -> point.getMetaData());
      assertState("08003", () -> point.getParameterMetaData());
      assertState("08003", () -> point.clearParameters());
      assertState("08003", () -> planned.executeQuery());
      assertState("08003", () -> insert.setString(1, "x"));
      assertState("08003", () -> insert.addBatch());
      assertState("08003", () -> insert.executeBatch());
      assertState("08003", () -> update.addBatch());
      assertState("08003", () -> update.executeUpdate());
      assertState("08003", () -> s.executeQuery("SELECT * FROM kv"));
      assertState("08003", () -> s.addBatch("DELETE FROM kv"));
      assertState("08003", () -> s.setQueryTimeout(3));
      assertState("08003", () -> s.getMaxRows());
      assertState("08003", () -> s.getResultSet());
      assertState("08003", () -> rows.next());
      assertState("08003", () -> rows.getString(1));
      assertState("08003", () -> rows.getMetaData());
      assertState("08003", () -> preparedRows.next());
      assertState("08003", () -> meta.getTables(null, null, null, null));
      try (Statement check = other.createStatement();
          ResultSet rs = check.executeQuery("SELECT COUNT(*) FROM kv")) {
        rs.next();
        assertEquals(2, rs.getInt(1), "nothing more was written");
      }
    }
  }

  @BothModes
  void aClosedStatementOrResultSetRefusesWorkWithHy010(Mode mode) throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("closed"))) {
      Statement s = c.createStatement();
      s.executeUpdate("INSERT INTO kv VALUES ('a', '1')");
      ResultSet rs = s.executeQuery("SELECT * FROM kv");
      PreparedStatement p = c.prepareStatement("SELECT * FROM kv WHERE key = ?");
      PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?)");
      assertTrue(rs.next());
      rs.close();
      assertState("HY010", () -> rs.next());
      assertState("HY010", () -> rs.getString(1)); // the row is still in the client's cache
      assertState("HY010", () -> rs.getMetaData());
      assertState("HY010", () -> rs.wasNull());
      s.close();
      assertState("HY010", () -> s.executeQuery("SELECT * FROM kv"));
      assertState("HY010", () -> s.getMaxRows());
      p.close();
      assertState("HY010", () -> p.setString(1, "a"));
      assertState("HY010", () -> p.executeQuery());
      insert.close();
      assertState("HY010", () -> insert.addBatch());
      assertState("HY010", () -> insert.executeBatch());
    }
  }

  private static void assertState(String state, Executable call) {
    SQLException e = assertThrows(SQLException.class, call);
    assertEquals(state, e.getSQLState(), e.getMessage());
  }
}
