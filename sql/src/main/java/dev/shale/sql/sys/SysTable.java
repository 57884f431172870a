package dev.shale.sql.sys;

import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One table of {@code sys} as Calcite sees it: read-only, its rows made afresh on each scan from
 * what the engine and the session registry say now.
 */
final class SysTable extends AbstractTable implements ScannableTable {

  private final SysTables.Table definition;
  private final Supplier<List<Object[]>> rows;

  SysTable(SysTables.Table definition, Supplier<List<Object[]>> rows) {
    this.definition = definition;
    this.rows = rows;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (SysTables.Column c : definition.columns()) {
      SqlTypeName type =
          switch (c.typeName()) {
            case "BIGINT" -> SqlTypeName.BIGINT;
            case "INTEGER" -> SqlTypeName.INTEGER;
            case "DOUBLE" -> SqlTypeName.DOUBLE;
            case "BOOLEAN" -> SqlTypeName.BOOLEAN;
            default -> SqlTypeName.VARCHAR;
          };
      b.add(
          c.name(),
          typeFactory.createTypeWithNullability(typeFactory.createSqlType(type), c.nullable()));
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows.get());
  }
}
