package dev.shale.sql.exec;

import java.util.Arrays;

/**
 * A range of encoded keys: from {@code lo} (inclusive; empty for the first key) to {@code hi}
 * (exclusive; null for past the last key). A {@code point} range holds the one key {@code lo}, and
 * is read with a get.
 */
public record ByteRange(byte[] lo, byte[] hi, boolean point) {

  /** Every key. */
  public static final ByteRange ALL = new ByteRange(new byte[0], null, false);

  /** Whether {@code key} is below this range's upper end. */
  boolean below(byte[] key) {
    return hi == null || Arrays.compareUnsigned(key, hi) < 0;
  }

  /** Whether {@code key} is at or above this range's lower end. */
  boolean atOrAbove(byte[] key) {
    return Arrays.compareUnsigned(key, lo) >= 0;
  }

  /** The lower bound of a cursor over this range: null when it starts at the first key. */
  byte[] lowerBound() {
    return lo.length > 0 ? lo : null;
  }
}
