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
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * The reading half of {@link ResultSet}: moving, getting, metadata; each a call to Calcite's result
 * set with what it throws (also while iterating) {@link SqlErrors#translate}d.
 */
@SuppressWarnings("deprecation") // forwards the deprecated methods too
abstract class ForwardingResultSet extends ResultSetUpdates {

  ForwardingResultSet(ResultSet target) {
    super(target);
  }

  @Override
  public boolean next() throws SQLException {
    try {
      return target.next();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      target.close();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean wasNull() throws SQLException {
    try {
      return target.wasNull();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    try {
      return target.getString(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    try {
      return target.getBoolean(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    try {
      return target.getByte(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    try {
      return target.getShort(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    try {
      return target.getInt(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    try {
      return target.getLong(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    try {
      return target.getFloat(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    try {
      return target.getDouble(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    try {
      return target.getBigDecimal(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getBigDecimal(columnLabel));
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
    return SqlErrors.call(() -> target.getBigDecimal(columnIndex, scale));
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    try {
      return target.getBytes(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    try {
      return target.getDate(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    try {
      return target.getTime(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    try {
      return target.getTimestamp(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public InputStream getAsciiStream(int columnIndex) throws SQLException {
    try {
      return target.getAsciiStream(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public InputStream getUnicodeStream(int columnIndex) throws SQLException {
    try {
      return target.getUnicodeStream(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public InputStream getBinaryStream(int columnIndex) throws SQLException {
    try {
      return target.getBinaryStream(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getString(columnLabel));
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getBoolean(columnLabel));
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getByte(columnLabel));
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getShort(columnLabel));
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getInt(columnLabel));
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getLong(columnLabel));
  }

  @Override
  public float getFloat(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getFloat(columnLabel));
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getDouble(columnLabel));
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
    return SqlErrors.call(() -> target.getBigDecimal(columnLabel, scale));
  }

  @Override
  public byte[] getBytes(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getBytes(columnLabel));
  }

  @Override
  public Date getDate(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getDate(columnLabel));
  }

  @Override
  public Time getTime(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getTime(columnLabel));
  }

  @Override
  public Timestamp getTimestamp(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getTimestamp(columnLabel));
  }

  @Override
  public InputStream getAsciiStream(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getAsciiStream(columnLabel));
  }

  @Override
  public InputStream getUnicodeStream(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getUnicodeStream(columnLabel));
  }

  @Override
  public InputStream getBinaryStream(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getBinaryStream(columnLabel));
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return SqlErrors.call(() -> target.getWarnings());
  }

  @Override
  public void clearWarnings() throws SQLException {
    SqlErrors.run(() -> target.clearWarnings());
  }

  @Override
  public String getCursorName() throws SQLException {
    return SqlErrors.call(() -> target.getCursorName());
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return SqlErrors.call(() -> target.getMetaData());
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    try {
      return target.getObject(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getObject(columnLabel));
  }

  @Override
  public int findColumn(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.findColumn(columnLabel));
  }

  @Override
  public Reader getCharacterStream(int columnIndex) throws SQLException {
    try {
      return target.getCharacterStream(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Reader getCharacterStream(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getCharacterStream(columnLabel));
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    return SqlErrors.call(() -> target.isBeforeFirst());
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    return SqlErrors.call(() -> target.isAfterLast());
  }

  @Override
  public boolean isFirst() throws SQLException {
    return SqlErrors.call(() -> target.isFirst());
  }

  @Override
  public boolean isLast() throws SQLException {
    return SqlErrors.call(() -> target.isLast());
  }

  @Override
  public void beforeFirst() throws SQLException {
    SqlErrors.run(() -> target.beforeFirst());
  }

  @Override
  public void afterLast() throws SQLException {
    SqlErrors.run(() -> target.afterLast());
  }

  @Override
  public boolean first() throws SQLException {
    return SqlErrors.call(() -> target.first());
  }

  @Override
  public boolean last() throws SQLException {
    return SqlErrors.call(() -> target.last());
  }

  @Override
  public int getRow() throws SQLException {
    return SqlErrors.call(() -> target.getRow());
  }

  @Override
  public boolean absolute(int row) throws SQLException {
    return SqlErrors.call(() -> target.absolute(row));
  }

  @Override
  public boolean previous() throws SQLException {
    return SqlErrors.call(() -> target.previous());
  }

  @Override
  public boolean relative(int rows) throws SQLException {
    return SqlErrors.call(() -> target.relative(rows));
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    SqlErrors.run(() -> target.setFetchDirection(direction));
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return SqlErrors.call(() -> target.getFetchDirection());
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    SqlErrors.run(() -> target.setFetchSize(rows));
  }

  @Override
  public int getFetchSize() throws SQLException {
    return SqlErrors.call(() -> target.getFetchSize());
  }

  @Override
  public int getType() throws SQLException {
    return SqlErrors.call(() -> target.getType());
  }

  @Override
  public int getConcurrency() throws SQLException {
    return SqlErrors.call(() -> target.getConcurrency());
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    try {
      return target.getRef(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    try {
      return target.getBlob(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    try {
      return target.getClob(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    try {
      return target.getArray(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Ref getRef(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getRef(columnLabel));
  }

  @Override
  public Blob getBlob(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getBlob(columnLabel));
  }

  @Override
  public Clob getClob(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getClob(columnLabel));
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getArray(columnLabel));
  }

  @Override
  public Date getDate(int columnIndex, Calendar cal) throws SQLException {
    return SqlErrors.call(() -> target.getDate(columnIndex, cal));
  }

  @Override
  public Date getDate(String columnLabel, Calendar cal) throws SQLException {
    return SqlErrors.call(() -> target.getDate(columnLabel, cal));
  }

  @Override
  public Time getTime(int columnIndex, Calendar cal) throws SQLException {
    return SqlErrors.call(() -> target.getTime(columnIndex, cal));
  }

  @Override
  public Time getTime(String columnLabel, Calendar cal) throws SQLException {
    return SqlErrors.call(() -> target.getTime(columnLabel, cal));
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
    return SqlErrors.call(() -> target.getTimestamp(columnIndex, cal));
  }

  @Override
  public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
    return SqlErrors.call(() -> target.getTimestamp(columnLabel, cal));
  }

  @Override
  public URL getURL(int columnIndex) throws SQLException {
    try {
      return target.getURL(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public URL getURL(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getURL(columnLabel));
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    try {
      return target.getRowId(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public RowId getRowId(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getRowId(columnLabel));
  }

  @Override
  public int getHoldability() throws SQLException {
    return SqlErrors.call(() -> target.getHoldability());
  }

  @Override
  public boolean isClosed() throws SQLException {
    return SqlErrors.call(() -> target.isClosed());
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    try {
      return target.getNClob(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public NClob getNClob(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getNClob(columnLabel));
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    try {
      return target.getSQLXML(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public SQLXML getSQLXML(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getSQLXML(columnLabel));
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    try {
      return target.getNString(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String getNString(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getNString(columnLabel));
  }

  @Override
  public Reader getNCharacterStream(int columnIndex) throws SQLException {
    try {
      return target.getNCharacterStream(columnIndex);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Reader getNCharacterStream(String columnLabel) throws SQLException {
    return SqlErrors.call(() -> target.getNCharacterStream(columnLabel));
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    return SqlErrors.call(() -> target.getObject(columnIndex, type));
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return SqlErrors.call(() -> target.getObject(columnLabel, type));
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    return SqlErrors.call(() -> target.getObject(columnIndex, map));
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    return SqlErrors.call(() -> target.getObject(columnLabel, map));
  }
}
