package dev.shale.sql.store;

import java.util.List;

/**
 * What one thread's reads did while a trace ran: gets and where each was answered, iterator seeks
 * and steps, entries passed over, and per level the tables, filters and blocks.
 *
 * @param servedBy gets answered by: [0] the memtable, [1] a frozen memtable, [2 + n] level n
 * @param answeredByNothing gets of keys no memtable or table held
 * @param reads the first gets and seeks, in order (more: {@code readsNotShown})
 * @param levels per level, 0 first
 */
public record TraceReport(
    long gets,
    long getsFound,
    long[] servedBy,
    long answeredByNothing,
    long seeks,
    long steps,
    long skippedVersions,
    long skippedDeletions,
    long skippedRangeDeleted,
    long tablesOpened,
    List<Read> reads,
    long readsNotShown,
    List<LevelReads> levels) {

  /**
   * A get of {@code key}, or a seek from {@code key} (null: the first) up to {@code upperBound}.
   */
  public record Read(boolean get, boolean backward, byte[] key, byte[] upperBound) {}

  /** One level's counts. */
  public record LevelReads(
      int level,
      long tablesConsulted,
      long probes,
      long filterUseful,
      long filterFalsePositive,
      long blocksFromCache,
      long blocksFromFile,
      long bytesFromFile) {}
}
