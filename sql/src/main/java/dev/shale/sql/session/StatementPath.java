package dev.shale.sql.session;

/** The ways a statement can be prepared or run; {@link Session#count} says how often each ran. */
public enum StatementPath {
  /** A point select prepared without Calcite's planner: its plan is always one get. */
  POINT_SELECT,
  /** Prepared by Calcite's planner (parsed, validated, planned, compiled). */
  PLANNED,
  /** A plan taken from the connection's plan cache. */
  CACHED_PLAN,
  /** An executeBatch of single-row inserts written in one engine write. */
  BATCH_INSERT,
  /** Run by the direct executor over its parsed statement: no Calcite, no planner, no Avatica. */
  DIRECT
}
