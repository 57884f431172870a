package dev.shale.sql.adapter;

import dev.shale.sql.exec.ByteRange;
import dev.shale.sql.exec.KeyRead;
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
public record KvScanSpec(KeyFilter keys, boolean descending, RowCount offset, RowCount fetch) {

  /** Every row, in key order. */
  static final KvScanSpec ALL = new KvScanSpec(null, false, null, null);

  /** The row count of an OFFSET or FETCH node of a plan (a literal or a parameter), or null. */
  static RowCount count(RexNode node) {
    if (node == null) {
      return null;
    }
    if (node instanceof RexDynamicParam p) {
      return RowCount.parameter(p.getIndex());
    }
    Long value = ((RexLiteral) node).getValueAs(Long.class);
    return RowCount.literal(value == null ? 0 : value);
  }

  KvScanSpec withKeys(KeyFilter keys) {
    return new KvScanSpec(keys, descending, offset, fetch);
  }

  KvScanSpec withOrder(boolean descending) {
    return new KvScanSpec(keys, descending, offset, fetch);
  }

  KvScanSpec withLimit(RowCount offset, RowCount fetch) {
    return new KvScanSpec(keys, descending, offset, fetch);
  }

  static IntFunction<Object> parameters(DataContext root) {
    return i -> root.get("?" + i);
  }

  /** What one execution reads, with {@code parameters} as the values of the dynamic parameters. */
  KeyRead resolve(IntFunction<Object> parameters) {
    return KeyRanges.read(keys, descending, offset, fetch, parameters);
  }

  /** The engine key ranges this scan reads, in ascending key order. */
  List<ByteRange> ranges(IntFunction<Object> parameters) {
    return KeyRanges.ranges(keys, parameters);
  }

  /** The scan's attributes as EXPLAIN shows them. */
  String describeKeys() {
    return keys == null ? "all" : keys.describe();
  }
}
