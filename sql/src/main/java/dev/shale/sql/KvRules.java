package dev.shale.sql;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableModify;

/** Every planner rule of the kv adapter, and the one place that registers them. */
final class KvRules {

  private KvRules() {}

  /** Adds the kv rules to a planner Calcite has just made. */
  static void register(RelOptPlanner planner) {
    planner.addRule(ModifyRule.INSTANCE);
  }

  /** Turns a logical INSERT/UPDATE/DELETE on kv into a {@link KvTableModify}. */
  static final class ModifyRule extends ConverterRule {
    static final ModifyRule INSTANCE =
        Config.INSTANCE
            .withConversion(
                LogicalTableModify.class,
                Convention.NONE,
                EnumerableConvention.INSTANCE,
                "KvModifyRule")
            .withRuleFactory(ModifyRule::new)
            .toRule(ModifyRule.class);

    private ModifyRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      LogicalTableModify modify = (LogicalTableModify) rel;
      if (modify.getTable().unwrap(KvTable.class) == null) {
        return null;
      }
      RelTraitSet traits = modify.getTraitSet().replace(EnumerableConvention.INSTANCE);
      return new KvTableModify(
          modify.getCluster(),
          traits,
          modify.getTable(),
          modify.getCatalogReader(),
          convert(modify.getInput(), traits),
          modify.getOperation(),
          modify.getUpdateColumnList(),
          modify.getSourceExpressionList(),
          modify.isFlattened());
    }
  }
}
