package dev.shale.engine.keys;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A range deletion, as a memtable, a table, a version and a compaction all see it: every version of
 * every user key in {@code [startUserKey, endUserKeyExclusive)} with a sequence number below {@code
 * sequence} is deleted. Arrays are compared by content.
 */
public record RangeTombstone(byte[] startUserKey, byte[] endUserKeyExclusive, long sequence) {

  /**
   * The newest sequence, at or below {@code readSequence}, of the tombstones in {@code tombstones}
   * covering {@code userKey}; 0 if none does.
   */
  public static long newestCovering(
      List<RangeTombstone> tombstones, byte[] userKey, long readSequence) {
    long newest = 0;
    for (RangeTombstone t : tombstones) {
      if (t.sequence() <= readSequence && t.sequence() > newest && t.covers(userKey)) {
        newest = t.sequence();
      }
    }
    return newest;
  }

  /** Whether {@code userKey} lies in the deleted range (whatever its sequence). */
  public boolean covers(byte[] userKey) {
    return Arrays.compareUnsigned(startUserKey, userKey) <= 0
        && Arrays.compareUnsigned(userKey, endUserKeyExclusive) < 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RangeTombstone t
        && sequence == t.sequence
        && Arrays.equals(startUserKey, t.startUserKey)
        && Arrays.equals(endUserKeyExclusive, t.endUserKeyExclusive);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(startUserKey) * 31 + Arrays.hashCode(endUserKeyExclusive)) * 31
        + Long.hashCode(sequence);
  }

  @Override
  public String toString() {
    HexFormat hex = HexFormat.of();
    return "["
        + hex.formatHex(startUserKey)
        + ", "
        + hex.formatHex(endUserKeyExclusive)
        + ")@"
        + sequence;
  }
}
