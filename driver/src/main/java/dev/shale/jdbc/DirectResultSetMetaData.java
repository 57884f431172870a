package dev.shale.jdbc;

import dev.shale.sql.direct.DirectColumn;
import dev.shale.sql.direct.DirectStatement;
import java.sql.DatabaseMetaData;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * The columns of a statement the direct executor runs, described exactly as the planned path
 * describes them (Avatica's {@link ColumnMetaData}, as Calcite fills it): kv's columns are VARCHAR
 * of schema {@code shale}, table {@code kv}; a count is BIGINT {@code EXPR$0}; a write has the one
 * column {@code ROWCOUNT}.
 */
final class DirectResultSetMetaData implements ResultSetMetaData {

  private final List<ColumnMetaData> columns;

  private DirectResultSetMetaData(List<ColumnMetaData> columns) {
    this.columns = columns;
  }

  /** The columns of {@code statement}: its query's, or a write's update count. */
  static DirectResultSetMetaData of(DirectStatement statement) {
    List<ColumnMetaData> columns = new ArrayList<>();
    if (!statement.isQuery()) {
      columns.add(bigint(0, "ROWCOUNT"));
      return new DirectResultSetMetaData(List.copyOf(columns));
    }
    List<DirectColumn> direct = statement.columns();
    for (int i = 0; i < direct.size(); i++) {
      DirectColumn c = direct.get(i);
      columns.add(c.type() == Types.BIGINT ? bigint(i, c.label()) : varchar(i, c));
    }
    return new DirectResultSetMetaData(List.copyOf(columns));
  }

  /** A write's update count as a one-column result (what executeQuery of a write returns). */
  static DirectResultSetMetaData rowCount() {
    return new DirectResultSetMetaData(List.of(bigint(0, "ROWCOUNT")));
  }

  private static ColumnMetaData varchar(int ordinal, DirectColumn c) {
    return new ColumnMetaData(
        ordinal,
        false,
        true,
        false,
        false,
        c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        true,
        -1,
        c.label(),
        c.columnName(),
        "shale",
        0,
        0,
        "kv",
        null,
        ColumnMetaData.scalar(Types.VARCHAR, "VARCHAR", ColumnMetaData.Rep.STRING),
        true,
        false,
        false,
        String.class.getName());
  }

  private static ColumnMetaData bigint(int ordinal, String label) {
    return new ColumnMetaData(
        ordinal,
        false,
        true,
        false,
        false,
        DatabaseMetaData.columnNoNulls,
        true,
        19,
        label,
        label,
        null,
        19,
        0,
        null,
        null,
        ColumnMetaData.scalar(Types.BIGINT, "BIGINT", ColumnMetaData.Rep.PRIMITIVE_LONG),
        true,
        false,
        false,
        Long.class.getName());
  }

  /** Avatica's descriptions of the columns, for its accessors. */
  List<ColumnMetaData> columns() {
    return columns;
  }

  private ColumnMetaData column(int column) throws SQLException {
    if (column < 1 || column > columns.size()) {
      throw new SQLException("invalid column ordinal: " + column);
    }
    return columns.get(column - 1);
  }

  @Override
  public int getColumnCount() {
    return columns.size();
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    return column(column).autoIncrement;
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    return column(column).caseSensitive;
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    return column(column).searchable;
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    return column(column).currency;
  }

  @Override
  public int isNullable(int column) throws SQLException {
    return column(column).nullable;
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    return column(column).signed;
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    return column(column).displaySize;
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    return column(column).label;
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    return column(column).columnName;
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    return column(column).schemaName;
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    return column(column).precision;
  }

  @Override
  public int getScale(int column) throws SQLException {
    return column(column).scale;
  }

  @Override
  public String getTableName(int column) throws SQLException {
    return column(column).tableName;
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    return column(column).catalogName;
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    return column(column).type.id;
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    return column(column).type.name;
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    return column(column).readOnly;
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    return column(column).writable;
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    return column(column).definitelyWritable;
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    return column(column).columnClassName;
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
}
