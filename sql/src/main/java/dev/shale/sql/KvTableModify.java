package dev.shale.sql;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.BuiltInMethod;

/**
 * INSERT, UPDATE and DELETE on kv: its input's rows go to {@link KvTable#insert}, {@link
 * KvTable#update} or {@link KvTable#delete}, which apply them as one atomic write batch and return
 * the exact row count.
 */
public final class KvTableModify extends TableModify implements EnumerableRel {

  private static final Method INSERT =
      Types.lookupMethod(KvTable.class, "insert", Enumerable.class);
  private static final Method DELETE =
      Types.lookupMethod(KvTable.class, "delete", Enumerable.class);
  private static final Method UPDATE =
      Types.lookupMethod(KvTable.class, "update", Enumerable.class, int.class, int.class);

  KvTableModify(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      Prepare.CatalogReader catalogReader,
      RelNode input,
      Operation operation,
      List<String> updateColumnList,
      List<RexNode> sourceExpressionList,
      boolean flattened) {
    super(
        cluster,
        traits,
        table,
        catalogReader,
        input,
        operation,
        updateColumnList,
        sourceExpressionList,
        flattened);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new KvTableModify(
        getCluster(),
        traitSet,
        getTable(),
        getCatalogReader(),
        sole(inputs),
        getOperation(),
        getUpdateColumnList(),
        getSourceExpressionList(),
        isFlattened());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    BlockBuilder builder = new BlockBuilder();
    Expression rows =
        builder.append(
            "rows",
            input.physType.convertTo(builder.append("input", input.block), JavaRowFormat.ARRAY));
    Expression kvTable = implementor.stash(table.unwrap(KvTable.class), KvTable.class);
    Expression count;
    switch (getOperation()) {
      case INSERT:
        count = Expressions.call(kvTable, INSERT, rows);
        break;
      case DELETE:
        count = Expressions.call(kvTable, DELETE, rows);
        break;
      case UPDATE:
        List<String> columns = getUpdateColumnList();
        int fields = table.getRowType().getFieldCount();
        int newKey = columns.indexOf(KvTable.KEY);
        int newValue = columns.indexOf(KvTable.VALUE);
        count =
            Expressions.call(
                kvTable,
                UPDATE,
                rows,
                Expressions.constant(newKey < 0 ? 0 : fields + newKey),
                Expressions.constant(newValue < 0 ? 1 : fields + newValue));
        break;
      default:
        throw new ShaleSqlException(
            "0A000", getOperation() + " on kv is not supported; use INSERT, UPDATE or DELETE");
    }
    builder.add(
        Expressions.return_(
            null, Expressions.call(BuiltInMethod.SINGLETON_ENUMERABLE.method, count)));
    PhysType physType =
        PhysTypeImpl.of(
            implementor.getTypeFactory(),
            getRowType(),
            pref == Prefer.ARRAY ? JavaRowFormat.ARRAY : JavaRowFormat.SCALAR);
    return implementor.result(physType, builder.toBlock());
  }
}
