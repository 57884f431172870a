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
 * The parameter setters of a prepared statement. Each goes to Calcite's statement, and, when the
 * statement's SQL has a batch fast path, the same call goes to its {@link BatchRows}, so that the
 * fast path stores exactly what Calcite would have: the row holds the value as Calcite's own
 * parameter site converted it, or stays unbound where Calcite leaves it unbound.
 */
@SuppressWarnings("deprecation") // forwards the deprecated methods too
abstract class PreparedStatementSetters extends ShaleStatement implements PreparedStatement {

  /** Calcite's statement. */
  protected final PreparedStatement prepared;

  /** The recorded parameters and rows of the batch fast path, or null if the SQL has none. */
  protected final BatchRows batch;

  PreparedStatementSetters(
      ShaleConnection connection, PreparedStatement prepared, String sql, BatchRows batch) {
    super(connection, prepared, sql);
    this.prepared = prepared;
    this.batch = batch;
  }

  /** {@link #prepared}, once it and its connection are known to be open (see {@link #live()}). */
  PreparedStatement livePrepared() throws SQLException {
    live();
    return prepared;
  }

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    try {
      livePrepared().setNull(parameterIndex, sqlType);
      if (batch != null) {
        batch.site(parameterIndex).setNull(sqlType);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    try {
      livePrepared().setBoolean(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setBoolean(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    try {
      livePrepared().setByte(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setByte(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    try {
      livePrepared().setShort(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setShort(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    try {
      livePrepared().setInt(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setInt(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    try {
      livePrepared().setLong(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setLong(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    try {
      livePrepared().setFloat(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setFloat(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    try {
      livePrepared().setDouble(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setDouble(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    try {
      livePrepared().setBigDecimal(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setBigDecimal(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    try {
      livePrepared().setString(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setString(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    try {
      livePrepared().setDate(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setDate(x, batch.calendar());
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    try {
      livePrepared().setTime(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setTime(x, batch.calendar());
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    try {
      livePrepared().setTimestamp(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setTimestamp(x, batch.calendar());
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
    try {
      livePrepared().setAsciiStream(parameterIndex, x, length);
      if (batch != null) {
        batch.site(parameterIndex).setAsciiStream(x, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
    try {
      livePrepared().setUnicodeStream(parameterIndex, x, length);
      if (batch != null) {
        batch.site(parameterIndex).setUnicodeStream(x, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
    try {
      livePrepared().setBinaryStream(parameterIndex, x, length);
      if (batch != null) {
        batch.site(parameterIndex).setBinaryStream(x, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    try {
      livePrepared().setObject(parameterIndex, x, targetSqlType);
      if (batch != null) {
        batch.site(parameterIndex).setObject(x, targetSqlType);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    try {
      livePrepared().setObject(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setObject(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, int length)
      throws SQLException {
    try {
      livePrepared().setCharacterStream(parameterIndex, reader, length);
      if (batch != null) {
        batch.site(parameterIndex).setCharacterStream(reader, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
    try {
      livePrepared().setDate(parameterIndex, x, cal);
      if (batch != null) {
        batch.site(parameterIndex).setDate(x, cal);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
    try {
      livePrepared().setTime(parameterIndex, x, cal);
      if (batch != null) {
        batch.site(parameterIndex).setTime(x, cal);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
    try {
      livePrepared().setTimestamp(parameterIndex, x, cal);
      if (batch != null) {
        batch.site(parameterIndex).setTimestamp(x, cal);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setURL(int parameterIndex, URL x) throws SQLException {
    try {
      livePrepared().setURL(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setURL(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    try {
      livePrepared().setRowId(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setRowId(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    try {
      livePrepared().setNString(parameterIndex, value);
      if (batch != null) {
        batch.site(parameterIndex).setNString(value);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length)
      throws SQLException {
    try {
      livePrepared().setNCharacterStream(parameterIndex, value, length);
      if (batch != null) {
        batch.site(parameterIndex).setNCharacterStream(value, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    try {
      livePrepared().setNClob(parameterIndex, value);
      if (batch != null) {
        batch.site(parameterIndex).setNClob(value);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    try {
      livePrepared().setClob(parameterIndex, reader, length);
      if (batch != null) {
        batch.site(parameterIndex).setClob(reader, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length)
      throws SQLException {
    try {
      livePrepared().setBlob(parameterIndex, inputStream, length);
      if (batch != null) {
        batch.site(parameterIndex).setBlob(inputStream, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    try {
      livePrepared().setNClob(parameterIndex, reader, length);
      if (batch != null) {
        batch.site(parameterIndex).setNClob(reader, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    try {
      livePrepared().setSQLXML(parameterIndex, xmlObject);
      if (batch != null) {
        batch.site(parameterIndex).setSQLXML(xmlObject);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    try {
      livePrepared().setObject(parameterIndex, x, targetSqlType, scaleOrLength);
      if (batch != null) {
        batch.site(parameterIndex).setObject(x, targetSqlType, scaleOrLength);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    try {
      livePrepared().setAsciiStream(parameterIndex, x, length);
      if (batch != null) {
        batch.site(parameterIndex).setAsciiStream(x, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    try {
      livePrepared().setBinaryStream(parameterIndex, x, length);
      if (batch != null) {
        batch.site(parameterIndex).setBinaryStream(x, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    try {
      livePrepared().setCharacterStream(parameterIndex, reader, length);
      if (batch != null) {
        batch.site(parameterIndex).setCharacterStream(reader, length);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    try {
      livePrepared().setAsciiStream(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setAsciiStream(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    try {
      livePrepared().setBinaryStream(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setBinaryStream(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    try {
      livePrepared().setCharacterStream(parameterIndex, reader);
      if (batch != null) {
        batch.site(parameterIndex).setCharacterStream(reader);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    try {
      livePrepared().setNCharacterStream(parameterIndex, value);
      if (batch != null) {
        batch.site(parameterIndex).setNCharacterStream(value);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    try {
      livePrepared().setClob(parameterIndex, reader);
      if (batch != null) {
        batch.site(parameterIndex).setClob(reader);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    try {
      livePrepared().setBlob(parameterIndex, inputStream);
      if (batch != null) {
        batch.site(parameterIndex).setBlob(inputStream);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    try {
      livePrepared().setNClob(parameterIndex, reader);
      if (batch != null) {
        batch.site(parameterIndex).setNClob(reader);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    try {
      livePrepared().setObject(parameterIndex, x, targetSqlType, scaleOrLength);
      if (batch != null) {
        batch.site(parameterIndex).setObject(x, targetSqlType.getVendorTypeNumber(), scaleOrLength);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    try {
      livePrepared().setObject(parameterIndex, x, targetSqlType);
      if (batch != null) {
        batch.site(parameterIndex).setObject(x, targetSqlType.getVendorTypeNumber());
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    try {
      livePrepared().setArray(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setArray(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    try {
      livePrepared().setNull(parameterIndex, sqlType, typeName);
      if (batch != null) {
        batch.site(parameterIndex).setNull(sqlType, typeName);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    try {
      livePrepared().setBytes(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setBytes(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    try {
      livePrepared().setRef(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setRef(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    try {
      livePrepared().setBlob(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setBlob(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    try {
      livePrepared().setClob(parameterIndex, x);
      if (batch != null) {
        batch.site(parameterIndex).setClob(x);
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }
}
