package dev.shale.sql.call;

import dev.shale.sql.adapter.KvTable;
import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.session.Session;
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
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code CALL shale.load | dump | backup | compact (...)}, prepared without the planner: each
 * returns one row of its report ({@link Procedure}). The rules, checked when the call runs:
 *
 * <ul>
 *   <li>Not inside a transaction (auto-commit off): a load commits in chunks of its own and a
 *       backup or dump is of the database's state, not the transaction's; 25001.
 *   <li>The file procedures (load, dump, backup) need a connection allowed to name the database
 *       machine's files ({@link Session#fileAccessDenied()}): embedded ones are; the network server
 *       allows only admins; 42501 naming the rule.
 * </ul>
 */
public final class Procedures {

  private Procedures() {}

  /**
   * The signature of {@code sql} if it is a CALL, else null. An unknown procedure or a wrong count
   * of arguments throws 42000 naming the signatures.
   */
  public static <T> CalciteSignature<T> signature(
      CalcitePrepare.Context context, KvTable table, String sql, long maxRowCount) {
    if (!CallStatement.isCall(sql)) {
      return null;
    }
    CallStatement call = CallStatement.parse(sql);
    Procedure procedure =
        call.schema().equals("shale") || call.schema().isEmpty()
            ? Procedure.named(call.name())
            : null;
    if (procedure == null) {
      throw new ShaleSqlException(
          SqlStates.SYNTAX_ERROR,
          "No procedure "
              + (call.schema().isEmpty() ? "" : call.schema() + ".")
              + call.name()
              + "; the procedures are "
              + Procedure.all());
    }
    int n = call.arguments().size();
    if (n < procedure.minArgs || n > procedure.maxArgs) {
      throw new ShaleSqlException(
          SqlStates.SYNTAX_ERROR,
          "CALL shale."
              + call.name()
              + " takes "
              + (procedure.minArgs == procedure.maxArgs
                  ? procedure.minArgs
                  : procedure.minArgs + " to " + procedure.maxArgs)
              + " argument(s), not "
              + n
              + ": "
              + procedure.signature);
    }
    Session session = table.session();
    RelDataTypeFactory types = context.getTypeFactory();
    RelDataTypeFactory.Builder rowType = types.builder();
    List<ColumnMetaData> columns = new ArrayList<>();
    for (int c = 0; c < procedure.columns.size(); c++) {
      Procedure.Column column = procedure.columns.get(c);
      rowType.add(column.label(), type(types, column.type()));
      columns.add(metaData(c, column));
    }
    List<AvaticaParameter> parameters = new ArrayList<>();
    for (int p = 0; p < call.parameters(); p++) {
      parameters.add(
          new AvaticaParameter(
              false, -1, 0, Types.VARCHAR, "VARCHAR", Object.class.getName(), "?" + p));
    }
    Bindable<T> bindable =
        dataContext -> {
          check(session, procedure);
          String[] args = new String[n];
          for (int a = 0; a < n; a++) {
            CallStatement.Argument argument = call.arguments().get(a);
            if (argument.parameter() < 0) {
              args[a] = argument.literal();
            } else {
              Object value = dataContext.get("?" + argument.parameter());
              args[a] = value == null ? null : value.toString();
            }
          }
          Object[] row = procedure.run(session, args);
          @SuppressWarnings("unchecked")
          org.apache.calcite.linq4j.Enumerable<T> rows =
              (org.apache.calcite.linq4j.Enumerable<T>) Linq4j.singletonEnumerable(row);
          return rows;
        };
    return new CalciteSignature<>(
        sql,
        parameters,
        Map.of(),
        rowType.build(),
        columns,
        Meta.CursorFactory.ARRAY,
        context.getRootSchema(),
        List.of(),
        maxRowCount,
        bindable,
        Meta.StatementType.SELECT);
  }

  private static void check(Session session, Procedure procedure) {
    if (!session.autoCommit()) {
      throw new ShaleSqlException(
          SqlStates.ACTIVE_TRANSACTION,
          "CALL shale."
              + procedure.name().toLowerCase(java.util.Locale.ROOT)
              + " cannot run inside a transaction (auto-commit is off): it works on the"
              + " database, not on the transaction, and a load commits in chunks of its own;"
              + " commit or roll back and turn auto-commit on first");
    }
    String denied = session.fileAccessDenied();
    if (procedure.files && denied != null) {
      throw new ShaleSqlException(
          SqlStates.INSUFFICIENT_PRIVILEGE,
          "CALL shale."
              + procedure.name().toLowerCase(java.util.Locale.ROOT)
              + " reads or writes files of the database's machine, which this connection may"
              + " not: "
              + denied);
    }
  }

  private static RelDataType type(RelDataTypeFactory types, int jdbcType) {
    return switch (jdbcType) {
      case Types.BIGINT -> types.createSqlType(SqlTypeName.BIGINT);
      case Types.DOUBLE -> types.createSqlType(SqlTypeName.DOUBLE);
      default -> types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true);
    };
  }

  private static ColumnMetaData metaData(int ordinal, Procedure.Column column) {
    ColumnMetaData.AvaticaType type =
        switch (column.type()) {
          case Types.BIGINT ->
              ColumnMetaData.scalar(Types.BIGINT, "BIGINT", ColumnMetaData.Rep.PRIMITIVE_LONG);
          case Types.DOUBLE ->
              ColumnMetaData.scalar(Types.DOUBLE, "DOUBLE", ColumnMetaData.Rep.PRIMITIVE_DOUBLE);
          default -> ColumnMetaData.scalar(Types.VARCHAR, "VARCHAR", ColumnMetaData.Rep.STRING);
        };
    boolean text = column.type() == Types.VARCHAR;
    return new ColumnMetaData(
        ordinal,
        false,
        true,
        false,
        false,
        text ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        column.type() != Types.VARCHAR,
        text ? 0 : 19,
        column.label(),
        column.label(),
        null,
        0,
        0,
        null,
        null,
        type,
        true,
        false,
        false,
        text
            ? String.class.getName()
            : column.type() == Types.BIGINT ? Long.class.getName() : Double.class.getName());
  }
}
