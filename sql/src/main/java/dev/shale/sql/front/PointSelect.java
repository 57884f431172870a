package dev.shale.sql.front;

import dev.shale.sql.adapter.KeyFilter;
import dev.shale.sql.adapter.KvScanSpec;
import dev.shale.sql.adapter.KvSchema;
import dev.shale.sql.adapter.KvTable;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.Bindable;

/**
 * The statement applications run most, prepared without Calcite's planner: {@code SELECT <columns>
 * FROM kv WHERE key = <'literal' | ?>}, where the columns are {@code *} or a list of {@code key}
 * and {@code value}. Its plan is always the same (one get), so parsing, validation, planning and
 * code generation are skipped: the first such query in a fresh JVM does not wait for Calcite's
 * planner to load and warm up, and each execution is a get.
 *
 * <p>Anything else (aliases, expressions, other predicates, EXPLAIN) goes to Calcite.
 */
final class PointSelect {

  private PointSelect() {}

  /** The signature of point select {@code point} (text {@code sql}) on {@code table}. */
  static <T> CalciteSignature<T> signature(
      CalcitePrepare.Context context,
      KvTable table,
      String sql,
      StatementShape.PointQuery point,
      long maxRowCount) {
    List<Integer> fields = point.fields();
    List<String> labels = point.labels();
    RelDataTypeFactory typeFactory = context.getTypeFactory();
    List<RelDataTypeField> tableFields = table.getRowType(typeFactory).getFieldList();
    RelDataTypeFactory.Builder rowType = typeFactory.builder();
    List<ColumnMetaData> columns = new ArrayList<>();
    for (int c = 0; c < fields.size(); c++) {
      RelDataTypeField field = tableFields.get(fields.get(c));
      rowType.add(labels.get(c), field.getType());
      columns.add(column(c, labels.get(c), field));
    }
    List<AvaticaParameter> parameters =
        point.key().isParameter()
            ? List.of(
                new AvaticaParameter(
                    false, 0, 0, Types.VARCHAR, "VARCHAR", Object.class.getName(), "?0"))
            : List.of();
    Meta.CursorFactory cursorFactory = Meta.CursorFactory.deduce(columns, null);
    KvScanSpec spec = new KvScanSpec(KeyFilter.range(point.key(), point.key()), false, null, null);
    int[] projection = fields.stream().mapToInt(Integer::intValue).toArray();
    boolean scalar = cursorFactory.style == Meta.Style.OBJECT;
    Bindable<T> bindable =
        dataContext -> {
          Enumerable<Object[]> rows = table.scan(spec, dataContext);
          @SuppressWarnings("unchecked")
          Enumerable<T> projected =
              (Enumerable<T>)
                  rows.select(
                      row -> {
                        if (scalar) {
                          return row[projection[0]];
                        }
                        Object[] out = new Object[projection.length];
                        for (int p = 0; p < projection.length; p++) {
                          out[p] = row[projection[p]];
                        }
                        return out;
                      });
          return projected;
        };
    return new CalciteSignature<>(
        sql,
        parameters,
        Map.of(),
        rowType.build(),
        columns,
        cursorFactory,
        context.getRootSchema(),
        List.of(),
        maxRowCount,
        bindable,
        Meta.StatementType.SELECT);
  }

  /** A column as Calcite describes a kv column in a result set. */
  private static ColumnMetaData column(int ordinal, String label, RelDataTypeField field) {
    RelDataType type = field.getType();
    ColumnMetaData.AvaticaType avaticaType =
        ColumnMetaData.scalar(Types.VARCHAR, "VARCHAR", ColumnMetaData.Rep.STRING);
    return new ColumnMetaData(
        ordinal,
        false,
        true,
        false,
        false,
        type.isNullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        true,
        type.getPrecision(),
        label,
        field.getName(),
        KvSchema.NAME,
        type.getPrecision() < 0 ? 0 : type.getPrecision(),
        0,
        KvTable.NAME,
        null,
        avaticaType,
        true,
        false,
        false,
        String.class.getName());
  }
}
