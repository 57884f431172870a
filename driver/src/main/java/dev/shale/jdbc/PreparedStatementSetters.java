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

  /** The recorded parameters and rows of the batch fast path, or null if the SQL has none. */
  protected final BatchRows batch;

  PreparedStatementSetters(
      ShaleConnection connection,
      StatementSettings settings,
      SqlErrors.SqlCall<PreparedStatement> factory,
      String sql,
      boolean direct,
      ParameterSlots slots,
      BatchRows batch)
      throws SQLException {
    super(connection, settings, factory, sql);
    this.direct = direct;
    this.slots = slots;
    this.batch = batch;
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

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setNull(parameterIndex, sqlType);
      }
      if (slots != null) {
        slots.site(parameterIndex).setNull(sqlType);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setBoolean(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setBoolean(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setByte(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setByte(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setShort(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setShort(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setInt(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setInt(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setLong(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setLong(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setFloat(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setFloat(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setDouble(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setDouble(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setBigDecimal(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setBigDecimal(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setString(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setString(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setDate(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setDate(x, slots.calendar());
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setTime(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setTime(x, slots.calendar());
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setTimestamp(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setTimestamp(x, slots.calendar());
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setAsciiStream(parameterIndex, x, length);
      }
      if (slots != null) {
        slots.site(parameterIndex).setAsciiStream(x, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setUnicodeStream(parameterIndex, x, length);
      }
      if (slots != null) {
        slots.site(parameterIndex).setUnicodeStream(x, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setBinaryStream(parameterIndex, x, length);
      }
      if (slots != null) {
        slots.site(parameterIndex).setBinaryStream(x, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setObject(parameterIndex, x, targetSqlType);
      }
      if (slots != null) {
        slots.site(parameterIndex).setObject(x, targetSqlType);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setObject(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setObject(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, int length)
      throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setCharacterStream(parameterIndex, reader, length);
      }
      if (slots != null) {
        slots.site(parameterIndex).setCharacterStream(reader, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setDate(parameterIndex, x, cal);
      }
      if (slots != null) {
        slots.site(parameterIndex).setDate(x, cal);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setTime(parameterIndex, x, cal);
      }
      if (slots != null) {
        slots.site(parameterIndex).setTime(x, cal);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setTimestamp(parameterIndex, x, cal);
      }
      if (slots != null) {
        slots.site(parameterIndex).setTimestamp(x, cal);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setURL(int parameterIndex, URL x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setURL(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setURL(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setRowId(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setRowId(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setNString(parameterIndex, value);
      }
      if (slots != null) {
        slots.site(parameterIndex).setNString(value);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length)
      throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setNCharacterStream(parameterIndex, value, length);
      }
      if (slots != null) {
        slots.site(parameterIndex).setNCharacterStream(value, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setNClob(parameterIndex, value);
      }
      if (slots != null) {
        slots.site(parameterIndex).setNClob(value);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setClob(parameterIndex, reader, length);
      }
      if (slots != null) {
        slots.site(parameterIndex).setClob(reader, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length)
      throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setBlob(parameterIndex, inputStream, length);
      }
      if (slots != null) {
        slots.site(parameterIndex).setBlob(inputStream, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setNClob(parameterIndex, reader, length);
      }
      if (slots != null) {
        slots.site(parameterIndex).setNClob(reader, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setSQLXML(parameterIndex, xmlObject);
      }
      if (slots != null) {
        slots.site(parameterIndex).setSQLXML(xmlObject);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
      }
      if (slots != null) {
        slots.site(parameterIndex).setObject(x, targetSqlType, scaleOrLength);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setAsciiStream(parameterIndex, x, length);
      }
      if (slots != null) {
        slots.site(parameterIndex).setAsciiStream(x, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setBinaryStream(parameterIndex, x, length);
      }
      if (slots != null) {
        slots.site(parameterIndex).setBinaryStream(x, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setCharacterStream(parameterIndex, reader, length);
      }
      if (slots != null) {
        slots.site(parameterIndex).setCharacterStream(reader, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setAsciiStream(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setAsciiStream(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setBinaryStream(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setBinaryStream(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setCharacterStream(parameterIndex, reader);
      }
      if (slots != null) {
        slots.site(parameterIndex).setCharacterStream(reader);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setNCharacterStream(parameterIndex, value);
      }
      if (slots != null) {
        slots.site(parameterIndex).setNCharacterStream(value);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setClob(parameterIndex, reader);
      }
      if (slots != null) {
        slots.site(parameterIndex).setClob(reader);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setBlob(parameterIndex, inputStream);
      }
      if (slots != null) {
        slots.site(parameterIndex).setBlob(inputStream);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setNClob(parameterIndex, reader);
      }
      if (slots != null) {
        slots.site(parameterIndex).setNClob(reader);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
      }
      if (slots != null) {
        slots.site(parameterIndex).setObject(x, targetSqlType.getVendorTypeNumber(), scaleOrLength);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setObject(parameterIndex, x, targetSqlType);
      }
      if (slots != null) {
        slots.site(parameterIndex).setObject(x, targetSqlType.getVendorTypeNumber());
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setArray(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setArray(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setNull(parameterIndex, sqlType, typeName);
      }
      if (slots != null) {
        slots.site(parameterIndex).setNull(sqlType, typeName);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setBytes(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setBytes(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setRef(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setRef(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setBlob(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setBlob(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    try {
      PreparedStatement calcite = livePrepared();
      if (calcite != null) {
        calcite.setClob(parameterIndex, x);
      }
      if (slots != null) {
        slots.site(parameterIndex).setClob(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }
}
