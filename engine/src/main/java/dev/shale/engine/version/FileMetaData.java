package dev.shale.engine.version;

import dev.shale.engine.keys.InternalKey;
import java.util.Arrays;

/**
 * One SSTable of a version: its number (file {@code NNNNNN.sst}), size, the smallest and largest
 * internal keys it holds (its range deletions included), and how many range deletions it holds.
 *
 * <p>A table written by an {@link dev.shale.engine.Ingest} has a {@code globalSequence}: its
 * entries are stored with sequence 0, as their sequence was not known when they were written, and
 * every one of them reads as this sequence, given when the ingest committed (RocksDB's global
 * sequence number; see {@link GlobalSequenceIterator}). Its smallest and largest keys carry it. 0
 * for every other table.
 */
public record FileMetaData(
    long number,
    long size,
    InternalKey smallest,
    InternalKey largest,
    int rangeTombstones,
    long globalSequence) {

  /** A table whose entries carry their own sequences. */
  public FileMetaData(
      long number, long size, InternalKey smallest, InternalKey largest, int rangeTombstones) {
    this(number, size, smallest, largest, rangeTombstones, 0);
  }

  /** Whether some user key in {@code [lo, hi]} (either null = unbounded) may be in this file. */
  public boolean overlaps(byte[] lo, byte[] hi) {
    return (lo == null || Arrays.compareUnsigned(largest.userKey(), lo) >= 0)
        && (hi == null || Arrays.compareUnsigned(smallest.userKey(), hi) <= 0);
  }

  /** Whether {@code userKey} is within the file's user-key range. */
  public boolean covers(byte[] userKey) {
    return overlaps(userKey, userKey);
  }
}
