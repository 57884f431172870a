package dev.shale.engine.sstable;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A range deletion stored in a table: every version of every user key in {@code [startUserKey,
 * endUserKeyExclusive)} with a sequence number below {@code sequence} is deleted. Arrays are
 * compared by content.
 */
public record RangeTombstone(byte[] startUserKey, byte[] endUserKeyExclusive, long sequence) {

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
