package dev.shale.sql;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;

/** The logical kv scan (convention NONE) that planning starts from and the kv rules rewrite. */
final class KvLogicalScan extends KvScan {

  KvLogicalScan(RelOptCluster cluster, RelOptTable table, KvScanSpec spec) {
    this(cluster, traits(cluster, spec), table, spec);
  }

  private KvLogicalScan(
      RelOptCluster cluster, RelTraitSet traits, RelOptTable table, KvScanSpec spec) {
    super(cluster, traits, table, spec);
  }

  private static RelTraitSet traits(RelOptCluster cluster, KvScanSpec spec) {
    return cluster
        .traitSetOf(Convention.NONE)
        .replaceIf(RelCollationTraitDef.INSTANCE, () -> collation(spec.descending()));
  }

  /** A logical scan like this one reading {@code newSpec} instead. */
  KvLogicalScan with(KvScanSpec newSpec) {
    return new KvLogicalScan(getCluster(), table, newSpec);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new KvLogicalScan(getCluster(), traitSet, table, spec);
  }
}
