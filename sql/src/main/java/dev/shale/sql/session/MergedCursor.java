package dev.shale.sql.session;

import dev.shale.sql.store.KvCursor;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A transaction's cursor: the keys of its snapshot (the base cursor) merged with its own writes. A
 * key it wrote shows its write (or nothing, if deleted); a stored key in a range it deleted does
 * not show, and the base skips such a range with one seek.
 *
 * <p>Moving forward, the base stays at or after the current key; moving backward, at or before it;
 * a change of direction re-seeks the base, as LevelDB's merging iterator does. Not thread safe.
 */
final class MergedCursor implements KvCursor {

  private final KvCursor base;
  private final NavigableMap<byte[], byte[]> writes; // within the cursor's bounds
  private final WriteSet.Frozen frozen;
  private boolean forward = true;
  private byte[] key; // null: not on a key
  private byte[] value;
  private boolean fromBase; // key and value are the base's, valid until it moves

  /** Over {@code base} (bounded already) and the writes of {@code frozen} within the bounds. */
  MergedCursor(KvCursor base, WriteSet.Frozen frozen, byte[] lowerBound, byte[] upperBound) {
    this.base = base;
    this.frozen = frozen;
    NavigableMap<byte[], byte[]> w = frozen.entries();
    if (lowerBound != null
        && upperBound != null
        && Arrays.compareUnsigned(lowerBound, upperBound) >= 0) {
      w = new TreeMap<>(Arrays::compareUnsigned); // an empty range
    } else if (lowerBound != null) {
      w = w.tailMap(lowerBound, true);
    }
    if (upperBound != null) {
      w = w.headMap(upperBound, false);
    }
    this.writes = w;
  }

  @Override
  public void seek(byte[] target) {
    base.seek(target);
    forward = true;
    settleForward(writes.ceilingEntry(target));
  }

  @Override
  public void seekForPrev(byte[] target) {
    base.seekForPrev(target);
    forward = false;
    settleBackward(writes.floorEntry(target));
  }

  @Override
  public void seekToLast() {
    base.seekToLast();
    forward = false;
    settleBackward(writes.lastEntry());
  }

  @Override
  public void next() {
    byte[] at = fromBase ? key.clone() : key;
    if (!forward) {
      base.seek(at);
      forward = true;
    }
    if (base.isValid() && Arrays.equals(base.key(), at)) {
      base.next();
    }
    settleForward(writes.higherEntry(at));
  }

  @Override
  public void prev() {
    byte[] at = fromBase ? key.clone() : key;
    if (forward) {
      base.seekForPrev(at);
      forward = false;
    }
    if (base.isValid() && Arrays.equals(base.key(), at)) {
      base.prev();
    }
    settleBackward(writes.lowerEntry(at));
  }

  /** Lands on the smaller of the base's key and {@code w}, skipping what the writes delete. */
  private void settleForward(Map.Entry<byte[], byte[]> w) {
    while (true) {
      skipDeletedRangesForward();
      byte[] b = base.isValid() ? base.key() : null;
      if (w == null && b == null) {
        key = null;
        return;
      }
      int c = w == null ? 1 : b == null ? -1 : Arrays.compareUnsigned(w.getKey(), b);
      if (c > 0) {
        key = b;
        value = base.value();
        fromBase = true;
        return;
      }
      if (c == 0) {
        base.next(); // the write shadows the stored key
      }
      if (w.getValue() != WriteSet.DELETED) {
        key = w.getKey();
        value = w.getValue();
        fromBase = false;
        return;
      }
      w = writes.higherEntry(w.getKey());
    }
  }

  /** Lands on the larger of the base's key and {@code w}, skipping what the writes delete. */
  private void settleBackward(Map.Entry<byte[], byte[]> w) {
    while (true) {
      skipDeletedRangesBackward();
      byte[] b = base.isValid() ? base.key() : null;
      if (w == null && b == null) {
        key = null;
        return;
      }
      int c = w == null ? -1 : b == null ? 1 : Arrays.compareUnsigned(w.getKey(), b);
      if (c < 0) {
        key = b;
        value = base.value();
        fromBase = true;
        return;
      }
      if (c == 0) {
        base.prev();
      }
      if (w.getValue() != WriteSet.DELETED) {
        key = w.getKey();
        value = w.getValue();
        fromBase = false;
        return;
      }
      w = writes.lowerEntry(w.getKey());
    }
  }

  private void skipDeletedRangesForward() {
    while (base.isValid()) {
      Map.Entry<byte[], byte[]> r = WriteSet.covering(frozen.ranges(), base.key());
      if (r == null) {
        return;
      }
      base.seek(r.getValue());
    }
  }

  private void skipDeletedRangesBackward() {
    while (base.isValid()) {
      Map.Entry<byte[], byte[]> r = WriteSet.covering(frozen.ranges(), base.key());
      if (r == null) {
        return;
      }
      base.seekForPrev(r.getKey());
      if (base.isValid() && Arrays.equals(base.key(), r.getKey())) {
        base.prev();
      }
    }
  }

  @Override
  public boolean isValid() {
    return key != null;
  }

  @Override
  public byte[] key() {
    return key;
  }

  @Override
  public byte[] value() {
    return value;
  }

  @Override
  public void close() {
    base.close();
  }
}
