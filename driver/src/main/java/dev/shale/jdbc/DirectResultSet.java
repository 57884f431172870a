package dev.shale.jdbc;

import dev.shale.sql.direct.DirectRows;
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
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.AbstractCursor;
import org.apache.calcite.avatica.util.Cursor;

/**
 * The rows of a statement the direct executor ran, as a forward-only, read-only {@link ResultSet}
 * that reads as the planned path's does: its getters are Avatica's own accessors over the same
 * column descriptions ({@link DirectResultSetMetaData}) and calendar, so every conversion ({@code
 * getInt} of a VARCHAR, {@code getObject}, dates) and every refusal is Avatica's. Like Calcite's,
 * it is wrapped in a {@link ShaleResultSet}, which checks the connection and logs slow statements.
 */
@SuppressWarnings("deprecation") // implements the deprecated getters too
final class DirectResultSet extends ForwardOnlyResultSet {

  /** Where the cursor is: before the first row, on a row, or past the last. */
  private enum Position {
    BEFORE_START,
    OK,
    AFTER_END
  }

  private final DirectRows rows;
  private final DirectResultSetMetaData metaData;
  private Calendar calendar; // made with the accessors
  private final Runnable onClose; // null: nothing
  private RowsCursor avatica; // Avatica's accessors over the rows, made for an uncommon getter
  private List<Cursor.Accessor> accessors;
  private boolean lastByAccessor; // whether the last column read went through an accessor
  private boolean lastNull;
  private Position position = Position.BEFORE_START;
  private int row;
  private int fetchSize;
  private int fetchDirection;
  private boolean closed;

  /**
   * The rows {@code rows} with the columns {@code metaData}; {@code onClose} (may be null) runs
   * once when it closes.
   */
  DirectResultSet(
      DirectRows rows, DirectResultSetMetaData metaData, int fetchSize, Runnable onClose) {
    this.rows = rows;
    this.metaData = metaData;
    this.fetchSize = fetchSize;
    this.onClose = onClose;
  }

  /** Avatica's cursor over the direct rows: each getter reads a column of the current row. */
  private static final class RowsCursor extends AbstractCursor {
    private final DirectRows rows;

    RowsCursor(DirectRows rows) {
      this.rows = rows;
    }

    @Override
    protected Getter createGetter(int ordinal) {
      return new AbstractGetter() {
        @Override
        public Object getObject() {
          Object value = rows.get(ordinal);
          wasNull[0] = value == null;
          return value;
        }
      };
    }

    @Override
    public boolean next() {
      return rows.next();
    }

    @Override
    public void close() {
      rows.close();
    }
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("ResultSet closed");
    }
  }

  /** Checks that column {@code column} (1-based) of a current row can be read. */
  private void check(int column) throws SQLException {
    checkOpen();
    if (column < 1 || column > metaData.getColumnCount()) {
      throw new SQLException("invalid column ordinal: " + column);
    }
    if (position != Position.OK) {
      throw new SQLException(
          "java.util.NoSuchElementException: Expecting cursor position to be Position.OK, actual"
              + " is Position."
              + position);
    }
  }

  /** The value of column {@code column} of the current row: a String, a Long, or null. */
  private Object value(int column) throws SQLException {
    check(column);
    Object value = rows.get(column - 1);
    lastByAccessor = false;
    lastNull = value == null;
    return value;
  }

  /**
   * Avatica's accessor of column {@code column} (1-based) of the current row, for the getters that
   * convert: their conversions and refusals are Avatica's own.
   */
  private Cursor.Accessor accessor(int column) throws SQLException {
    check(column);
    if (accessors == null) {
      calendar = ParameterSlots.avaticaCalendar();
      avatica = new RowsCursor(rows);
      accessors = avatica.createAccessors(metaData.avaticaColumns(), calendar, null);
    }
    lastByAccessor = true;
    return accessors.get(column - 1);
  }

  @Override
  public String getString(int column) throws SQLException {
    Object value = value(column);
    return value == null ? null : value.toString();
  }

  @Override
  public Object getObject(int column) throws SQLException {
    return value(column);
  }

  @Override
  public long getLong(int column) throws SQLException {
    if (metaData.isBigint(checked(column))) {
      Object value = value(column);
      return value == null ? 0 : (Long) value;
    }
    return accessor(column).getLong();
  }

  @Override
  public int getInt(int column) throws SQLException {
    if (metaData.isBigint(checked(column))) {
      Object value = value(column);
      return value == null ? 0 : (int) (long) (Long) value;
    }
    return accessor(column).getInt();
  }

  /** {@code column}, once it is known to be one of the result's. */
  private int checked(int column) throws SQLException {
    check(column);
    return column;
  }

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (position == Position.AFTER_END) {
      return false;
    }
    if (rows.next()) {
      position = Position.OK;
      row++;
      return true;
    }
    position = Position.AFTER_END;
    row = 0;
    rows.close(); // release the read at once; the rows are all read
    return false;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    rows.close();
    if (onClose != null) {
      onClose.run();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    return lastByAccessor ? avatica.wasNull() : lastNull;
  }

  @Override
  public int findColumn(String label) throws SQLException {
    checkOpen();
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      if (metaData.getColumnLabel(i).equalsIgnoreCase(label)) {
        return i;
      }
    }
    throw new SQLException("column '" + label + "' not found");
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return metaData;
  }

  @Override
  public Statement getStatement() {
    return null; // the ShaleResultSet around it answers with its statement
  }

  @Override
  public int getType() throws SQLException {
    checkOpen();
    return TYPE_FORWARD_ONLY;
  }

  @Override
  public int getConcurrency() throws SQLException {
    checkOpen();
    return CONCUR_READ_ONLY;
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    fetchSize = rows;
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return fetchDirection;
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    fetchDirection = direction;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public String getCursorName() throws SQLException {
    throw refused();
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return row;
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    return position == Position.BEFORE_START;
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return position == Position.AFTER_END;
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return row == 1;
  }

  @Override
  public boolean isLast() throws SQLException {
    throw refused();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public Array getArray(String label) throws SQLException {
    return getArray(findColumn(label));
  }

  @Override
  public Array getArray(int column) throws SQLException {
    return accessor(column).getArray();
  }

  @Override
  public InputStream getAsciiStream(String label) throws SQLException {
    return getAsciiStream(findColumn(label));
  }

  @Override
  public InputStream getAsciiStream(int column) throws SQLException {
    return accessor(column).getAsciiStream();
  }

  @Override
  public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
    return getBigDecimal(findColumn(label), scale);
  }

  @Override
  public BigDecimal getBigDecimal(String label) throws SQLException {
    return getBigDecimal(findColumn(label));
  }

  @Override
  public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
    return accessor(column).getBigDecimal(scale);
  }

  @Override
  public BigDecimal getBigDecimal(int column) throws SQLException {
    return accessor(column).getBigDecimal();
  }

  @Override
  public InputStream getBinaryStream(String label) throws SQLException {
    return getBinaryStream(findColumn(label));
  }

  @Override
  public InputStream getBinaryStream(int column) throws SQLException {
    return accessor(column).getBinaryStream();
  }

  @Override
  public Blob getBlob(String label) throws SQLException {
    return getBlob(findColumn(label));
  }

  @Override
  public Blob getBlob(int column) throws SQLException {
    return accessor(column).getBlob();
  }

  @Override
  public boolean getBoolean(String label) throws SQLException {
    return getBoolean(findColumn(label));
  }

  @Override
  public boolean getBoolean(int column) throws SQLException {
    return accessor(column).getBoolean();
  }

  @Override
  public byte getByte(String label) throws SQLException {
    return getByte(findColumn(label));
  }

  @Override
  public byte getByte(int column) throws SQLException {
    return accessor(column).getByte();
  }

  @Override
  public byte[] getBytes(String label) throws SQLException {
    return getBytes(findColumn(label));
  }

  @Override
  public byte[] getBytes(int column) throws SQLException {
    return accessor(column).getBytes();
  }

  @Override
  public Reader getCharacterStream(String label) throws SQLException {
    return getCharacterStream(findColumn(label));
  }

  @Override
  public Reader getCharacterStream(int column) throws SQLException {
    return accessor(column).getCharacterStream();
  }

  @Override
  public Clob getClob(String label) throws SQLException {
    return getClob(findColumn(label));
  }

  @Override
  public Clob getClob(int column) throws SQLException {
    return accessor(column).getClob();
  }

  @Override
  public Date getDate(String label, Calendar cal) throws SQLException {
    return getDate(findColumn(label), cal);
  }

  @Override
  public Date getDate(String label) throws SQLException {
    return getDate(findColumn(label));
  }

  @Override
  public Date getDate(int column, Calendar cal) throws SQLException {
    return accessor(column).getDate(cal);
  }

  @Override
  public Date getDate(int column) throws SQLException {
    return accessor(column).getDate(calendar);
  }

  @Override
  public double getDouble(String label) throws SQLException {
    return getDouble(findColumn(label));
  }

  @Override
  public double getDouble(int column) throws SQLException {
    return accessor(column).getDouble();
  }

  @Override
  public float getFloat(String label) throws SQLException {
    return getFloat(findColumn(label));
  }

  @Override
  public float getFloat(int column) throws SQLException {
    return accessor(column).getFloat();
  }

  @Override
  public int getInt(String label) throws SQLException {
    return getInt(findColumn(label));
  }

  @Override
  public long getLong(String label) throws SQLException {
    return getLong(findColumn(label));
  }

  @Override
  public Reader getNCharacterStream(String label) throws SQLException {
    return getNCharacterStream(findColumn(label));
  }

  @Override
  public Reader getNCharacterStream(int column) throws SQLException {
    return accessor(column).getNCharacterStream();
  }

  @Override
  public NClob getNClob(String label) throws SQLException {
    return getNClob(findColumn(label));
  }

  @Override
  public NClob getNClob(int column) throws SQLException {
    return accessor(column).getNClob();
  }

  @Override
  public String getNString(String label) throws SQLException {
    return getNString(findColumn(label));
  }

  @Override
  public String getNString(int column) throws SQLException {
    return accessor(column).getNString();
  }

  @Override
  public <T> T getObject(String label, Class<T> type) throws SQLException {
    return getObject(findColumn(label), type);
  }

  @Override
  public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
    return getObject(findColumn(label), map);
  }

  @Override
  public Object getObject(String label) throws SQLException {
    return getObject(findColumn(label));
  }

  @Override
  public <T> T getObject(int column, Class<T> type) throws SQLException {
    return accessor(column).getObject(type);
  }

  @Override
  public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
    return accessor(column).getObject(map);
  }

  @Override
  public Ref getRef(String label) throws SQLException {
    return getRef(findColumn(label));
  }

  @Override
  public Ref getRef(int column) throws SQLException {
    return accessor(column).getRef();
  }

  @Override
  public RowId getRowId(String label) throws SQLException {
    return getRowId(findColumn(label));
  }

  @Override
  public RowId getRowId(int column) throws SQLException {
    throw refused();
  }

  @Override
  public SQLXML getSQLXML(String label) throws SQLException {
    return getSQLXML(findColumn(label));
  }

  @Override
  public SQLXML getSQLXML(int column) throws SQLException {
    return accessor(column).getSQLXML();
  }

  @Override
  public short getShort(String label) throws SQLException {
    return getShort(findColumn(label));
  }

  @Override
  public short getShort(int column) throws SQLException {
    return accessor(column).getShort();
  }

  @Override
  public String getString(String label) throws SQLException {
    return getString(findColumn(label));
  }

  @Override
  public Time getTime(String label, Calendar cal) throws SQLException {
    return getTime(findColumn(label), cal);
  }

  @Override
  public Time getTime(String label) throws SQLException {
    return getTime(findColumn(label));
  }

  @Override
  public Time getTime(int column, Calendar cal) throws SQLException {
    return accessor(column).getTime(cal);
  }

  @Override
  public Time getTime(int column) throws SQLException {
    return accessor(column).getTime(calendar);
  }

  @Override
  public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
    return getTimestamp(findColumn(label), cal);
  }

  @Override
  public Timestamp getTimestamp(String label) throws SQLException {
    return getTimestamp(findColumn(label));
  }

  @Override
  public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
    return accessor(column).getTimestamp(cal);
  }

  @Override
  public Timestamp getTimestamp(int column) throws SQLException {
    return accessor(column).getTimestamp(calendar);
  }

  @Override
  public URL getURL(String label) throws SQLException {
    return getURL(findColumn(label));
  }

  @Override
  public URL getURL(int column) throws SQLException {
    return accessor(column).getURL();
  }

  @Override
  public InputStream getUnicodeStream(String label) throws SQLException {
    return getUnicodeStream(findColumn(label));
  }

  @Override
  public InputStream getUnicodeStream(int column) throws SQLException {
    return accessor(column).getUnicodeStream();
  }
}
