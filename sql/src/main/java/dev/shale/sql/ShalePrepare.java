package dev.shale.sql;

import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;

/** Calcite's statement preparation with the kv rules in every planner. */
final class ShalePrepare extends CalcitePrepareImpl {

  @Override
  protected RelOptPlanner createPlanner(
      CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext, // not CalcitePrepare.Context
      RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    KvRules.register(planner);
    return planner;
  }
}
