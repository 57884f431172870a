package dev.shale.engine.version;

import dev.shale.engine.keys.InternalKey;
import java.util.Arrays;

/**
 * One SSTable of a version: its number (file {@code NNNNNN.sst}), size, the smallest and largest
 * internal keys it holds (its range deletions included), and how many range deletions it holds.
 */
public record FileMetaData(
    long number, long size, InternalKey smallest, InternalKey largest, int rangeTombstones) {

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
