package dev.shale.sql.adapter;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import dev.shale.sql.exec.ByteRange;
import dev.shale.sql.exec.KeyRead;
import dev.shale.sql.exec.KvEncoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * How a scan's keys, order and counts become one execution's {@link KeyRead}: the {@link KeyFilter}
 * resolved into sorted engine key ranges, OFFSET and FETCH checked. Free of Calcite: the planned
 * path ({@link KvScanSpec}) and the direct executor read exactly the same keys through here.
 */
public final class KeyRanges {

  private KeyRanges() {}

  /**
   * What one execution reads: the keys of {@code keys} (null for all) in ascending or {@code
   * descending} order, skipping {@code offset} rows and returning at most {@code fetch} (either
   * null for none), with {@code parameters} as the values of the dynamic parameters.
   */
  public static KeyRead read(
      KeyFilter keys,
      boolean descending,
      RowCount offset,
      RowCount fetch,
      IntFunction<Object> parameters) {
    return new KeyRead(
        ranges(keys, parameters),
        descending,
        offset == null ? 0 : offset.value(parameters, "OFFSET"),
        fetch == null ? Long.MAX_VALUE : fetch.value(parameters, "FETCH"));
  }

  /** The engine key ranges of {@code keys} (null for all), in ascending key order. */
  public static List<ByteRange> ranges(KeyFilter keys, IntFunction<Object> parameters) {
    if (keys == null) {
      return List.of(ByteRange.ALL);
    }
    if (keys instanceof KeyFilter.Leaf leaf) {
      return leaf(leaf, parameters);
    }
    RangeSet<String> set = keys.resolve(parameters);
    List<ByteRange> out = new ArrayList<>();
    for (Range<String> r : set.asRanges()) {
      boolean point =
          r.hasLowerBound()
              && r.hasUpperBound()
              && r.lowerBoundType() == BoundType.CLOSED
              && r.upperBoundType() == BoundType.CLOSED
              && r.lowerEndpoint().equals(r.upperEndpoint());
      byte[] lo =
          !r.hasLowerBound()
              ? new byte[0]
              : r.lowerBoundType() == BoundType.CLOSED
                  ? KvEncoding.encodeKey(r.lowerEndpoint())
                  : successor(KvEncoding.encodeKey(r.lowerEndpoint()));
      byte[] hi =
          !r.hasUpperBound()
              ? null
              : r.upperBoundType() == BoundType.OPEN
                  ? KvEncoding.encodeKey(r.upperEndpoint())
                  : successor(KvEncoding.encodeKey(r.upperEndpoint()));
      if (hi != null && Arrays.compareUnsigned(lo, hi) >= 0) {
        continue; // e.g. ('a'..'a\0'): no key in between
      }
      out.add(new ByteRange(lo, hi, point));
    }
    return out;
  }

  /**
   * The engine range of one leaf, as {@link KeyFilter.Leaf#resolve} and the conversion above give
   * it, without making a range set (the statements applications run most are one leaf: {@code key =
   * ?}, {@code key >= ? AND key < ?}, {@code BETWEEN ? AND ?}).
   */
  private static List<ByteRange> leaf(KeyFilter.Leaf leaf, IntFunction<Object> parameters) {
    KeyFilter.Endpoint lower = leaf.lower();
    KeyFilter.Endpoint upper = leaf.upper();
    String lo = lower == null ? null : lower.value(parameters);
    String hi = upper == null ? null : upper.value(parameters);
    if ((lower != null && lo == null) || (upper != null && hi == null)) {
      return List.of(); // a comparison with NULL is never true
    }
    boolean point = false;
    if (lower != null && upper != null) {
      int c = lo.compareTo(hi);
      if (c > 0 || (c == 0 && !(lower.inclusive() && upper.inclusive()))) {
        return List.of();
      }
      point = c == 0;
    }
    byte[] loBytes =
        lower == null
            ? new byte[0]
            : lower.inclusive() ? KvEncoding.encodeKey(lo) : successor(KvEncoding.encodeKey(lo));
    byte[] hiBytes =
        upper == null
            ? null
            : upper.inclusive() ? successor(KvEncoding.encodeKey(hi)) : KvEncoding.encodeKey(hi);
    if (hiBytes != null && Arrays.compareUnsigned(loBytes, hiBytes) >= 0) {
      return List.of();
    }
    return List.of(new ByteRange(loBytes, hiBytes, point));
  }

  /** The smallest key above {@code key}: the key with a zero byte appended. */
  private static byte[] successor(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }
}
