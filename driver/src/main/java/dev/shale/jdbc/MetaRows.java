package dev.shale.jdbc;

import dev.shale.sql.error.SqlStates;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows of a {@link java.sql.DatabaseMetaData} answer Shale makes itself (its tables, columns,
 * keys): named, typed columns and a list of rows, read forward only as a {@link ResultSet}.
 *
 * <p>The result set is a proxy: of {@code ResultSet}'s two hundred methods a metadata reader uses
 * the cursor, the getters and the metadata, which are answered here; any other call (updates,
 * streams, scrolling) fails with 0A000.
 */
final class MetaRows {

  /** One column: its label and its {@link Types} code. */
  record Column(String name, int type) {}

  private final List<Column> columns = new ArrayList<>();
  private final List<Object[]> rows = new ArrayList<>();

  /** Adds a column of {@code type} ({@link Types#VARCHAR}, {@link Types#INTEGER}, …). */
  MetaRows column(String name, int type) {
    columns.add(new Column(name, type));
    return this;
  }

  /** Adds a row, one value per column (null for SQL NULL). */
  MetaRows row(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(values.length + " values for " + columns.size());
    }
    rows.add(values.clone());
    return this;
  }

  List<Column> columns() {
    return columns;
  }

  ResultSet resultSet() {
    return resultSet(null);
  }

  /** The rows as a result set of {@code statement} (may be null), which closing it closes. */
  ResultSet resultSet(Statement statement) {
    return (ResultSet)
        Proxy.newProxyInstance(
            MetaRows.class.getClassLoader(),
            new Class<?>[] {ResultSet.class},
            new Cursor(List.copyOf(columns), List.copyOf(rows), statement));
  }

  /** The state of one reading: the row it is on, whether the last value read was NULL. */
  private static final class Cursor implements InvocationHandler {
    private final List<Column> columns;
    private final List<Object[]> rows;
    private final ResultSetMetaData metaData;
    private int row = -1;
    private boolean wasNull;
    private boolean closed;
    private final Statement statement;

    Cursor(List<Column> columns, List<Object[]> rows, Statement statement) {
      this.columns = columns;
      this.rows = rows;
      this.statement = statement;
      this.metaData = new MetaRowsMetaData(columns);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      switch (name) {
        case "close":
          closed = true;
          if (statement != null) {
            statement.close();
          }
          return null;
        case "isClosed":
          return closed;
        case "toString":
          return "MetaRows" + columns;
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        case "unwrap":
          if (((Class<?>) args[0]).isInstance(proxy)) {
            return proxy;
          }
          throw new SQLException("Not a wrapper for " + args[0], SqlStates.GENERAL_ERROR);
        case "isWrapperFor":
          return ((Class<?>) args[0]).isInstance(proxy);
        default:
          break;
      }
      if (closed) {
        throw new SQLException("The result set is closed", SqlStates.OBJECT_CLOSED);
      }
      switch (name) {
        case "next":
          if (row < rows.size()) {
            row++;
          }
          return row < rows.size();
        case "getMetaData":
          return metaData;
        case "findColumn":
          return findColumn((String) args[0]);
        case "wasNull":
          return wasNull;
        case "getRow":
          return row >= 0 && row < rows.size() ? row + 1 : 0;
        case "isBeforeFirst":
          return row < 0 && !rows.isEmpty();
        case "isAfterLast":
          return row >= rows.size() && !rows.isEmpty();
        case "isFirst":
          return row == 0 && !rows.isEmpty();
        case "isLast":
          return row == rows.size() - 1 && !rows.isEmpty();
        case "getType":
          return ResultSet.TYPE_FORWARD_ONLY;
        case "getConcurrency":
          return ResultSet.CONCUR_READ_ONLY;
        case "getHoldability":
          return ResultSet.HOLD_CURSORS_OVER_COMMIT;
        case "getFetchDirection":
          return ResultSet.FETCH_FORWARD;
        case "getFetchSize":
          return 0;
        case "setFetchSize":
        case "setFetchDirection":
        case "clearWarnings":
          return null;
        case "getStatement":
          return statement;
        case "getWarnings":
        case "getCursorName":
          return null;
        default:
          break;
      }
      if (name.startsWith("get") && args != null && args.length == 1) {
        int index = args[0] instanceof String label ? findColumn(label) : (Integer) args[0];
        return get(index, method.getReturnType());
      }
      if (name.equals("getObject") && args != null && args.length == 2) {
        int index = args[0] instanceof String label ? findColumn(label) : (Integer) args[0];
        return get(index, (Class<?>) args[1]);
      }
      throw new SQLFeatureNotSupportedException(
          "A metadata result set does not support " + name, SqlStates.FEATURE_NOT_SUPPORTED);
    }

    private int findColumn(String label) throws SQLException {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equalsIgnoreCase(label)) {
          return i + 1;
        }
      }
      throw new SQLException("No column " + label, SqlStates.UNKNOWN_COLUMN);
    }

    private Object get(int index, Class<?> type) throws SQLException {
      if (row < 0 || row >= rows.size()) {
        throw new SQLException("No current row", SqlStates.GENERAL_ERROR);
      }
      if (index < 1 || index > columns.size()) {
        throw new SQLException(
            "Column " + index + " of " + columns.size(), SqlStates.INVALID_PARAMETER_INDEX);
      }
      Object value = rows.get(row)[index - 1];
      wasNull = value == null;
      return convert(value, type);
    }

    private static Object convert(Object value, Class<?> type) throws SQLException {
      if (type == Object.class) {
        return value;
      }
      if (type == String.class) {
        return value == null ? null : value.toString();
      }
      if (value == null) {
        if (type == boolean.class) {
          return false;
        }
        return type.isPrimitive() ? zero(type) : null;
      }
      if (type == boolean.class || type == Boolean.class) {
        return value instanceof Boolean b ? b : !"0".equals(value.toString());
      }
      if (value instanceof Boolean b) {
        value = b ? 1 : 0;
      }
      Number number;
      try {
        number = value instanceof Number n ? n : Long.valueOf(value.toString().trim());
      } catch (NumberFormatException e) {
        throw new SQLException("Not a number: " + value, SqlStates.INVALID_CAST);
      }
      if (type == int.class || type == Integer.class) {
        return number.intValue();
      }
      if (type == long.class || type == Long.class) {
        return number.longValue();
      }
      if (type == short.class || type == Short.class) {
        return number.shortValue();
      }
      if (type == byte.class || type == Byte.class) {
        return number.byteValue();
      }
      if (type == double.class || type == Double.class) {
        return number.doubleValue();
      }
      if (type == float.class || type == Float.class) {
        return number.floatValue();
      }
      if (type == java.math.BigDecimal.class) {
        return java.math.BigDecimal.valueOf(number.longValue());
      }
      throw new SQLFeatureNotSupportedException(
          "A metadata value as " + type.getSimpleName().toLowerCase(Locale.ROOT),
          SqlStates.FEATURE_NOT_SUPPORTED);
    }

    private static Object zero(Class<?> type) {
      if (type == int.class) {
        return 0;
      }
      if (type == long.class) {
        return 0L;
      }
      if (type == short.class) {
        return (short) 0;
      }
      if (type == byte.class) {
        return (byte) 0;
      }
      if (type == double.class) {
        return 0d;
      }
      return 0f;
    }
  }
}
