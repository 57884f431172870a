package dev.shale.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;

/** Shale's JDBC objects unwrap to themselves first, then to Calcite's objects beneath. */
class ShaleConnectionTest {

  @Test
  void unwrapReachesShalesObjectsAndThenCalcites() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:shale:mem:unwrap");
        Statement s = c.createStatement();
        PreparedStatement p = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      assertSame(c, c.unwrap(ShaleConnection.class));
      assertTrue(c.isWrapperFor(CalciteConnection.class));
      assertNotSame(c, c.unwrap(CalciteConnection.class));
      assertSame(s, s.unwrap(ShaleStatement.class));
      assertTrue(s.isWrapperFor(AvaticaStatement.class));
      assertNotSame(s, s.unwrap(AvaticaStatement.class));
      assertSame(p, p.unwrap(ShalePreparedStatement.class));
      assertTrue(p.unwrap(AvaticaPreparedStatement.class) instanceof AvaticaPreparedStatement);
      DatabaseMetaData meta = c.getMetaData();
      assertSame(meta, meta.unwrap(ShaleDatabaseMetaData.class));
      try (ResultSet rs = s.executeQuery("SELECT * FROM kv")) { // the direct executor's
        assertSame(rs, rs.unwrap(DirectResultSet.class));
        assertFalse(rs.isWrapperFor(Statement.class));
        assertEquals(
            "HY000",
            assertThrows(SQLException.class, () -> rs.unwrap(Runnable.class)).getSQLState());
      }
      try (ResultSet rs = s.executeQuery("SELECT * FROM kv WHERE value = 'x'")) { // Calcite's
        assertSame(rs, rs.unwrap(ShaleResultSet.class));
        assertFalse(rs.isWrapperFor(Statement.class));
      }
      SQLException e = assertThrows(SQLException.class, () -> c.unwrap(Runnable.class));
      assertEquals("HY000", e.getSQLState());
    }
  }

  @Test
  void setClientInfoOnAClosedConnectionThrowsWhatItDeclares() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:shale:mem:client-info");
    c.close();
    SQLClientInfoException e =
        assertThrows(SQLClientInfoException.class, () -> c.setClientInfo("ApplicationName", "x"));
    assertEquals("08003", e.getSQLState());
  }
}
