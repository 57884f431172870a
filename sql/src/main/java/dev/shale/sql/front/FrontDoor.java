package dev.shale.sql.front;

import dev.shale.sql.adapter.KvPrepare;
import dev.shale.sql.adapter.KvTable;
import dev.shale.sql.call.Procedures;
import dev.shale.sql.session.PlanCache;
import dev.shale.sql.session.Session;
import dev.shale.sql.session.StatementPath;
import java.lang.reflect.Type;
import java.sql.Types;
import org.apache.calcite.jdbc.CalcitePrepare;

/**
 * Where every statement a connection prepares comes in. Its shape is recognised once ({@link
 * StatementShape}); then a point select is prepared without the planner, and everything else goes
 * through the connection's {@link PlanCache}: a statement seen recently, or one that differs from
 * it only in literals a parameter can stand for ({@link PlanTemplate}), reuses its plan and
 * compiled code; the rest is planned by {@link KvPrepare}.
 */
public final class FrontDoor extends KvPrepare {

  @Override
  public <T> CalciteSignature<T> prepareSql(
      CalcitePrepare.Context context, Query<T> query, Type elementType, long maxRowCount) {
    if (query.sql == null) {
      return planQuery(context, query, elementType, maxRowCount);
    }
    CalciteSignature<T> analyzed = ExplainAnalyze.prepare(this, context, query.sql, elementType);
    if (analyzed != null) {
      return analyzed;
    }
    CalciteSignature<T> call = callSignature(context, query.sql, maxRowCount);
    if (call != null) {
      return call;
    }
    StatementShape shape = StatementShape.of(query.sql);
    KvTable table = KvTable.of(context);
    if (table == null) {
      return plan(context, shape.sql(), shape.upsert(), elementType, maxRowCount);
    }
    Session session = table.session();
    if (shape.point() != null) {
      session.took(StatementPath.POINT_SELECT);
      return PointSelect.signature(context, table, query.sql, shape.point(), maxRowCount);
    }
    PlanCache cache = session.planCache();
    boolean upsert = shape.upsert();
    PlanTemplate template = shape.template();
    if (template != null && !cache.refused(template.sql(), upsert)) {
      PlanCache.Key key = new PlanCache.Key(template.sql(), upsert, elementType, maxRowCount);
      CalciteSignature<T> cached = cached(session, key);
      if (cached == null) {
        try {
          cached = planned(session, context, key);
        } catch (RuntimeException e) {
          cached = null; // e.g. a parameter where SQL allows none: prepare with the literals
        }
        if (cached == null || !allText(cached)) {
          cache.refuse(template.sql(), upsert);
        } else {
          cache.put(key, cached);
        }
      }
      if (cached != null && !cache.refused(template.sql(), upsert)) {
        return template.bind(cached, query.sql);
      }
    }
    PlanCache.Key key = new PlanCache.Key(shape.sql(), upsert, elementType, maxRowCount);
    CalciteSignature<T> cached = cached(session, key);
    if (cached == null) {
      cached = planned(session, context, key);
      cache.put(key, cached);
    }
    return cached;
  }

  /** For {@link ExplainAnalyze}: {@code sql} planned by Calcite, no plan cache, no row limit. */
  <T> CalciteSignature<T> planFor(
      CalcitePrepare.Context context, String sql, boolean upsert, Type elementType) {
    return plan(context, sql, upsert, elementType, -1);
  }

  /** CALL shale.load | dump | backup | compact: the one-row report of a procedure, or null. */
  private static <T> CalciteSignature<T> callSignature(
      CalcitePrepare.Context context, String sql, long maxRowCount) {
    KvTable table = KvTable.of(context);
    return table == null ? null : Procedures.signature(context, table, sql, maxRowCount);
  }

  /** The signature cached under {@code key}, or null; a hit counts as a cached plan. */
  private static <T> CalciteSignature<T> cached(Session session, PlanCache.Key key) {
    @SuppressWarnings("unchecked")
    CalciteSignature<T> cached = (CalciteSignature<T>) session.planCache().get(key);
    if (cached != null) {
      session.took(StatementPath.CACHED_PLAN);
    }
    return cached;
  }

  private <T> CalciteSignature<T> planned(
      Session session, CalcitePrepare.Context context, PlanCache.Key key) {
    session.took(StatementPath.PLANNED);
    @SuppressWarnings("unchecked")
    CalciteSignature<T> signature =
        (CalciteSignature<T>)
            plan(context, key.sql(), key.upsert(), key.elementType(), key.maxRowCount());
    return signature;
  }

  /** Whether every parameter of {@code signature} takes a string (a literal can be its value). */
  private static boolean allText(CalciteSignature<?> signature) {
    return signature.parameters.stream()
        .allMatch(p -> p.parameterType == Types.VARCHAR || p.parameterType == Types.CHAR);
  }
}
