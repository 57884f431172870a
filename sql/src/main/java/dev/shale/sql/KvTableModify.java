package dev.shale.sql;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
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
  private static final Method UPSERT =
      Types.lookupMethod(KvTable.class, "upsert", Enumerable.class);
  private static final Method DELETE_RANGES =
      Types.lookupMethod(KvTable.class, "deleteRanges", KvScanSpec.class, DataContext.class);
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
  public RelWriter explainTerms(RelWriter pw) {
    if (isUpsert()) {
      return pw.input("input", getInput())
          .item("table", table.getQualifiedName())
          .item("operation", "UPSERT");
    }
    return super.explainTerms(pw);
  }

  /** The MERGE with no update columns that {@link ShalePrepare} makes of {@code UPSERT INTO kv}. */
  private boolean isUpsert() {
    return getOperation() == Operation.MERGE && getUpdateColumnList().isEmpty();
  }

  /** A DELETE whose input is a scan of key ranges only: it can delete the ranges themselves. */
  private KvTableScan rangeDeleteInput() {
    if (getOperation() == Operation.DELETE
        && getInput() instanceof KvTableScan scan
        && scan.spec.offset() == null
        && scan.spec.fetch() == null) {
      return scan;
    }
    return null;
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType =
        PhysTypeImpl.of(
            implementor.getTypeFactory(),
            getRowType(),
            pref == Prefer.ARRAY ? JavaRowFormat.ARRAY : JavaRowFormat.SCALAR);
    Expression kvTable = implementor.stash(table.unwrap(KvTable.class), KvTable.class);
    KvTableScan ranges = rangeDeleteInput();
    if (ranges != null) {
      Expression count =
          Expressions.call(
              kvTable,
              DELETE_RANGES,
              implementor.stash(ranges.spec, KvScanSpec.class),
              DataContext.ROOT);
      return implementor.result(
          physType,
          Blocks.toBlock(Expressions.call(BuiltInMethod.SINGLETON_ENUMERABLE.method, count)));
    }
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    BlockBuilder builder = new BlockBuilder();
    Expression rows =
        builder.append(
            "rows",
            input.physType.convertTo(builder.append("input", input.block), JavaRowFormat.ARRAY));
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
      case MERGE:
        if (isUpsert()) {
          count = Expressions.call(kvTable, UPSERT, rows);
          break;
        }
      // fall through: MERGE statements proper are not supported
      default:
        throw new ShaleSqlException(
            "0A000", getOperation() + " on kv is not supported; use INSERT, UPDATE or DELETE");
    }
    builder.add(
        Expressions.return_(
            null, Expressions.call(BuiltInMethod.SINGLETON_ENUMERABLE.method, count)));
    return implementor.result(physType, builder.toBlock());
  }
}
