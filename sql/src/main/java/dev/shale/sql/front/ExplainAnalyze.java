package dev.shale.sql.front;

import dev.shale.sql.adapter.KvTable;
import dev.shale.sql.front.SqlTokens.Token;
import dev.shale.sql.session.Session;
import dev.shale.sql.sys.StatementTrace;
import java.lang.reflect.Type;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code EXPLAIN ANALYZE <statement>}: plans the statement, runs it with the engine's read trace on
 * (consuming every row; an INSERT, UPDATE, DELETE or UPSERT really writes, as in PostgreSQL), and
 * returns one VARCHAR column {@code PLAN}: the plan as {@code EXPLAIN PLAN FOR} shows it, then the
 * rows returned or changed, the time, the keys and ranges read (parameters bound), and what the
 * engine did for them: gets and where each was answered, entries passed over, and per level the
 * tables consulted, what their bloom filters said and the blocks read from the cache or the files.
 *
 * <p>Recognised by the front door before Calcite sees the text; the statement runs on the thread
 * that executes, so over the network server it is the server's thread, traced alike. Also where a
 * write to a {@code sys} table is refused ({@link SysWrites}), before any planning.
 */
final class ExplainAnalyze {

  /** The label of the one column. */
  static final String COLUMN = "PLAN";

  private ExplainAnalyze() {}

  /**
   * The signature of {@code query} if it is EXPLAIN ANALYZE, else null (prepare it as usual).
   * Throws 42501 first if it writes to a sys table.
   */
  static <T> CalciteSignature<T> prepare(
      FrontDoor door, CalcitePrepare.Context context, String sql, Type elementType) {
    List<Token> tokens = SqlTokens.of(sql);
    List<Token> significant = SqlTokens.significant(tokens);
    SysWrites.check(significant);
    if (significant.size() < 3
        || !significant.get(0).isWord("EXPLAIN")
        || !significant.get(1).isWord("ANALYZE")) {
      return null;
    }
    KvTable table = KvTable.of(context);
    if (table == null) {
      return null;
    }
    int at = tokens.indexOf(significant.get(1)) + 1;
    String inner = SqlTokens.join(tokens.subList(at, tokens.size()));
    SysWrites.check(SqlTokens.significant(SqlTokens.of(inner)));
    StatementShape shape = StatementShape.of(inner);
    CalciteSignature<Object> statement =
        door.prepareSql(context, CalcitePrepare.Query.of(inner), elementType, -1);
    CalciteSignature<Object> explain =
        door.planFor(context, "EXPLAIN PLAN FOR " + shape.sql(), shape.upsert(), elementType);
    return signature(context, sql, statement, explain, table.session());
  }

  private static <T> CalciteSignature<T> signature(
      CalcitePrepare.Context context,
      String sql,
      CalciteSignature<Object> statement,
      CalciteSignature<Object> explain,
      Session session) {
    RelDataTypeFactory types = context.getTypeFactory();
    RelDataTypeFactory.Builder rowType = types.builder();
    rowType.add(
        COLUMN, types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), false));
    List<ColumnMetaData> columns =
        List.of(
            new ColumnMetaData(
                0,
                false,
                true,
                false,
                false,
                DatabaseMetaData.columnNoNulls,
                false,
                -1,
                COLUMN,
                COLUMN,
                null,
                -1,
                0,
                null,
                null,
                ColumnMetaData.scalar(Types.VARCHAR, "VARCHAR", ColumnMetaData.Rep.STRING),
                true,
                false,
                false,
                String.class.getName()));
    Map<String, Object> internal = new HashMap<>(explain.internalParameters);
    internal.putAll(statement.internalParameters);
    boolean dml = statement.statementType != null && statement.statementType.canUpdate();
    Bindable<T> bindable =
        dataContext -> {
          List<String> lines = new ArrayList<>();
          for (Object row : explain.enumerable(dataContext)) {
            String plan = String.valueOf(row instanceof Object[] a ? a[0] : row);
            for (String line : plan.split("\n")) {
              if (!line.isBlank()) {
                lines.add(line);
              }
            }
          }
          long rows = 0;
          long changed = 0;
          long nanos;
          StatementTrace trace = StatementTrace.start(session);
          try {
            long start = System.nanoTime();
            Enumerable<Object> result = statement.enumerable(dataContext);
            for (Object row : result) {
              rows++;
              if (dml) {
                Object n = row instanceof Object[] a ? a[0] : row;
                changed += n instanceof Number number ? number.longValue() : 0;
              }
            }
            nanos = System.nanoTime() - start;
          } finally {
            trace.stop();
          }
          trace.describe(lines, dml, rows, changed, nanos);
          @SuppressWarnings("unchecked")
          Enumerable<T> out = (Enumerable<T>) Linq4j.asEnumerable(lines);
          return out;
        };
    return new CalciteSignature<>(
        sql,
        statement.parameters,
        internal,
        rowType.build(),
        columns,
        Meta.CursorFactory.deduce(columns, null),
        context.getRootSchema(),
        List.of(),
        -1,
        bindable,
        Meta.StatementType.SELECT);
  }
}
