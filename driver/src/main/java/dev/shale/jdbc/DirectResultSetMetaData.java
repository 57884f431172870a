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
 * describes them (as Calcite fills Avatica's {@link ColumnMetaData}, which is made only when an
 * uncommon getter needs Avatica's accessors: loading it loads Avatica's protobuf descriptors): kv's
 * columns are VARCHAR of schema {@code shale}, table {@code kv}; a count is BIGINT {@code EXPR$0};
 * a write has the one column {@code ROWCOUNT}.
 */
final class DirectResultSetMetaData implements ResultSetMetaData {

  /** One column, with what Calcite says of it. */
  private record Column(
      String label,
      String name,
      int type,
      boolean nullable,
      int displaySize,
      int precision,
      String schema,
      String table) {

    boolean isBigint() {
      return type == Types.BIGINT;
    }
  }

  private final List<Column> columns;
  private List<ColumnMetaData> avatica; // made when an accessor is first needed

  private DirectResultSetMetaData(List<Column> columns) {
    this.columns = columns;
  }

  /** The columns of {@code statement}: its query's, or a write's update count. */
  static DirectResultSetMetaData of(DirectStatement statement) {
    if (!statement.isQuery()) {
      return rowCount();
    }
    List<Column> columns = new ArrayList<>();
    for (DirectColumn c : statement.columns()) {
      columns.add(
          c.type() == Types.BIGINT
              ? bigint(c.label())
              : new Column(
                  c.label(), c.columnName(), Types.VARCHAR, c.nullable(), -1, 0, "shale", "kv"));
    }
    return new DirectResultSetMetaData(List.copyOf(columns));
  }

  /** A write's update count as a one-column result (what executeQuery of a write returns). */
  static DirectResultSetMetaData rowCount() {
    return new DirectResultSetMetaData(List.of(bigint("ROWCOUNT")));
  }

  private static Column bigint(String label) {
    return new Column(label, label, Types.BIGINT, false, 19, 19, null, null);
  }

  /** Whether column {@code column} (1-based) is a count (BIGINT) rather than a kv column. */
  boolean isBigint(int column) {
    return columns.get(column - 1).isBigint();
  }

  /** Avatica's descriptions of the columns, for its accessors (made on first call). */
  List<ColumnMetaData> avaticaColumns() {
    if (avatica == null) {
      List<ColumnMetaData> out = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        Column c = columns.get(i);
        out.add(
            new ColumnMetaData(
                i,
                false,
                true,
                false,
                false,
                c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                true,
                c.displaySize(),
                c.label(),
                c.name(),
                c.schema(),
                c.precision(),
                0,
                c.table(),
                null,
                c.isBigint()
                    ? ColumnMetaData.scalar(
                        Types.BIGINT, "BIGINT", ColumnMetaData.Rep.PRIMITIVE_LONG)
                    : ColumnMetaData.scalar(Types.VARCHAR, "VARCHAR", ColumnMetaData.Rep.STRING),
                true,
                false,
                false,
                c.isBigint() ? Long.class.getName() : String.class.getName()));
      }
      avatica = List.copyOf(out);
    }
    return avatica;
  }

  private Column column(int column) throws SQLException {
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
    column(column);
    return false;
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    column(column);
    return true;
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
    return column(column).nullable() ? columnNullable : columnNoNulls;
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    column(column);
    return true;
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    return column(column).displaySize();
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    return column(column).label();
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    return column(column).name();
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    return column(column).schema();
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    return column(column).precision();
  }

  @Override
  public int getScale(int column) throws SQLException {
    column(column);
    return 0;
  }

  @Override
  public String getTableName(int column) throws SQLException {
    return column(column).table();
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    column(column);
    return null;
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    return column(column).type();
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    return column(column).isBigint() ? "BIGINT" : "VARCHAR";
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
    return column(column).isBigint() ? Long.class.getName() : String.class.getName();
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
}
