package dev.shale.sql.adapter;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;

/**
 * A logical UPSERT INTO kv (convention NONE), which SQL's relational algebra has no operation for:
 * Calcite's INSERT with rows whose keys may exist. {@link KvRules} makes it a {@link KvTableModify}
 * of kind {@link ModifyKind#UPSERT}.
 */
final class KvLogicalModify extends TableModify {

  private KvLogicalModify(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      Prepare.CatalogReader catalogReader,
      RelNode input,
      boolean flattened) {
    super(cluster, traits, table, catalogReader, input, Operation.INSERT, null, null, flattened);
  }

  /** The upsert of the rows {@code insert} would insert. */
  static KvLogicalModify upsert(LogicalTableModify insert) {
    return new KvLogicalModify(
        insert.getCluster(),
        insert.getTraitSet(),
        insert.getTable(),
        insert.getCatalogReader(),
        insert.getInput(),
        insert.isFlattened());
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new KvLogicalModify(
        getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs), isFlattened());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return pw.input("input", getInput())
        .item("table", table.getQualifiedName())
        .item("operation", ModifyKind.UPSERT);
  }
}
