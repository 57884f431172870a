package dev.shale.sql;

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
 * The kv scan that runs: generated code calls {@link KvTable#scan} with the spec, stashed as an
 * object so that the code does not depend on literal values.
 */
public final class KvTableScan extends KvScan implements EnumerableRel {

  /** The enumerable twin of {@code logical}. */
  KvTableScan(KvLogicalScan logical) {
    this(logical.getTraitSet().replace(EnumerableConvention.INSTANCE), logical, logical.spec);
  }

  private KvTableScan(RelTraitSet traits, KvScan like, KvScanSpec spec) {
    super(like.getCluster(), traits, like.getTable(), spec);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new KvTableScan(traitSet, this, spec);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    Expression kvTable = implementor.stash(table.unwrap(KvTable.class), KvTable.class);
    Expression scanSpec = implementor.stash(spec, KvScanSpec.class);
    return implementor.result(
        physType, Blocks.toBlock(Expressions.call(kvTable, "scan", scanSpec, DataContext.ROOT)));
  }
}
