package dev.shale.sql.sys;

import dev.shale.sql.session.Session;
import dev.shale.sql.store.Introspection;
import dev.shale.sql.store.TraceReport;
import java.util.List;
import java.util.Locale;

/**
 * The engine's trace of one statement's reads, for {@code EXPLAIN ANALYZE}: started on the thread
 * that runs the statement, stopped when its rows are consumed, then described line by line (keys as
 * text).
 */
public final class StatementTrace {

  private final Introspection.ReadTracing tracing;
  private TraceReport report;

  private StatementTrace(Introspection.ReadTracing tracing) {
    this.tracing = tracing;
  }

  /** Starts counting this thread's reads on {@code session}'s database. */
  public static StatementTrace start(Session session) {
    return new StatementTrace(session.database().introspection().startTrace());
  }

  /** Stops counting; idempotent. */
  public void stop() {
    if (report == null) {
      report = tracing.stop();
    }
  }

  /**
   * Adds the lines that say what the statement did: {@code rows} returned (or {@code changed} by a
   * write), in {@code nanos}, and what its reads did in the engine.
   */
  public void describe(List<String> lines, boolean dml, long rows, long changed, long nanos) {
    stop();
    TraceReport r = report;
    lines.add("-- EXPLAIN ANALYZE: the statement ran" + (dml ? " and its writes are applied" : ""));
    lines.add(
        (dml ? "rows changed: " + changed : "rows returned: " + rows)
            + String.format(Locale.ROOT, "  elapsed: %.3f ms", nanos / 1e6));
    lines.add(
        "reads: "
            + r.gets()
            + " gets ("
            + r.getsFound()
            + " found), "
            + r.seeks()
            + " seeks, "
            + r.steps()
            + " steps");
    for (TraceReport.Read read : r.reads()) {
      lines.add("  " + describe(read));
    }
    if (r.readsNotShown() > 0) {
      lines.add("  ... and " + r.readsNotShown() + " more");
    }
    if (r.gets() > 0) {
      StringBuilder s = new StringBuilder("gets answered by: memtable ").append(r.servedBy()[0]);
      s.append(", frozen memtable ").append(r.servedBy()[1]);
      for (int level = 0; level < r.servedBy().length - 2; level++) {
        if (r.servedBy()[2 + level] > 0) {
          s.append(", L").append(level).append(' ').append(r.servedBy()[2 + level]);
        }
      }
      s.append(", nothing (absent) ").append(r.answeredByNothing());
      lines.add(s.toString());
    }
    lines.add(
        "entries skipped: "
            + r.skippedVersions()
            + " older versions, "
            + r.skippedDeletions()
            + " deletions, "
            + r.skippedRangeDeleted()
            + " range-deleted");
    boolean anyLevel = false;
    for (TraceReport.LevelReads l : r.levels()) {
      if (l.tablesConsulted() + l.blocksFromCache() + l.blocksFromFile() + l.probes() == 0) {
        continue;
      }
      anyLevel = true;
      lines.add(
          "L"
              + l.level()
              + ": "
              + l.tablesConsulted()
              + (l.tablesConsulted() == 1 ? " table" : " tables")
              + " consulted, "
              + l.probes()
              + " lookups, bloom filter: "
              + l.filterUseful()
              + " useful, "
              + l.filterFalsePositive()
              + " false positive; blocks: "
              + l.blocksFromCache()
              + " from cache, "
              + l.blocksFromFile()
              + " from file ("
              + l.bytesFromFile()
              + " bytes)");
    }
    if (!anyLevel) {
      lines.add("tables: none consulted (answered from memtables)");
    }
    if (r.tablesOpened() > 0) {
      lines.add("table files opened: " + r.tablesOpened());
    }
  }

  private static String describe(TraceReport.Read read) {
    if (read.get()) {
      return "get " + quote(read.key());
    }
    if (read.backward()) {
      return "seek backward from " + (read.key() == null ? "the last key" : quote(read.key()));
    }
    byte[] upper = read.upperBound();
    String end;
    if (upper == null) {
      end = "last key]";
    } else if (upper.length > 1 && upper[upper.length - 1] == 0) {
      // The bound just after a key (the key and a zero byte): the key, inclusive.
      end = quote(java.util.Arrays.copyOf(upper, upper.length - 1)) + "]";
    } else {
      end = quote(upper) + ")";
    }
    return "scan [" + (read.key() == null ? "first key" : quote(read.key())) + ", " + end;
  }

  private static String quote(byte[] key) {
    String text = SysSchema.key(key);
    return text.startsWith("x'") ? text : "'" + text.replace("'", "''") + "'";
  }
}
