package dev.shale.sql.adapter;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/** The logical kv scan (convention NONE) that planning starts from and the kv rules rewrite. */
final class KvLogicalScan extends KvScan {

  KvLogicalScan(RelOptCluster cluster, RelOptTable table, KvScanSpec spec) {
    this(cluster, traits(cluster, spec, null), table, spec, null);
  }

  private KvLogicalScan(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      KvScanSpec spec,
      RelDataType countType) {
    super(cluster, traits, table, spec, countType);
  }

  private static RelTraitSet traits(RelOptCluster cluster, KvScanSpec spec, RelDataType count) {
    return cluster
        .traitSetOf(Convention.NONE)
        .replaceIf(
            RelCollationTraitDef.INSTANCE,
            () -> count != null ? RelCollations.EMPTY : collation(spec.descending()));
  }

  /** A logical scan like this one reading {@code newSpec} instead. */
  KvLogicalScan with(KvScanSpec newSpec) {
    return new KvLogicalScan(getCluster(), table, newSpec);
  }

  /** A scan that counts the keys this one reads, as one row of {@code type}. */
  KvLogicalScan counting(RelDataType type) {
    return new KvLogicalScan(getCluster(), traits(getCluster(), spec, type), table, spec, type);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new KvLogicalScan(getCluster(), traitSet, table, spec, countType);
  }
}
