package dev.shale.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * The parameter setters of a prepared statement. Each goes to Calcite's statement, if it has one,
 * and to the {@link ParameterSlots} Shale binds itself, if it has those: a statement the direct
 * executor runs has only slots; one with a batch fast path ({@link BatchRows}) has both; the rest
 * only Calcite's. The slots are filled by Avatica's own parameter sites, so they hold exactly what
 * Calcite's statement would, and refuse what it refuses.
 */
@SuppressWarnings("deprecation") // forwards the deprecated methods too
abstract class PreparedStatementSetters extends ShaleStatement implements PreparedStatement {

  /** Whether the direct executor runs this statement: then it has no Calcite statement to bind. */
  protected final boolean direct;

  /** The parameters Shale binds itself (direct executor, batch fast path), or null. */
  protected final ParameterSlots slots;

  PreparedStatementSetters(
      ShaleConnection connection,
      StatementSettings settings,
      SqlErrors.SqlCall<PreparedStatement> factory,
      String sql,
      boolean direct,
      ParameterSlots slots)
      throws SQLException {
    super(connection, settings, factory, sql);
    this.direct = direct;
    this.slots = slots;
    if (!direct) {
      SqlErrors.call(this::target); // prepared (parsed, planned) now: errors come from here
    }
  }

  /**
   * Calcite's statement, once it and its connection are known to be open (see {@link #live()});
   * null for a statement the direct executor runs.
   */
  PreparedStatement livePrepared() throws SQLException {
    if (direct) {
      connection.checkOpen();
      checkNotClosed();
      return null;
    }
    return (PreparedStatement) live();
  }

  /** A setter's call on Calcite's statement. */
  private interface CalciteSetter {
    void set(PreparedStatement calcite) throws SQLException;
  }

  /**
   * Sets parameter {@code parameterIndex} on Calcite's statement, if it has one, then on Shale's
   * slots, if it has those; failures translated.
   */
  private void set(int parameterIndex, CalciteSetter calcite, ParameterSlots.SiteSetter site)
      throws SQLException {
    try {
      PreparedStatement prepared = livePrepared();
      if (prepared != null) {
        calcite.set(prepared);
      }
      if (slots != null) {
        slots.set(parameterIndex, site);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  /**
   * As {@link #set(int, CalciteSetter, ParameterSlots.SiteSetter)} for a setter whose value
   * Avatica's site stores as it is: Shale's slot takes {@code local} without a site.
   */
  private void setLocal(int parameterIndex, CalciteSetter calcite, Object local)
      throws SQLException {
    try {
      PreparedStatement prepared = livePrepared();
      if (prepared != null) {
        calcite.set(prepared);
      }
      if (slots != null) {
        slots.setLocal(parameterIndex, local);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  /**
   * setString, setInt or setLong of {@code value} (a String, Integer or Long), as {@link #setLocal}
   * does but without a setter object: the commonest setters allocate nothing, and the first
   * statement of a JVM does not pay for linking a lambda (its class is spun on first use, about
   * half a millisecond each before the JIT has run).
   */
  private void setCommon(int parameterIndex, Object value) throws SQLException {
    try {
      PreparedStatement prepared = livePrepared();
      if (prepared != null) {
        if (value instanceof Integer n) {
          prepared.setInt(parameterIndex, n);
        } else if (value instanceof Long n) {
          prepared.setLong(parameterIndex, n);
        } else {
          prepared.setString(parameterIndex, (String) value);
        }
      }
      if (slots != null) {
        slots.setLocal(parameterIndex, value);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    setLocal(parameterIndex, calcite -> calcite.setNull(parameterIndex, sqlType), null);
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setBoolean(parameterIndex, x),
        site -> site.setBoolean(x));
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    set(parameterIndex, calcite -> calcite.setByte(parameterIndex, x), site -> site.setByte(x));
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    set(parameterIndex, calcite -> calcite.setShort(parameterIndex, x), site -> site.setShort(x));
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    setCommon(parameterIndex, x);
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    setCommon(parameterIndex, x);
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    set(parameterIndex, calcite -> calcite.setFloat(parameterIndex, x), site -> site.setFloat(x));
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    set(parameterIndex, calcite -> calcite.setDouble(parameterIndex, x), site -> site.setDouble(x));
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setBigDecimal(parameterIndex, x),
        site -> site.setBigDecimal(x));
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    setCommon(parameterIndex, x);
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setDate(parameterIndex, x),
        site -> site.setDate(x, slots.calendar()));
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setTime(parameterIndex, x),
        site -> site.setTime(x, slots.calendar()));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setTimestamp(parameterIndex, x),
        site -> site.setTimestamp(x, slots.calendar()));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setAsciiStream(parameterIndex, x, length),
        site -> site.setAsciiStream(x, length));
  }

  @Override
  public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setUnicodeStream(parameterIndex, x, length),
        site -> site.setUnicodeStream(x, length));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setBinaryStream(parameterIndex, x, length),
        site -> site.setBinaryStream(x, length));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setObject(parameterIndex, x, targetSqlType),
        site -> site.setObject(x, targetSqlType));
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    if (x == null || x instanceof String || x instanceof Integer || x instanceof Long) {
      setLocal(parameterIndex, calcite -> calcite.setObject(parameterIndex, x), x);
    } else {
      set(
          parameterIndex,
          calcite -> calcite.setObject(parameterIndex, x),
          site -> site.setObject(x));
    }
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, int length)
      throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setCharacterStream(parameterIndex, reader, length),
        site -> site.setCharacterStream(reader, length));
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setDate(parameterIndex, x, cal),
        site -> site.setDate(x, cal));
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setTime(parameterIndex, x, cal),
        site -> site.setTime(x, cal));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setTimestamp(parameterIndex, x, cal),
        site -> site.setTimestamp(x, cal));
  }

  @Override
  public void setURL(int parameterIndex, URL x) throws SQLException {
    set(parameterIndex, calcite -> calcite.setURL(parameterIndex, x), site -> site.setURL(x));
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    set(parameterIndex, calcite -> calcite.setRowId(parameterIndex, x), site -> site.setRowId(x));
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setNString(parameterIndex, value),
        site -> site.setNString(value));
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length)
      throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setNCharacterStream(parameterIndex, value, length),
        site -> site.setNCharacterStream(value, length));
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setNClob(parameterIndex, value),
        site -> site.setNClob(value));
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setClob(parameterIndex, reader, length),
        site -> site.setClob(reader, length));
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length)
      throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setBlob(parameterIndex, inputStream, length),
        site -> site.setBlob(inputStream, length));
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setNClob(parameterIndex, reader, length),
        site -> site.setNClob(reader, length));
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setSQLXML(parameterIndex, xmlObject),
        site -> site.setSQLXML(xmlObject));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setObject(parameterIndex, x, targetSqlType, scaleOrLength),
        site -> site.setObject(x, targetSqlType, scaleOrLength));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setAsciiStream(parameterIndex, x, length),
        site -> site.setAsciiStream(x, length));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setBinaryStream(parameterIndex, x, length),
        site -> site.setBinaryStream(x, length));
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setCharacterStream(parameterIndex, reader, length),
        site -> site.setCharacterStream(reader, length));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setAsciiStream(parameterIndex, x),
        site -> site.setAsciiStream(x));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setBinaryStream(parameterIndex, x),
        site -> site.setBinaryStream(x));
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setCharacterStream(parameterIndex, reader),
        site -> site.setCharacterStream(reader));
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setNCharacterStream(parameterIndex, value),
        site -> site.setNCharacterStream(value));
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setClob(parameterIndex, reader),
        site -> site.setClob(reader));
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setBlob(parameterIndex, inputStream),
        site -> site.setBlob(inputStream));
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setNClob(parameterIndex, reader),
        site -> site.setNClob(reader));
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    if (direct) {
      livePrepared();
      // JDBC's default, which Avatica's statement keeps: the planned path refuses it so
      throw SqlErrors.translate(new SQLFeatureNotSupportedException("setObject not implemented"));
    }
    set(
        parameterIndex,
        calcite -> calcite.setObject(parameterIndex, x, targetSqlType, scaleOrLength),
        site -> site.setObject(x, targetSqlType.getVendorTypeNumber(), scaleOrLength));
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    if (direct) {
      livePrepared();
      // JDBC's default, which Avatica's statement keeps: the planned path refuses it so
      throw SqlErrors.translate(new SQLFeatureNotSupportedException("setObject not implemented"));
    }
    set(
        parameterIndex,
        calcite -> calcite.setObject(parameterIndex, x, targetSqlType),
        site -> site.setObject(x, targetSqlType.getVendorTypeNumber()));
  }

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    set(parameterIndex, calcite -> calcite.setArray(parameterIndex, x), site -> site.setArray(x));
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    set(
        parameterIndex,
        calcite -> calcite.setNull(parameterIndex, sqlType, typeName),
        site -> site.setNull(sqlType, typeName));
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    set(parameterIndex, calcite -> calcite.setBytes(parameterIndex, x), site -> site.setBytes(x));
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    set(parameterIndex, calcite -> calcite.setRef(parameterIndex, x), site -> site.setRef(x));
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    set(parameterIndex, calcite -> calcite.setBlob(parameterIndex, x), site -> site.setBlob(x));
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    set(parameterIndex, calcite -> calcite.setClob(parameterIndex, x), site -> site.setClob(x));
  }
}
