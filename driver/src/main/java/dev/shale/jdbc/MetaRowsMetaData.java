package dev.shale.jdbc;

import dev.shale.sql.error.SqlStates;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** The columns of a {@link MetaRows} result set: computed values, read only, any of them NULL. */
final class MetaRowsMetaData implements ResultSetMetaData {

  private final List<MetaRows.Column> columns;

  MetaRowsMetaData(List<MetaRows.Column> columns) {
    this.columns = columns;
  }

  private MetaRows.Column column(int index) throws SQLException {
    if (index < 1 || index > columns.size()) {
      throw new SQLException(
          "Column " + index + " of " + columns.size(), SqlStates.INVALID_PARAMETER_INDEX);
    }
    return columns.get(index - 1);
  }

  @Override
  public int getColumnCount() {
    return columns.size();
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    column(column);
    return false;
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    return column(column).type() == Types.VARCHAR;
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    column(column);
    return false;
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    column(column);
    return false;
  }

  @Override
  public int isNullable(int column) throws SQLException {
    column(column);
    return columnNullable;
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    return column(column).type() != Types.VARCHAR && column(column).type() != Types.BOOLEAN;
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    return getPrecision(column);
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    return column(column).name();
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    return column(column).name();
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    column(column);
    return "";
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    return switch (column(column).type()) {
      case Types.SMALLINT -> 5;
      case Types.INTEGER -> 10;
      case Types.BIGINT -> 19;
      case Types.BOOLEAN -> 1;
      default -> 128;
    };
  }

  @Override
  public int getScale(int column) throws SQLException {
    column(column);
    return 0;
  }

  @Override
  public String getTableName(int column) throws SQLException {
    column(column);
    return "";
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    column(column);
    return "";
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    return column(column).type();
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    return switch (column(column).type()) {
      case Types.SMALLINT -> "SMALLINT";
      case Types.INTEGER -> "INTEGER";
      case Types.BIGINT -> "BIGINT";
      case Types.BOOLEAN -> "BOOLEAN";
      default -> "VARCHAR";
    };
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    column(column);
    return true;
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    column(column);
    return false;
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    column(column);
    return false;
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    return switch (column(column).type()) {
      case Types.SMALLINT -> Short.class.getName();
      case Types.INTEGER -> Integer.class.getName();
      case Types.BIGINT -> Long.class.getName();
      case Types.BOOLEAN -> Boolean.class.getName();
      default -> String.class.getName();
    };
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("Not a wrapper for " + iface.getName(), SqlStates.GENERAL_ERROR);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
