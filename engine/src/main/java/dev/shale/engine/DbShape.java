package dev.shale.engine;

import java.util.List;

/**
 * The shape of the tree at one moment: per level its tables, bytes and compaction score, and the
 * memtables above them. What {@code sys.levels}, {@code sys.sstables} and the {@code stats} command
 * show.
 *
 * @param memtableBytes approximate bytes of the memtable taking writes
 * @param frozenMemtables memtables waiting to be flushed
 * @param frozenBytes their approximate bytes
 * @param levels every level, 0 first, empty ones included
 * @param lastSequence the newest committed sequence number
 */
public record DbShape(
    long memtableBytes,
    int frozenMemtables,
    long frozenBytes,
    List<Level> levels,
    long lastSequence) {

  /**
   * One level.
   *
   * @param score its compaction score (1 or more: it needs compacting)
   * @param targetBytes the size above which it needs compacting (for level 0: 0, it counts files)
   */
  public record Level(int level, List<Table> tables, long bytes, double score, long targetBytes) {}

  /**
   * One table file.
   *
   * @param smallestKey its smallest user key (range deletions included)
   * @param largestKey its largest user key
   * @param smallestSequence the sequence of the entry of its smallest key (a table does not record
   *     the range of its sequences, only its bounding entries)
   * @param largestSequence the sequence of the entry of its largest key
   */
  public record Table(
      long number,
      int level,
      long bytes,
      byte[] smallestKey,
      byte[] largestKey,
      long smallestSequence,
      long largestSequence,
      int rangeTombstones) {}
}
