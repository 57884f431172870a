package dev.shale.sql.adapter;

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
 * INSERT, UPSERT, UPDATE and DELETE on kv (its {@link ModifyKind}): its input's rows go to the
 * matching method of {@link KvTable}, which applies them as one atomic write batch through the
 * session's writer and returns the exact row count. A DELETE whose input is a scan of key ranges
 * only deletes the ranges themselves.
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

  private final ModifyKind kind;

  KvTableModify(
      ModifyKind kind,
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
    this.kind = kind;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new KvTableModify(
        kind,
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
    if (kind == ModifyKind.UPSERT) {
      return pw.input("input", getInput())
          .item("table", table.getQualifiedName())
          .item("operation", kind);
    }
    return super.explainTerms(pw);
  }

  /** A DELETE whose input is a scan of key ranges only: it can delete the ranges themselves. */
  private KvTableScan rangeDeleteInput() {
    if (kind == ModifyKind.DELETE
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
    Expression count =
        switch (kind) {
          case INSERT -> Expressions.call(kvTable, INSERT, rows);
          case UPSERT -> Expressions.call(kvTable, UPSERT, rows);
          case DELETE -> Expressions.call(kvTable, DELETE, rows);
          case UPDATE -> {
            List<String> columns = getUpdateColumnList();
            int fields = table.getRowType().getFieldCount();
            int newKey = columns.indexOf(KvTable.KEY);
            int newValue = columns.indexOf(KvTable.VALUE);
            yield Expressions.call(
                kvTable,
                UPDATE,
                rows,
                Expressions.constant(newKey < 0 ? 0 : fields + newKey),
                Expressions.constant(newValue < 0 ? 1 : fields + newValue));
          }
        };
    builder.add(
        Expressions.return_(
            null, Expressions.call(BuiltInMethod.SINGLETON_ENUMERABLE.method, count)));
    return implementor.result(physType, builder.toBlock());
  }
}
