package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * Whatever setter fills a row of {@code INSERT INTO kv VALUES (?, ?)}, executeBatch (one engine
 * write) stores what executeUpdate (Calcite's planned path) stores, or fails with the same
 * SQLState, for the key as for the value. The expected column is the planned path's answer, found
 * by running it; the batch has a duplicate key after the row, so a batch that left the one-write
 * path would fail with another exception than BatchUpdateException.
 */
class BatchSettersTest {

  /** One parameter setter, applied to parameter {@code index}. */
  interface Setter {
    void set(PreparedStatement statement, int index) throws Exception;
  }

  record Case(String name, String expected, Setter setter) {}

  /**
   * Setters whose values Avatica's client cannot send (it has no wire type for them, or, in a
   * batch, sends an unset or typed null parameter as nothing and fails in its own serializer), so
   * the remote run leaves them out: embedded only.
   */
  private static final List<String> NOT_CARRIED_BY_AVATICA =
      List.of(
          "setNull(type, name)",
          "setObject(BigInteger)",
          "setObject(LocalDate)",
          "setObject(UUID)",
          "setObject(Object)",
          "setObject(char[])",
          "setObject(x, DECIMAL, scale)",
          "setURL",
          "setAsciiStream",
          "setBinaryStream",
          "setCharacterStream",
          "setNCharacterStream",
          "setClob(Reader)",
          "setBlob(InputStream)",
          "setNClob(Reader)",
          "setRef(null)",
          "clearParameters after setString");

  private static final String DUPLICATE = "duplicate-key";

  private Connection updates;
  private Connection batches;
  private int serial;

  @BeforeEach
  void open(Mode mode) throws SQLException {
    updates = DriverManager.getConnection(mode.url("setters-update"));
    batches = DriverManager.getConnection(mode.url("setters-batch"));
    try (Statement s = batches.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('" + DUPLICATE + "', 'there')");
    }
  }

  @AfterEach
  void close() throws SQLException {
    updates.close();
    batches.close();
  }

  static List<Case> cases() throws Exception {
    Object object = new Object();
    char[] chars = {'a'};
    URL url = URI.create("http://example.com/").toURL();
    Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
    Date date = Date.valueOf("2020-01-02");
    Time time = Time.valueOf("03:04:05");
    Timestamp timestamp = Timestamp.valueOf("2020-01-02 03:04:05.123456789");
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("setString", "'s'", (p, i) -> p.setString(i, "s")));
    cases.add(new Case("setNString", "'ns'", (p, i) -> p.setNString(i, "ns")));
    cases.add(new Case("setString(null)", "NULL", (p, i) -> p.setString(i, null)));
    cases.add(new Case("setInt", "'-42'", (p, i) -> p.setInt(i, -42)));
    cases.add(new Case("setLong", "'1234567890123'", (p, i) -> p.setLong(i, 1234567890123L)));
    cases.add(new Case("setShort", "'7'", (p, i) -> p.setShort(i, (short) 7)));
    cases.add(new Case("setByte", "'-8'", (p, i) -> p.setByte(i, (byte) -8)));
    cases.add(new Case("setBoolean(true)", "'true'", (p, i) -> p.setBoolean(i, true)));
    cases.add(new Case("setBoolean(false)", "'false'", (p, i) -> p.setBoolean(i, false)));
    cases.add(new Case("setBigDecimal", "'1.50'", (p, i) -> p.setBigDecimal(i, bd("1.50"))));
    cases.add(new Case("setBigDecimal(1E+3)", "'1E+3'", (p, i) -> p.setBigDecimal(i, bd("1E+3"))));
    cases.add(new Case("setBigDecimal(null)", "NULL", (p, i) -> p.setBigDecimal(i, null)));
    cases.add(new Case("setDouble", "'1.5'", (p, i) -> p.setDouble(i, 1.5)));
    cases.add(new Case("setDouble(0.1)", "'0.1'", (p, i) -> p.setDouble(i, 0.1)));
    cases.add(new Case("setDouble(1e20)", "'1.0E20'", (p, i) -> p.setDouble(i, 1e20)));
    cases.add(new Case("setDouble(NaN)", "'NaN'", (p, i) -> p.setDouble(i, Double.NaN)));
    cases.add(new Case("setFloat", "'1.1'", (p, i) -> p.setFloat(i, 1.1f)));
    cases.add(new Case("setFloat(3)", "'3.0'", (p, i) -> p.setFloat(i, 3f)));
    cases.add(new Case("setDate", "'18263'", (p, i) -> p.setDate(i, date)));
    cases.add(new Case("setDate(calendar)", "'18263'", (p, i) -> p.setDate(i, date, tokyo)));
    cases.add(new Case("setTime", "'11045000'", (p, i) -> p.setTime(i, time)));
    cases.add(new Case("setTime(calendar)", null, (p, i) -> p.setTime(i, time, tokyo)));
    cases.add(new Case("setTimestamp", "'1577934245123'", (p, i) -> p.setTimestamp(i, timestamp)));
    cases.add(new Case("setTimestamp(cal)", null, (p, i) -> p.setTimestamp(i, timestamp, tokyo)));
    cases.add(new Case("setBytes", "'0102ff'", (p, i) -> p.setBytes(i, new byte[] {1, 2, -1})));
    cases.add(new Case("setBytes(null)", "NULL", (p, i) -> p.setBytes(i, null)));
    cases.add(new Case("setNull(VARCHAR)", "NULL", (p, i) -> p.setNull(i, Types.VARCHAR)));
    cases.add(new Case("setNull(INTEGER)", "NULL", (p, i) -> p.setNull(i, Types.INTEGER)));
    cases.add(new Case("setNull(OTHER)", "NULL", (p, i) -> p.setNull(i, Types.OTHER)));
    cases.add(new Case("setNull(type, name)", "HY000", (p, i) -> p.setNull(i, Types.INTEGER, "I")));
    cases.add(new Case("setObject(String)", "'str'", (p, i) -> p.setObject(i, "str")));
    cases.add(new Case("setObject(null)", "NULL", (p, i) -> p.setObject(i, null)));
    cases.add(new Case("setObject(Integer)", "'5'", (p, i) -> p.setObject(i, 5)));
    cases.add(new Case("setObject(Long)", "'6'", (p, i) -> p.setObject(i, 6L)));
    cases.add(new Case("setObject(Short)", "'7'", (p, i) -> p.setObject(i, (short) 7)));
    cases.add(new Case("setObject(Byte)", "'8'", (p, i) -> p.setObject(i, (byte) 8)));
    cases.add(new Case("setObject(Double)", "'2.5'", (p, i) -> p.setObject(i, 2.5)));
    cases.add(new Case("setObject(Float)", "'3.5'", (p, i) -> p.setObject(i, 3.5f)));
    cases.add(new Case("setObject(BigDecimal)", "'2.50'", (p, i) -> p.setObject(i, bd("2.50"))));
    cases.add(new Case("setObject(BigInteger)", "'10'", (p, i) -> p.setObject(i, BigInteger.TEN)));
    cases.add(new Case("setObject(Boolean)", "'true'", (p, i) -> p.setObject(i, Boolean.TRUE)));
    cases.add(new Case("setObject(Character)", "'c'", (p, i) -> p.setObject(i, 'c')));
    cases.add(new Case("setObject(Date)", "'18263'", (p, i) -> p.setObject(i, date)));
    cases.add(new Case("setObject(Time)", "'11045000'", (p, i) -> p.setObject(i, time)));
    cases.add(
        new Case("setObject(Timestamp)", "'1577934245123'", (p, i) -> p.setObject(i, timestamp)));
    cases.add(
        new Case(
            "setObject(util.Date)",
            null /* 0 shifted by the zone */,
            (p, i) -> p.setObject(i, new java.util.Date(0))));
    cases.add(
        new Case("setObject(byte[])", "'0102ff'", (p, i) -> p.setObject(i, new byte[] {1, 2, -1})));
    cases.add(
        new Case(
            "setObject(LocalDate)",
            "'2020-01-02'",
            (p, i) -> p.setObject(i, LocalDate.of(2020, 1, 2))));
    cases.add(
        new Case(
            "setObject(UUID)",
            "'00000000-0000-0001-0000-000000000002'",
            (p, i) -> p.setObject(i, new UUID(1, 2))));
    cases.add(new Case("setObject(Object)", null, (p, i) -> p.setObject(i, object)));
    cases.add(new Case("setObject(char[])", null, (p, i) -> p.setObject(i, chars)));
    cases.add(
        new Case(
            "setObject(String, INTEGER)", "'5'", (p, i) -> p.setObject(i, "5", Types.INTEGER)));
    cases.add(
        new Case(
            "setObject(\"x\", INTEGER)", "22018", (p, i) -> p.setObject(i, "x", Types.INTEGER)));
    cases.add(
        new Case(
            "setObject(Integer, VARCHAR)", "HY000", (p, i) -> p.setObject(i, 5, Types.VARCHAR)));
    cases.add(
        new Case(
            "setObject(Boolean, VARCHAR)",
            "'true'",
            (p, i) -> p.setObject(i, true, Types.VARCHAR)));
    cases.add(
        new Case(
            "setObject(Double, INTEGER)", "'2'", (p, i) -> p.setObject(i, 2.7, Types.INTEGER)));
    cases.add(
        new Case("setObject(Integer, DOUBLE)", "'5.0'", (p, i) -> p.setObject(i, 5, Types.DOUBLE)));
    cases.add(
        new Case("setObject(Integer, DECIMAL)", "'5'", (p, i) -> p.setObject(i, 5, Types.DECIMAL)));
    cases.add(
        new Case(
            "setObject(Integer, BOOLEAN)", "'true'", (p, i) -> p.setObject(i, 1, Types.BOOLEAN)));
    cases.add(
        new Case(
            "setObject(String, DATE)",
            "'18263'",
            (p, i) -> p.setObject(i, "2020-01-02", Types.DATE)));
    cases.add(
        new Case(
            "setObject(String, BINARY)", "'6162'", (p, i) -> p.setObject(i, "ab", Types.BINARY)));
    cases.add(
        new Case(
            "setObject(Timestamp, TIMESTAMP)",
            "HY000",
            (p, i) -> p.setObject(i, timestamp, Types.TIMESTAMP)));
    cases.add(
        new Case(
            "setObject(null, INTEGER)", "NULL", (p, i) -> p.setObject(i, null, Types.INTEGER)));
    cases.add(
        new Case("setObject(Integer, OTHER)", "HY000", (p, i) -> p.setObject(i, 5, Types.OTHER)));
    cases.add(
        new Case(
            "setObject(x, DECIMAL, scale)",
            "HY000",
            (p, i) -> p.setObject(i, bd("2.5"), Types.DECIMAL, 1)));
    cases.add(
        new Case("setObject(x, SQLType)", "HY000", (p, i) -> p.setObject(i, 5, JDBCType.INTEGER)));
    cases.add(new Case("setURL", "HY000", (p, i) -> p.setURL(i, url)));
    cases.add(
        new Case(
            "setURL after setString",
            "'kept'",
            (p, i) -> {
              p.setString(i, "kept");
              p.setURL(i, url);
            }));
    cases.add(new Case("setAsciiStream", "HY000", (p, i) -> p.setAsciiStream(i, stream("as"))));
    cases.add(new Case("setBinaryStream", "HY000", (p, i) -> p.setBinaryStream(i, stream("bs"))));
    cases.add(
        new Case(
            "setCharacterStream",
            "HY000",
            (p, i) -> p.setCharacterStream(i, new StringReader("cs"))));
    cases.add(
        new Case(
            "setNCharacterStream",
            "HY000",
            (p, i) -> p.setNCharacterStream(i, new StringReader("n"))));
    cases.add(
        new Case("setClob(Reader)", "HY000", (p, i) -> p.setClob(i, new StringReader("clob"))));
    cases.add(new Case("setBlob(InputStream)", "HY000", (p, i) -> p.setBlob(i, stream("blob"))));
    cases.add(
        new Case("setNClob(Reader)", "HY000", (p, i) -> p.setNClob(i, new StringReader("nclob"))));
    cases.add(new Case("setArray(null)", "NULL", (p, i) -> p.setArray(i, null)));
    cases.add(new Case("setRowId(null)", "NULL", (p, i) -> p.setRowId(i, null)));
    cases.add(new Case("setSQLXML(null)", "NULL", (p, i) -> p.setSQLXML(i, null)));
    cases.add(new Case("setRef(null)", "HY000", (p, i) -> p.setRef(i, null)));
    cases.add(
        new Case(
            "clearParameters after setString",
            "HY000",
            (p, i) -> {
              p.setString(i, "gone");
              p.clearParameters();
              p.setString(3 - i, "again-" + i);
            }));
    return cases;
  }

  @BothModes
  void everySetterStoresTheValueThePlannedPathStores(Mode mode) throws Exception {
    List<Executable> checks = new ArrayList<>();
    for (Case c : cases()) {
      if (mode == Mode.REMOTE && NOT_CARRIED_BY_AVATICA.stream().anyMatch(c.name()::startsWith)) {
        continue;
      }
      String asValue = viaUpdate(c, 2);
      checks.add(() -> assertEquals(asValue, viaBatch(c, 2), c.name() + " as the value"));
      if (c.expected() != null) {
        checks.add(() -> assertEquals(c.expected(), asValue, c.name() + " (planned path)"));
      }
      String asKey = viaUpdate(c, 1);
      String expectedKey = "NULL".equals(asValue) ? "23502" : asValue;
      checks.add(() -> assertEquals(expectedKey, asKey, c.name() + " as the key (planned path)"));
      checks.add(() -> assertEquals(asKey, viaBatch(c, 1), c.name() + " as the key"));
    }
    assertAll(checks);
  }

  /** What executeUpdate stores for the parameter {@code index} the setter filled, or the state. */
  private String viaUpdate(Case c, int index) throws SQLException {
    String marker = "u" + serial++;
    try (PreparedStatement p = updates.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      p.setString(3 - index, marker);
      c.setter().set(p, index);
      p.executeUpdate();
      return stored(updates, index, marker);
    } catch (SQLException e) {
      return e.getSQLState();
    } catch (Exception e) {
      throw new AssertionError(c.name(), e);
    } finally {
      forget(updates, marker);
    }
  }

  /**
   * What executeBatch stores for that parameter, or the state; the batch's second row repeats a
   * key, so the batch must fail with a BatchUpdateException that counts the first row, or that
   * names the first row's failure.
   */
  private String viaBatch(Case c, int index) throws SQLException {
    String marker = "b" + serial++;
    try (PreparedStatement p = batches.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      p.setString(3 - index, marker);
      try {
        c.setter().set(p, index);
      } catch (SQLException e) {
        return e.getSQLState();
      }
      p.addBatch();
      p.clearParameters();
      p.setString(1, DUPLICATE);
      p.setString(2, "again");
      p.addBatch();
      BatchUpdateException e = assertThrowsBatch(p, c.name());
      if (e.getUpdateCounts().length == 0) {
        return e.getSQLState();
      }
      assertEquals("23505", e.getSQLState(), c.name() + ": " + e.getMessage());
      assertEquals(1, e.getUpdateCounts().length, c.name());
      return stored(batches, index, marker);
    } catch (SQLException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(c.name(), e);
    } finally {
      forget(batches, marker);
    }
  }

  private static BatchUpdateException assertThrowsBatch(PreparedStatement p, String name) {
    try {
      p.executeBatch();
    } catch (BatchUpdateException e) {
      return e;
    } catch (SQLException e) {
      throw new AssertionError(name + ": not a BatchUpdateException: " + e, e);
    }
    throw new AssertionError(name + ": the duplicate key was not refused");
  }

  /** The stored parameter of the row with {@code marker} in the other column, quoted, or NULL. */
  private static String stored(Connection c, int index, String marker) throws SQLException {
    String sql =
        index == 2
            ? "SELECT value FROM kv WHERE key = '" + marker + "'"
            : "SELECT key FROM kv WHERE value = '" + marker + "'";
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), "a row for " + marker);
      String v = rs.getString(1);
      return v == null ? "NULL" : "'" + v + "'";
    }
  }

  /** Deletes the row a case stored its key in, so that the next case can store the same key. */
  private static void forget(Connection c, String marker) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM kv WHERE value = '" + marker + "'");
    }
  }

  private static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
