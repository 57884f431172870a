package dev.shale.sql.adapter;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelRule.OperandTransform;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Every planner rule of the kv adapter, and the one place that registers them: key predicates,
 * order, offset and fetch, and MIN/MAX of the key go into the {@link KvLogicalScan}; DML becomes a
 * {@link KvTableModify}.
 */
final class KvRules {

  private KvRules() {}

  static final RelOptRule FILTER =
      config(
          "KvFilterRule",
          b0 ->
              b0.operand(LogicalFilter.class)
                  .oneInput(
                      b1 ->
                          b1.operand(KvLogicalScan.class)
                              .predicate(s -> s.spec.keys() == null && unlimited(s))
                              .noInputs()),
          FilterRule::new);

  static final RelOptRule SORT =
      config(
          "KvSortRule",
          b0 ->
              b0.operand(LogicalSort.class).predicate(KvRules::byKey).oneInput(KvRules::orderable),
          SortRule::new);

  static final RelOptRule SORT_FILTER =
      config(
          "KvSortFilterRule",
          b0 ->
              b0.operand(LogicalSort.class)
                  // ascending needs no rule: a filter keeps the scan's order
                  .predicate(sort -> byKey(sort) && descending(sort.getCollation()))
                  .oneInput(KvRules::filteredOrderable),
          SortRule::new);

  static final RelOptRule MIN_MAX =
      config(
          "KvMinMaxRule",
          b0 ->
              b0.operand(LogicalAggregate.class)
                  .predicate(KvRules::isMinOrMaxOfKey)
                  .oneInput(KvRules::orderable),
          MinMaxRule::new);

  static final RelOptRule MIN_MAX_FILTER =
      config(
          "KvMinMaxFilterRule",
          b0 ->
              b0.operand(LogicalAggregate.class)
                  .predicate(KvRules::isMinOrMaxOfKey)
                  .oneInput(KvRules::filteredOrderable),
          MinMaxRule::new);

  /** A scan whose order and limits are still free: ascending, no offset or fetch. */
  private static RelRule.Done orderable(RelRule.OperandBuilder b) {
    return b.operand(KvLogicalScan.class)
        .predicate(s -> unlimited(s) && !s.spec.descending())
        .noInputs();
  }

  /** A logical filter over an {@link #orderable} scan. */
  private static RelRule.Done filteredOrderable(RelRule.OperandBuilder b) {
    return b.operand(LogicalFilter.class).oneInput(KvRules::orderable);
  }

  static final RelOptRule COUNT =
      config(
          "KvCountRule",
          b0 ->
              b0.operand(LogicalAggregate.class)
                  .predicate(KvRules::isCountOfRows)
                  .oneInput(
                      b1 ->
                          b1.operand(KvLogicalScan.class)
                              .predicate(s -> unlimited(s) && s.countType == null)
                              .noInputs()),
          CountRule::new);

  /** Makes a logical kv scan the enumerable one that runs. */
  static final RelOptRule SCAN =
      ConverterRule.Config.INSTANCE
          .withConversion(
              KvLogicalScan.class, Convention.NONE, EnumerableConvention.INSTANCE, "KvScanRule")
          .withRuleFactory(ScanRule::new)
          .toRule(ScanRule.class);

  /**
   * The pushdown rules applied wherever they match, before cost-based planning: pushing key ranges,
   * order and limits into the scan never makes a plan worse, and the cost model cannot see that a
   * limit stops a scan early. The same rules stay in the cost-based planner for the shapes that
   * appear only there.
   */
  static final Program PUSHDOWN =
      Programs.of(
          new HepProgramBuilder()
              .addRuleCollection(
                  List.of(
                      CoreRules.FILTER_MERGE,
                      CoreRules.PROJECT_REMOVE,
                      CoreRules.SORT_PROJECT_TRANSPOSE,
                      CoreRules.AGGREGATE_PROJECT_MERGE,
                      FILTER))
              .addRuleCollection(List.of(SORT, SORT_FILTER, MIN_MAX, MIN_MAX_FILTER, COUNT))
              .build(),
          true,
          DefaultRelMetadataProvider.INSTANCE);

  /** Adds the kv rules to a planner Calcite has just made. */
  static void register(RelOptPlanner planner) {
    planner.addRule(SCAN);
    planner.addRule(ModifyRule.INSTANCE);
    for (RelOptRule rule : List.of(FILTER, SORT, SORT_FILTER, MIN_MAX, MIN_MAX_FILTER, COUNT)) {
      planner.addRule(rule);
    }
  }

  private static boolean unlimited(KvLogicalScan scan) {
    return scan.unlimited();
  }

  /** Whether a sort orders by the key first (or only limits): a kv scan delivers that order. */
  private static boolean byKey(LogicalSort sort) {
    List<RelFieldCollation> fields = sort.getCollation().getFieldCollations();
    return fields.isEmpty() || fields.get(0).getFieldIndex() == 0;
  }

  private static boolean descending(RelCollation collation) {
    List<RelFieldCollation> fields = collation.getFieldCollations();
    return !fields.isEmpty() && fields.get(0).getDirection().isDescending();
  }

  /** {@code SELECT MIN(key)} or {@code MAX(key)} with no GROUP BY: one row from one end. */
  private static boolean isMinOrMaxOfKey(LogicalAggregate aggregate) {
    if (!aggregate.getGroupSet().isEmpty() || aggregate.getAggCallList().size() != 1) {
      return false;
    }
    AggregateCall call = aggregate.getAggCallList().get(0);
    SqlKind kind = call.getAggregation().getKind();
    return (kind == SqlKind.MIN || kind == SqlKind.MAX)
        && call.getArgList().equals(List.of(0))
        && call.filterArg < 0;
  }

  /** {@code SELECT COUNT(*)} (or COUNT(key), never NULL) with no GROUP BY. */
  private static boolean isCountOfRows(LogicalAggregate aggregate) {
    if (!aggregate.getGroupSet().isEmpty() || aggregate.getAggCallList().size() != 1) {
      return false;
    }
    AggregateCall call = aggregate.getAggCallList().get(0);
    return call.getAggregation().getKind() == SqlKind.COUNT
        && (call.getArgList().isEmpty() || call.getArgList().equals(List.of(0)))
        && call.filterArg < 0;
  }

  /** Counts the keys of the scan's ranges instead of making rows for an aggregate to count. */
  private static final class CountRule extends RelRule<RuleConfig> {
    CountRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalAggregate aggregate = call.rel(0);
      KvLogicalScan scan = call.rel(1);
      call.transformTo(scan.counting(aggregate.getRowType()));
    }
  }

  /** Moves the key predicates of a filter into the scan below it; the rest stays a filter. */
  private static final class FilterRule extends RelRule<RuleConfig> {
    FilterRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      KvLogicalScan scan = call.rel(1);
      RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
      KeyFilterTranslator.Split split =
          KeyFilterTranslator.split(rexBuilder, filter.getCondition());
      if (split.keys() == null) {
        return;
      }
      RelNode ranged = scan.with(scan.spec.withKeys(split.keys()));
      // copy, not create: the residual keeps the filter's correlation variables (a correlated
      // EXISTS in WHERE), which decorrelation needs after this pass
      call.transformTo(
          split.residual() == null
              ? ranged
              : filter.copy(filter.getTraitSet(), ranged, split.residual()));
    }
  }

  /**
   * Makes the scan deliver a sort's order (reverse iteration for DESC) and, when no filter sits in
   * between, its offset and fetch: the sort disappears.
   */
  private static final class SortRule extends RelRule<RuleConfig> {
    SortRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalSort sort = call.rel(0);
      boolean desc = descending(sort.getCollation());
      if (call.rels.length == 2) {
        KvLogicalScan scan = call.rel(1);
        call.transformTo(
            scan.with(
                scan.spec
                    .withOrder(desc)
                    .withLimit(KvScanSpec.count(sort.offset), KvScanSpec.count(sort.fetch))));
        return;
      }
      LogicalFilter filter = call.rel(1);
      KvLogicalScan scan = call.rel(2);
      RelNode ordered = ordered(filter, scan, desc);
      call.transformTo(
          sort.offset == null && sort.fetch == null
              ? ordered
              : LogicalSort.create(ordered, KvScan.collation(desc), sort.offset, sort.fetch));
    }
  }

  /**
   * {@code filter} over a scan in the given order, its rows declared in that order (metadata would
   * not know that a scan can be descending).
   */
  private static RelNode ordered(LogicalFilter filter, KvLogicalScan scan, boolean descending) {
    return filter.copy(
        filter.getTraitSet().replace(KvScan.collation(descending)),
        scan.with(scan.spec.withOrder(descending)),
        filter.getCondition());
  }

  /** Reads MIN(key) or MAX(key) as the first row from the matching end of the scan. */
  private static final class MinMaxRule extends RelRule<RuleConfig> {
    MinMaxRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalAggregate aggregate = call.rel(0);
      boolean max = aggregate.getAggCallList().get(0).getAggregation().getKind() == SqlKind.MAX;
      RexNode one =
          aggregate.getCluster().getRexBuilder().makeExactLiteral(java.math.BigDecimal.ONE);
      RelNode input;
      if (call.rels.length == 2) {
        KvLogicalScan scan = call.rel(1);
        input = scan.with(scan.spec.withOrder(max).withLimit(null, KvScanSpec.count(one)));
      } else {
        LogicalFilter filter = call.rel(1);
        KvLogicalScan scan = call.rel(2);
        input = LogicalSort.create(ordered(filter, scan, max), KvScan.collation(max), null, one);
      }
      call.transformTo(aggregate.copy(aggregate.getTraitSet(), List.of(input)));
    }
  }

  /** The enumerable copy of a logical kv scan. */
  static final class ScanRule extends ConverterRule {
    private ScanRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return new KvTableScan((KvLogicalScan) rel);
    }
  }

  /**
   * Turns a logical INSERT/UPDATE/DELETE on kv, or a {@link KvLogicalModify} (UPSERT), into a
   * {@link KvTableModify} of its kind; a MERGE is refused.
   */
  static final class ModifyRule extends ConverterRule {
    static final ModifyRule INSTANCE =
        Config.INSTANCE
            .withConversion(
                TableModify.class, Convention.NONE, EnumerableConvention.INSTANCE, "KvModifyRule")
            .withRuleFactory(ModifyRule::new)
            .toRule(ModifyRule.class);

    private ModifyRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      TableModify modify = (TableModify) rel;
      if (modify.getTable().unwrap(KvTable.class) == null) {
        return null;
      }
      ModifyKind kind =
          modify instanceof KvLogicalModify
              ? ModifyKind.UPSERT
              : ModifyKind.of(modify.getOperation());
      if (kind == null) {
        throw new ShaleSqlException(
            SqlStates.FEATURE_NOT_SUPPORTED,
            modify.getOperation()
                + " on kv is not supported; use INSERT, UPSERT, UPDATE or DELETE");
      }
      RelTraitSet traits = modify.getTraitSet().replace(EnumerableConvention.INSTANCE);
      return new KvTableModify(
          kind,
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

  /** A rule's configuration without Calcite's generated Immutables classes. */
  record RuleConfig(
      String description,
      OperandTransform operandSupplier,
      RelBuilderFactory relBuilderFactory,
      Function<RuleConfig, RelOptRule> factory)
      implements RelRule.Config {

    @Override
    public RelOptRule toRule() {
      return factory.apply(this);
    }

    @Override
    public RuleConfig withRelBuilderFactory(RelBuilderFactory f) {
      return new RuleConfig(description, operandSupplier, f, factory);
    }

    @Override
    public RuleConfig withDescription(String d) {
      return new RuleConfig(d, operandSupplier, relBuilderFactory, factory);
    }

    @Override
    public RuleConfig withOperandSupplier(OperandTransform t) {
      return new RuleConfig(description, t, relBuilderFactory, factory);
    }
  }

  private static RelOptRule config(
      String description, OperandTransform operands, Function<RuleConfig, RelOptRule> factory) {
    return new RuleConfig(
            description,
            operands,
            org.apache.calcite.rel.core.RelFactories.LOGICAL_BUILDER,
            factory)
        .toRule();
  }
}
