package dev.shale.sql.adapter;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A scan of kv that reads only the key ranges of its {@link KvScanSpec}, in key order (ascending or
 * descending, as its collation trait says), skipping and stopping as its offset and fetch say. Rows
 * are {@code {key, value}}.
 *
 * <p>Two kinds: {@link KvLogicalScan}, which the kv rules rewrite under logical filters, sorts and
 * aggregates, and {@link KvTableScan}, the enumerable one that runs.
 */
abstract class KvScan extends TableScan {

  final KvScanSpec spec;

  /**
   * Null for a scan of rows; for a scan that only counts the keys of its ranges (COUNT(*) with no
   * GROUP BY), the type of its one row.
   */
  final RelDataType countType;

  KvScan(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      KvScanSpec spec,
      RelDataType countType) {
    super(cluster, traits, List.of(), table);
    this.spec = spec;
    this.countType = countType;
  }

  @Override
  public RelDataType deriveRowType() {
    return countType != null ? countType : super.deriveRowType();
  }

  /** The order of a scan's rows: by key, ascending or descending. */
  static RelCollation collation(boolean descending) {
    return RelCollations.of(
        new RelFieldCollation(
            0,
            descending
                ? RelFieldCollation.Direction.DESCENDING
                : RelFieldCollation.Direction.ASCENDING));
  }

  /** Whether this scan has no offset or fetch, so that a filter may go under it. */
  boolean unlimited() {
    return spec.offset() == null && spec.fetch() == null;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .itemIf("ranges", spec.describeKeys(), spec.keys() != null)
        .itemIf("descending", true, spec.descending())
        .itemIf(
            "offset", spec.offset() == null ? "" : spec.offset().describe(), spec.offset() != null)
        .itemIf("fetch", spec.fetch() == null ? "" : spec.fetch().describe(), spec.fetch() != null)
        .itemIf("count", true, countType != null);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return countType != null ? 1 : rowsRead();
  }

  /** A guess of how many entries this scan reads. */
  private double rowsRead() {
    double rows = table.getRowCount();
    if (spec.keys() != null) {
      rows = KeyFilter.estimateRows(spec.keys(), rows);
    }
    if (spec.fetch() != null) {
      rows = Math.min(rows, spec.fetch().param() >= 0 ? 10 : spec.fetch().literal());
    }
    return Math.max(rows, 1);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = rowsRead();
    // Counting reads keys without making rows.
    double cpu = countType != null ? rows / 2 : rows;
    return planner.getCostFactory().makeCost(estimateRowCount(mq), cpu, rows);
  }
}
