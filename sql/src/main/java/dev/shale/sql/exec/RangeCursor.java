package dev.shale.sql.exec;

import dev.shale.sql.store.KvCursor;
import dev.shale.sql.store.KvStore;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Reads the ranges of a {@link KeyRead} and turns stored entries into {@code {key, value}} rows. A
 * range that is one key is a get (bloom filters answer most misses); the others share one cursor.
 * Reads of more than one range see one snapshot. The read is resolved on the first {@link
 * #moveNext()}, so that a bad parameter fails when rows are asked for.
 */
final class RangeCursor implements Enumerator<Object[]> {
  private final KvStore store;
  private final Supplier<KeyRead> resolve;
  private final StatementCancel cancel;
  private int steps;
  private KeyRead read;
  private List<ByteRange> ranges;
  private KvStore.ReadView view;
  private KvCursor cursor;
  private int index;
  private boolean positioned;
  private long toSkip;
  private long remaining;
  private byte[] key;

  /** The value of a point read; null when the row is the cursor's, read from it in place. */
  private byte[] value;

  private Object[] current;

  RangeCursor(KvStore store, Supplier<KeyRead> resolve, StatementCancel cancel) {
    this.store = store;
    this.resolve = resolve;
    this.cancel = cancel;
  }

  private void start() {
    cancel.check();
    read = resolve.get();
    ranges = read.ranges();
    toSkip = read.skip();
    remaining = read.limit();
    view = ranges.size() > 1 ? store.snapshot() : store.latest();
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if (ranges == null) {
      start();
    }
    current = null;
    while (remaining > 0 && advance()) {
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      remaining--;
      String v =
          value != null ? KvEncoding.decodeValue(value) : cursor.readValue(KvEncoding.VALUES);
      current = new Object[] {KvEncoding.decodeKey(key), v};
      return true;
    }
    remaining = 0;
    return false;
  }

  /** Moves to the next entry in scan order into {@link #key}/{@link #value}; false at the end. */
  private boolean advance() {
    boolean descending = read.descending();
    while (index < ranges.size()) {
      if ((++steps & 63) == 0) {
        cancel.check(); // every entry, skipped or not, is a step
      }
      ByteRange r = ranges.get(descending ? ranges.size() - 1 - index : index);
      if (r.point()) {
        index++;
        byte[] v = view.get(r.lo());
        if (v != null) {
          key = r.lo();
          value = v;
          return true;
        }
        continue;
      }
      if (cursor == null) {
        // One range: the cursor's bounds are the range's. Several: one unbounded cursor for all.
        cursor = ranges.size() == 1 ? view.cursor(r.lowerBound(), r.hi()) : view.cursor(null, null);
      }
      if (!positioned) {
        positioned = true;
        position(r, descending);
      } else if (descending) {
        cursor.prev();
      } else {
        cursor.next();
      }
      if (cursor.isValid() && (descending ? r.atOrAbove(cursor.key()) : r.below(cursor.key()))) {
        key = cursor.key();
        value = null;
        return true;
      }
      index++;
      positioned = false;
    }
    return false;
  }

  private void position(ByteRange r, boolean descending) {
    if (!descending) {
      cursor.seek(r.lo());
    } else if (r.hi() == null) {
      cursor.seekToLast();
    } else {
      cursor.seekForPrev(r.hi());
      if (cursor.isValid() && Arrays.equals(cursor.key(), r.hi())) {
        cursor.prev();
      }
    }
  }

  @Override
  public void reset() {
    close();
    ranges = null;
    index = 0;
    positioned = false;
  }

  @Override
  public void close() {
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
    if (view != null) {
      view.close();
      view = null;
    }
  }
}
