package dev.shale.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Calcite's metadata of a query's columns, told truly of the columns that come from {@code kv}:
 * they are writable (by UPDATE, keyed by {@code key}), searchable, and as long as the engine's
 * limits let them be. Other columns (expressions, aggregates) are as Calcite describes them.
 */
final class KvResultSetMetaData implements ResultSetMetaData {

  private final ShaleConnection connection;
  private final ResultSetMetaData target;

  KvResultSetMetaData(ShaleConnection connection, ResultSetMetaData target) {
    this.connection = connection;
    this.target = target;
  }

  /** The limit in bytes of the kv column at {@code column}, or -1 if it is not one. */
  private int kvLimit(int column) throws SQLException {
    String name = kvColumn(column);
    if (name == null) {
      return -1;
    }
    // The connection's limits, as its catalog states them, without making its DatabaseMetaData.
    return name.equals(KvCatalog.KEY) ? connection.maxKeyBytes() : connection.maxValueBytes();
  }

  /** The kv column at {@code column} (key or value), or null if it is not one. */
  private String kvColumn(int column) throws SQLException {
    if (!KvCatalog.TABLE.equalsIgnoreCase(getTableName(column))
        || !KvCatalog.SCHEMA.equalsIgnoreCase(getSchemaName(column))) {
      return null;
    }
    String name = getColumnName(column);
    return KvCatalog.KEY.equalsIgnoreCase(name)
        ? KvCatalog.KEY
        : KvCatalog.VALUE.equalsIgnoreCase(name) ? KvCatalog.VALUE : null;
  }

  @Override
  public int getColumnCount() throws SQLException {
    return SqlErrors.call(target::getColumnCount);
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    return SqlErrors.call(() -> target.isAutoIncrement(column));
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    return SqlErrors.call(() -> target.isCaseSensitive(column));
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    return kvColumn(column) != null || SqlErrors.call(() -> target.isSearchable(column));
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    return SqlErrors.call(() -> target.isCurrency(column));
  }

  @Override
  public int isNullable(int column) throws SQLException {
    return SqlErrors.call(() -> target.isNullable(column));
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    return SqlErrors.call(() -> target.isSigned(column));
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    int limit = kvLimit(column);
    return limit >= 0 ? limit : SqlErrors.call(() -> target.getColumnDisplaySize(column));
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    return SqlErrors.call(() -> target.getColumnLabel(column));
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    return SqlErrors.call(() -> target.getColumnName(column));
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    String schema = SqlErrors.call(() -> target.getSchemaName(column));
    return schema == null ? "" : schema;
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    int limit = kvLimit(column);
    return limit >= 0 ? limit : SqlErrors.call(() -> target.getPrecision(column));
  }

  @Override
  public int getScale(int column) throws SQLException {
    return SqlErrors.call(() -> target.getScale(column));
  }

  @Override
  public String getTableName(int column) throws SQLException {
    String table = SqlErrors.call(() -> target.getTableName(column));
    return table == null ? "" : table;
  }

  /** "": there are no catalogs (JDBC's answer when not applicable). */
  @Override
  public String getCatalogName(int column) throws SQLException {
    SqlErrors.call(() -> target.getCatalogName(column)); // checks the index
    return "";
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    return SqlErrors.call(() -> target.getColumnType(column));
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    return SqlErrors.call(() -> target.getColumnTypeName(column));
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    return kvColumn(column) == null && SqlErrors.call(() -> target.isReadOnly(column));
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    return kvColumn(column) != null || SqlErrors.call(() -> target.isWritable(column));
  }

  /** Never definitely: a write can fail (a duplicate key, a conflict). */
  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    return SqlErrors.call(() -> target.isDefinitelyWritable(column));
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    return SqlErrors.call(() -> target.getColumnClassName(column));
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return SqlErrors.call(() -> target.unwrap(iface));
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || SqlErrors.call(() -> target.isWrapperFor(iface));
  }
}
