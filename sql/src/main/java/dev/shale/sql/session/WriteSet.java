package dev.shale.sql.session;

import dev.shale.sql.store.KvBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The writes of a transaction not yet committed: the newest put or delete of each key it wrote, and
 * the key ranges it deleted (merged, disjoint), in the stored key order, with their size. A put
 * after a range deletion stands, a put before it is gone, as in the statements' order.
 *
 * <p>Cursors read a {@link Frozen} state; the next change after a freeze copies the maps first, so
 * an open result set never sees a later statement's writes and never fails because of them. The
 * writes are also kept in order ({@link #mark()}, {@link #rollbackTo}) for savepoints. Not thread
 * safe: its {@link Transaction} guards it.
 */
final class WriteSet {

  /** The value of a key the transaction deleted; compared by identity. */
  static final byte[] DELETED = new byte[0];

  /** Bytes counted per write beyond its keys and value, for the size limit. */
  private static final int WRITE_OVERHEAD = 32;

  // A class, not Arrays::compareUnsigned: a method reference's class is spun when first evaluated,
  // here when the JVM's first transaction writes.
  private static final Comparator<byte[]> ORDER =
      new Comparator<>() {
        @Override
        public int compare(byte[] a, byte[] b) {
          return Arrays.compareUnsigned(a, b);
        }
      };

  /** The writes as of a freeze: never changed afterwards. */
  record Frozen(NavigableMap<byte[], byte[]> entries, NavigableMap<byte[], byte[]> ranges) {

    /** Whether {@code key} is in one of the deleted ranges. */
    boolean inDeletedRange(byte[] key) {
      return covering(ranges, key) != null;
    }
  }

  /** One write, as a statement made it: a put, a delete (value DELETED), or a range (end). */
  private record Write(byte[] key, byte[] value, byte[] rangeEnd) {}

  private TreeMap<byte[], byte[]> entries = new TreeMap<>(ORDER);
  private TreeMap<byte[], byte[]> ranges = new TreeMap<>(ORDER);
  private boolean frozen;
  private final List<Write> writes = new ArrayList<>();
  private long bytes;

  boolean isEmpty() {
    return writes.isEmpty();
  }

  /** The bytes the writes take, as counted against the transaction's limit. */
  long bytes() {
    return bytes;
  }

  /** The bytes {@code key} and {@code value} would add. */
  static long bytesOf(byte[] key, byte[] value) {
    return WRITE_OVERHEAD + key.length + (value == null ? 0 : value.length);
  }

  void put(byte[] key, byte[] value) {
    thaw();
    entries.put(key, value);
    record(new Write(key, value, null));
  }

  void delete(byte[] key) {
    thaw();
    entries.put(key, DELETED);
    record(new Write(key, DELETED, null));
  }

  /** Deletes every key in [{@code begin}, {@code end}): stored ones and this transaction's. */
  void deleteRange(byte[] begin, byte[] end) {
    thaw();
    record(new Write(begin, null, end));
    if (ORDER.compare(begin, end) >= 0) {
      return;
    }
    entries.subMap(begin, true, end, false).clear();
    byte[] lo = begin;
    byte[] hi = end;
    Map.Entry<byte[], byte[]> before = ranges.floorEntry(begin);
    if (before != null && ORDER.compare(before.getValue(), begin) >= 0) {
      lo = before.getKey();
      hi = ORDER.compare(before.getValue(), hi) > 0 ? before.getValue() : hi;
      ranges.remove(before.getKey());
    }
    for (Map.Entry<byte[], byte[]> next = ranges.ceilingEntry(lo);
        next != null && ORDER.compare(next.getKey(), hi) <= 0;
        next = ranges.ceilingEntry(lo)) {
      hi = ORDER.compare(next.getValue(), hi) > 0 ? next.getValue() : hi;
      ranges.remove(next.getKey());
    }
    ranges.put(lo, hi);
  }

  /**
   * What the writes say of {@code key}: its value, {@link #DELETED}, or null when they say nothing
   * (the snapshot answers).
   */
  byte[] lookup(byte[] key) {
    byte[] value = entries.get(key);
    if (value != null) {
      return value;
    }
    return covering(ranges, key) != null ? DELETED : null;
  }

  /** The writes as they are now, for a cursor; later changes do not reach it. */
  Frozen freeze() {
    frozen = true;
    return new Frozen(entries, ranges);
  }

  /** A position in the writes, for a savepoint. */
  int mark() {
    return writes.size();
  }

  /** Undoes every write after {@code mark}. */
  void rollbackTo(int mark) {
    List<Write> kept = new ArrayList<>(writes.subList(0, mark));
    entries = new TreeMap<>(ORDER);
    ranges = new TreeMap<>(ORDER);
    frozen = false;
    writes.clear();
    bytes = 0;
    for (Write w : kept) {
      if (w.rangeEnd() != null) {
        deleteRange(w.key(), w.rangeEnd());
      } else if (w.value() == DELETED) {
        delete(w.key());
      } else {
        put(w.key(), w.value());
      }
    }
  }

  /** Puts the writes into {@code batch}: the deleted ranges first, then each key's last write. */
  void fill(KvBatch batch) {
    for (Map.Entry<byte[], byte[]> r : ranges.entrySet()) {
      batch.deleteRange(r.getKey(), r.getValue());
    }
    for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
      if (e.getValue() == DELETED) {
        batch.delete(e.getKey());
      } else {
        batch.put(e.getKey(), e.getValue());
      }
    }
  }

  private void record(Write w) {
    writes.add(w);
    bytes += bytesOf(w.key(), w.rangeEnd() != null ? w.rangeEnd() : w.value());
  }

  /** Copies the maps if a cursor holds them. */
  private void thaw() {
    if (frozen) {
      entries = new TreeMap<>(entries);
      ranges = new TreeMap<>(ranges);
      frozen = false;
    }
  }

  /** The deleted range holding {@code key}, or null. */
  static Map.Entry<byte[], byte[]> covering(NavigableMap<byte[], byte[]> ranges, byte[] key) {
    Map.Entry<byte[], byte[]> r = ranges.floorEntry(key);
    return r != null && ORDER.compare(key, r.getValue()) < 0 ? r : null;
  }
}
