package dev.shale.sql.adapter;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.exec.ByteRange;
import dev.shale.sql.exec.KeyRead;
import dev.shale.sql.exec.KvEncoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * What a kv scan reads, as planning decided it and execution needs it: the keys (null for all), the
 * direction, and how many rows to skip and return. Stashed in the generated code as an object, so
 * that the code does not depend on literal values; parameters are resolved per execution.
 */
public record KvScanSpec(KeyFilter keys, boolean descending, Count offset, Count fetch) {

  /** Every row, in key order. */
  static final KvScanSpec ALL = new KvScanSpec(null, false, null, null);

  /** A row count from a literal or from dynamic parameter {@code ?param}. */
  record Count(long literal, int param) {

    static Count of(RexNode node) {
      if (node == null) {
        return null;
      }
      if (node instanceof RexDynamicParam p) {
        return new Count(0, p.getIndex());
      }
      Long value = ((RexLiteral) node).getValueAs(Long.class);
      return new Count(value == null ? 0 : value, -1);
    }

    long value(IntFunction<Object> parameters, String what) {
      long n = literal;
      if (param >= 0) {
        Object v = parameters.apply(param);
        if (!(v instanceof Number number)) {
          throw new ShaleSqlException(
              SqlStates.INVALID_LIMIT,
              what + " parameter ?" + param + " must be a number, not " + v);
        }
        n = number.longValue();
      }
      if (n < 0) {
        throw new ShaleSqlException(
            "OFFSET".equals(what) ? SqlStates.INVALID_OFFSET : SqlStates.INVALID_LIMIT,
            what + " must not be negative: " + n);
      }
      return n;
    }

    String describe() {
      return param >= 0 ? "?" + param : Long.toString(literal);
    }
  }

  KvScanSpec withKeys(KeyFilter keys) {
    return new KvScanSpec(keys, descending, offset, fetch);
  }

  KvScanSpec withOrder(boolean descending) {
    return new KvScanSpec(keys, descending, offset, fetch);
  }

  KvScanSpec withLimit(Count offset, Count fetch) {
    return new KvScanSpec(keys, descending, offset, fetch);
  }

  static IntFunction<Object> parameters(DataContext root) {
    return i -> root.get("?" + i);
  }

  /** What one execution reads, with {@code parameters} as the values of the dynamic parameters. */
  KeyRead resolve(IntFunction<Object> parameters) {
    return new KeyRead(
        ranges(parameters),
        descending,
        offset == null ? 0 : offset.value(parameters, "OFFSET"),
        fetch == null ? Long.MAX_VALUE : fetch.value(parameters, "FETCH"));
  }

  /** The engine key ranges this scan reads, in ascending key order. */
  List<ByteRange> ranges(IntFunction<Object> parameters) {
    if (keys == null) {
      return List.of(ByteRange.ALL);
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

  /** The smallest key above {@code key}: the key with a zero byte appended. */
  private static byte[] successor(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  /** The scan's attributes as EXPLAIN shows them. */
  String describeKeys() {
    return keys == null ? "all" : keys.describe();
  }
}
