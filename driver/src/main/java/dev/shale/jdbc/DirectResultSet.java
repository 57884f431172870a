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
 * it fails with 08003 once its connection is closed, and reports to the slow-statement log; unlike
 * Calcite's, it needs no {@link ShaleResultSet} around it (three large classes less to load).
 */
@SuppressWarnings("deprecation") // implements the deprecated getters too
final class DirectResultSet extends ResultSetLabels {

  /** Where the cursor is: before the first row, on a row, or past the last. */
  private enum Position {
    BEFORE_START,
    OK,
    AFTER_END
  }

  private final ShaleConnection connection;
  private final ShaleStatement statement;
  private final DirectRows rows;
  private final DirectResultSetMetaData metaData;
  private SlowStatementLog.Execution execution; // the slow-statement log's; null when off
  private Calendar calendar; // made with the accessors
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
   * The rows {@code rows} of {@code statement} (on {@code connection}) with the columns {@code
   * metaData}; the statement hears once when it closes ({@link ShaleStatement#rowsClosed}).
   */
  DirectResultSet(
      ShaleConnection connection,
      ShaleStatement statement,
      DirectRows rows,
      DirectResultSetMetaData metaData,
      int fetchSize) {
    this.connection = connection;
    this.statement = statement;
    this.rows = rows;
    this.metaData = metaData;
    this.fetchSize = fetchSize;
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

  /** Hands the rows out for {@code execution} of the slow-statement log (null: off). */
  void loggedAs(SlowStatementLog.Execution execution) {
    this.execution = execution;
  }

  /** 08003 once the connection is closed; Avatica's "ResultSet closed" (HY010) once this is. */
  private void checkOpen() throws SQLException {
    if (closed) {
      throw SqlErrors.translate(new SQLException("ResultSet closed"));
    }
  }

  /** {@code e} as the planned path's result set throws it: translated to a standard SQLState. */
  private static SQLException failed(Throwable e) {
    return SqlErrors.translate(e);
  }

  /** A getter of Avatica's accessor. */
  private interface AccessorGetter<T> {
    T get(Cursor.Accessor accessor) throws SQLException;
  }

  /** Reads column {@code column} with {@code getter} on Avatica's accessor, failures translated. */
  private <T> T convert(int column, AccessorGetter<T> getter) throws SQLException {
    try {
      return getter.get(accessor(column));
    } catch (SQLException | RuntimeException e) {
      throw failed(e);
    }
  }

  /** Checks that column {@code column} (1-based) of a current row can be read. */
  private void check(int column) throws SQLException {
    checkOpen();
    if (column < 1 || column > metaData.getColumnCount()) {
      throw failed(new SQLException("invalid column ordinal: " + column));
    }
    if (position != Position.OK) {
      throw failed(
          new SQLException(
              "java.util.NoSuchElementException: Expecting cursor position to be Position.OK,"
                  + " actual is Position."
                  + position));
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
    connection.checkOpen();
    Object value = value(column);
    return value == null ? null : value.toString();
  }

  @Override
  public Object getObject(int column) throws SQLException {
    connection.checkOpen();
    return value(column);
  }

  @Override
  public long getLong(int column) throws SQLException {
    if (metaData.isBigint(checked(column))) {
      Object value = value(column);
      return value == null ? 0 : (Long) value;
    }
    return convert(column, Cursor.Accessor::getLong);
  }

  @Override
  public int getInt(int column) throws SQLException {
    if (metaData.isBigint(checked(column))) {
      Object value = value(column);
      return value == null ? 0 : (int) (long) (Long) value;
    }
    return convert(column, Cursor.Accessor::getInt);
  }

  /** {@code column}, once it is known to be one of the result's. */
  private int checked(int column) throws SQLException {
    check(column);
    return column;
  }

  @Override
  public boolean next() throws SQLException {
    connection.checkOpen();
    checkOpen();
    if (position == Position.AFTER_END) {
      return false;
    }
    if (execution == null || execution.isFinished()) {
      return advance();
    }
    return execution.fetch(this::advance);
  }

  private boolean advance() throws SQLException {
    boolean next;
    try {
      next = rows.next();
    } catch (RuntimeException | Error e) {
      throw failed(e);
    }
    if (next) {
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
    if (execution != null) {
      execution.finish(-1);
    }
    closed = true;
    rows.close();
    statement.rowsClosed();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    if (!lastByAccessor) {
      return lastNull;
    }
    return avatica.wasNull();
  }

  @Override
  public int findColumn(String label) throws SQLException {
    checkOpen();
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      if (metaData.getColumnLabel(i).equalsIgnoreCase(label)) {
        return i;
      }
    }
    throw failed(new SQLException("column '" + label + "' not found"));
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    connection.checkOpen();
    checkOpen();
    return new KvResultSetMetaData(connection, metaData); // as a planned query's result set
  }

  @Override
  public Statement getStatement() {
    return statement;
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
    throw SqlErrors.translate(new SQLException("not a wrapper for " + iface));
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public Array getArray(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getArray);
  }

  @Override
  public InputStream getAsciiStream(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getAsciiStream);
  }

  @Override
  public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
    return convert(column, a -> a.getBigDecimal(scale));
  }

  @Override
  public BigDecimal getBigDecimal(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getBigDecimal);
  }

  @Override
  public InputStream getBinaryStream(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getBinaryStream);
  }

  @Override
  public Blob getBlob(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getBlob);
  }

  @Override
  public boolean getBoolean(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getBoolean);
  }

  @Override
  public byte getByte(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getByte);
  }

  @Override
  public byte[] getBytes(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getBytes);
  }

  @Override
  public Reader getCharacterStream(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getCharacterStream);
  }

  @Override
  public Clob getClob(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getClob);
  }

  @Override
  public Date getDate(int column, Calendar cal) throws SQLException {
    return convert(column, a -> a.getDate(cal));
  }

  @Override
  public Date getDate(int column) throws SQLException {
    return convert(column, a -> a.getDate(calendar));
  }

  @Override
  public double getDouble(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getDouble);
  }

  @Override
  public float getFloat(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getFloat);
  }

  @Override
  public Reader getNCharacterStream(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getNCharacterStream);
  }

  @Override
  public NClob getNClob(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getNClob);
  }

  @Override
  public String getNString(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getNString);
  }

  @Override
  public <T> T getObject(int column, Class<T> type) throws SQLException {
    return convert(column, a -> a.getObject(type));
  }

  @Override
  public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
    return convert(column, a -> a.getObject(map));
  }

  @Override
  public Ref getRef(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getRef);
  }

  @Override
  public RowId getRowId(int column) throws SQLException {
    throw refused();
  }

  @Override
  public SQLXML getSQLXML(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getSQLXML);
  }

  @Override
  public short getShort(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getShort);
  }

  @Override
  public Time getTime(int column, Calendar cal) throws SQLException {
    return convert(column, a -> a.getTime(cal));
  }

  @Override
  public Time getTime(int column) throws SQLException {
    return convert(column, a -> a.getTime(calendar));
  }

  @Override
  public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
    return convert(column, a -> a.getTimestamp(cal));
  }

  @Override
  public Timestamp getTimestamp(int column) throws SQLException {
    return convert(column, a -> a.getTimestamp(calendar));
  }

  @Override
  public URL getURL(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getURL);
  }

  @Override
  public InputStream getUnicodeStream(int column) throws SQLException {
    return convert(column, Cursor.Accessor::getUnicodeStream);
  }
}
