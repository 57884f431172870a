package dev.shale.sql.adapter;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;

/**
 * The kv scan that runs: generated code calls {@link KvTable#scan} (or {@link KvTable#count}) with
 * the spec, stashed as an object so that the code does not depend on literal values.
 */
public final class KvTableScan extends KvScan implements EnumerableRel {

  /** The enumerable twin of {@code logical}. */
  KvTableScan(KvLogicalScan logical) {
    this(logical.getTraitSet().replace(EnumerableConvention.INSTANCE), logical);
  }

  private KvTableScan(RelTraitSet traits, KvScan like) {
    super(like.getCluster(), traits, like.getTable(), like.spec, like.countType);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new KvTableScan(traitSet, this);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Expression kvTable = implementor.stash(table.unwrap(KvTable.class), KvTable.class);
    Expression scanSpec = implementor.stash(spec, KvScanSpec.class);
    if (countType != null) {
      PhysType physType =
          PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
      return implementor.result(
          physType, Blocks.toBlock(Expressions.call(kvTable, "count", scanSpec, DataContext.ROOT)));
    }
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    return implementor.result(
        physType, Blocks.toBlock(Expressions.call(kvTable, "scan", scanSpec, DataContext.ROOT)));
  }
}
