package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.Snapshot;
import java.util.Comparator;
import java.util.Iterator;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The snapshots (and iterators, which pin one too) still open on a database, ordered by sequence,
 * so that whatever drops old versions can ask for the oldest sequence still readable.
 */
final class SnapshotList {

  private final ConcurrentSkipListSet<LiveSnapshot> live =
      new ConcurrentSkipListSet<>(
          Comparator.comparingLong(LiveSnapshot::sequence).thenComparingLong(s -> s.id));
  private final AtomicLong ids = new AtomicLong();

  /** Registers a snapshot at {@code sequence}; closing it unregisters it. */
  LiveSnapshot acquire(long sequence) {
    LiveSnapshot s = new LiveSnapshot(sequence, ids.incrementAndGet());
    live.add(s);
    return s;
  }

  /**
   * The sequence a read sees: {@code snapshot}'s, or {@code latest} if it is null.
   *
   * @throws DbException INVALID_ARGUMENT if {@code snapshot} is closed or not from this list
   */
  long readSequence(Snapshot snapshot, long latest) {
    if (snapshot == null) {
      return latest;
    }
    if (!holds(snapshot)) {
      throw new DbException(
          DbException.Kind.INVALID_ARGUMENT,
          "snapshot " + snapshot + " is closed or belongs to another database");
    }
    return snapshot.sequence();
  }

  /** Whether {@code snapshot} was acquired here and is not closed yet. */
  boolean holds(Snapshot snapshot) {
    return snapshot instanceof LiveSnapshot s && s.owner() == this && !s.closed.get();
  }

  /** The sequence of the oldest open snapshot, or {@code ifNone} when none is open. */
  long oldestSequence(long ifNone) {
    Iterator<LiveSnapshot> oldestFirst = live.iterator();
    return oldestFirst.hasNext() ? oldestFirst.next().sequence() : ifNone;
  }

  /** A registered snapshot. Closing it is idempotent and thread safe. */
  final class LiveSnapshot implements Snapshot {

    private final long sequence;
    private final long id;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LiveSnapshot(long sequence, long id) {
      this.sequence = sequence;
      this.id = id;
    }

    @Override
    public long sequence() {
      return sequence;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        live.remove(this);
      }
    }

    private SnapshotList owner() {
      return SnapshotList.this;
    }

    @Override
    public String toString() {
      return "Snapshot{sequence=" + sequence + '}';
    }
  }
}
