package dev.shale.sql;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;

/** Reads kv in key order straight from the engine; rows are {@code Object[] {key, value}}. */
public final class KvTableScan extends TableScan implements EnumerableRel {

  KvTableScan(RelOptCluster cluster, RelOptTable table) {
    this(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), table);
  }

  private KvTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table) {
    super(cluster, traits, List.of(), table);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new KvTableScan(getCluster(), traitSet, table);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    Expression kvTable = implementor.stash(table.unwrap(KvTable.class), KvTable.class);
    return implementor.result(physType, Blocks.toBlock(Expressions.call(kvTable, "scan")));
  }
}
