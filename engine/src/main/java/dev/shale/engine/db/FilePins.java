package dev.shale.engine.db;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Files the obsolete-file deletion must keep although no live version lists them (LevelDB's {@code
 * pending_outputs_}): the tables an ingest is writing or installing, and the logs a checkpoint is
 * copying. A deletion pass runs inside {@link #whileDeleting}, which holds this object's lock, and
 * a file is pinned under the same lock before it is created; so a pass either sees the pin or began
 * before the file existed, and a pin is dropped only once the version listing the table is current
 * (seen by the next pass as live).
 */
final class FilePins {

  /** Pinned table numbers, each with how many holders pin it. */
  private final Map<Long, Integer> tables = new HashMap<>();

  /** Per pinned log number, how many holders keep it and every log after it. */
  private final Map<Long, Integer> logs = new HashMap<>();

  /** A deletion pass, given the tables to keep and the first log to keep. */
  interface Pass {
    void run(Set<Long> pinnedTables, long firstPinnedLog) throws IOException;
  }

  synchronized void pinTable(long number) {
    tables.merge(number, 1, Integer::sum);
  }

  synchronized void unpinTable(long number) {
    tables.computeIfPresent(number, (n, c) -> c == 1 ? null : c - 1);
  }

  /**
   * Keeps the log {@code firstLog} names and every later one until {@link #unpinLogs}; returns its
   * number. Read under the lock, so no deletion pass runs between reading it and pinning it.
   */
  synchronized long pinLogsFrom(java.util.function.LongSupplier firstLog) {
    long number = firstLog.getAsLong();
    logs.merge(number, 1, Integer::sum);
    return number;
  }

  synchronized void unpinLogs(long number) {
    logs.computeIfPresent(number, (n, c) -> c == 1 ? null : c - 1);
  }

  /** Runs {@code pass} with the pins as they stand, none added or dropped meanwhile. */
  synchronized void whileDeleting(Pass pass) throws IOException {
    long firstLog = Long.MAX_VALUE;
    for (long n : logs.keySet()) {
      firstLog = Math.min(firstLog, n);
    }
    pass.run(new HashSet<>(tables.keySet()), firstLog);
  }
}
