package dev.shale.sql.exec;

import java.util.List;

/**
 * One execution's read of kv, every parameter resolved: sorted disjoint {@code ranges}, read in
 * ascending or descending key order, skipping {@code skip} rows and returning at most {@code
 * limit}.
 */
public record KeyRead(List<ByteRange> ranges, boolean descending, long skip, long limit) {

  /** The one key {@code key}, as a get. */
  public static KeyRead point(byte[] key) {
    return new KeyRead(List.of(new ByteRange(key, null, true)), false, 0, Long.MAX_VALUE);
  }
}
