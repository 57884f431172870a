package dev.shale.engine.db;

import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.memtable.MemTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The memtable writes go to, and the frozen ones waiting for their flush, newest first. Immutable:
 * freezing and flushing make a new value, which the database publishes in one volatile write, so a
 * reader sees one consistent list. Each new memtable is made for {@code writeBufferBytes}, which
 * sizes its key filter.
 */
record Memtables(MemTable mem, List<Frozen> frozen, long writeBufferBytes) {

  /**
   * The frozen list, always of one class: {@code List.of} and {@code List.copyOf} make a different
   * class for none, one or two, and more, and each new class seen by the writer's {@code
   * frozen().size()} sent its compiled code back to be compiled again.
   */
  Memtables {
    frozen = Collections.unmodifiableList(new ArrayList<>(frozen));
  }

  /**
   * A full memtable and the log that holds its writes. The list finds one by identity ({@link
   * #indexOf}), never by {@code equals}: a record's {@code equals} is bootstrapped by {@code
   * ObjectMethods} the first time it runs, which spins some fifty classes in the middle of the
   * first flush, and a class loaded while the JIT compiles the write path can cancel that
   * compilation.
   */
  record Frozen(MemTable mem, long logNumber) {}

  /** Where {@link #lookup} found its answer: the active memtable, or a frozen one. */
  static final int ACTIVE = 0;

  static final int FROZEN = 1;

  /** {@link #lookup} found nothing that decides the key. */
  static final int UNDECIDED = -1;

  static Memtables empty(long writeBufferBytes) {
    return new Memtables(new MemTable(writeBufferBytes), List.of(), writeBufferBytes);
  }

  /** {@code mem} frozen with its log {@code logNumber}, and a fresh memtable for writes. */
  Memtables freeze(long logNumber) {
    List<Frozen> f = new ArrayList<>(frozen.size() + 1);
    f.add(new Frozen(mem, logNumber));
    f.addAll(frozen);
    return new Memtables(new MemTable(writeBufferBytes), List.copyOf(f), writeBufferBytes);
  }

  /** Without {@code flushed}, whose table is now in the current version. */
  Memtables without(Frozen flushed) {
    List<Frozen> remaining = new ArrayList<>(frozen);
    int i = indexOf(flushed);
    if (i >= 0) {
      remaining.remove(i);
    }
    return new Memtables(mem, List.copyOf(remaining), writeBufferBytes);
  }

  private int indexOf(Frozen f) {
    for (int i = 0; i < frozen.size(); i++) {
      if (frozen.get(i) == f) {
        return i;
      }
    }
    return -1;
  }

  /** The frozen memtable to flush first, or null. */
  Frozen oldestFrozen() {
    return frozen.isEmpty() ? null : frozen.get(frozen.size() - 1);
  }

  /**
   * The first log that must stay once {@code flushed} is in a table: the log of the next newer
   * frozen memtable, or else {@code activeLog}; logs from it on hold writes in no table.
   */
  long firstLogToKeepAfter(Frozen flushed, long activeLog) {
    int i = indexOf(flushed);
    return i > 0 ? frozen.get(i - 1).logNumber() : activeLog;
  }

  /**
   * Looks {@code key} up as of {@code sequence}, newest memtable first: {@link #ACTIVE} or {@link
   * #FROZEN} if a memtable decides it (a value, a deletion, or a newer range deletion), with the
   * memtable's own value, or null for a deletion, in {@code found[0]}; else {@link #UNDECIDED}.
   */
  int lookup(byte[] key, long sequence, byte[][] found) {
    if (lookup(mem, key, sequence, found)) {
      return ACTIVE;
    }
    for (Frozen f : frozen) {
      if (lookup(f.mem(), key, sequence, found)) {
        return FROZEN;
      }
    }
    return UNDECIDED;
  }

  private static boolean lookup(MemTable mem, byte[] key, long sequence, byte[][] found) {
    long tombstone = mem.newestTombstoneOver(key, sequence);
    Map.Entry<InternalKey, byte[]> e = mem.get(key, sequence);
    InternalKey k = e == null ? null : e.getKey(); // made on each call: once
    if (k != null && k.sequence() > tombstone) {
      found[0] = k.type() == ValueType.VALUE ? e.getValue() : null;
      return true;
    }
    if (tombstone > 0) {
      found[0] = null;
      return true;
    }
    return false;
  }

  /** Whether the active memtable holds a key or a range deletion in [{@code lo}, {@code hi}]. */
  boolean activeHolds(byte[] lo, byte[] hi) {
    return holds(mem, lo, hi);
  }

  /** Whether a frozen memtable holds a key or a range deletion in [{@code lo}, {@code hi}]. */
  boolean frozenHold(byte[] lo, byte[] hi) {
    for (Frozen f : frozen) {
      if (holds(f.mem(), lo, hi)) {
        return true;
      }
    }
    return false;
  }

  private static boolean holds(MemTable mem, byte[] lo, byte[] hi) {
    InternalIterator it = mem.newIterator();
    it.seek(InternalKey.beforeAllVersions(lo));
    if (it.isValid() && Arrays.compareUnsigned(it.key().userKey(), hi) <= 0) {
      return true;
    }
    for (RangeTombstone t : mem.rangeTombstones()) {
      if (Arrays.compareUnsigned(t.startUserKey(), hi) <= 0
          && Arrays.compareUnsigned(t.endUserKeyExclusive(), lo) > 0) {
        return true;
      }
    }
    return false;
  }

  /** Adds an iterator per memtable, newest first, and their range tombstones. */
  void addIterators(List<InternalIterator> children, List<RangeTombstone> tombstones) {
    children.add(mem.newIterator());
    tombstones.addAll(mem.rangeTombstones());
    for (Frozen f : frozen) {
      children.add(f.mem().newIterator());
      tombstones.addAll(f.mem().rangeTombstones());
    }
  }
}
