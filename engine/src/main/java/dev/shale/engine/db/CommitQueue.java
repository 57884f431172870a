package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.Stats;
import dev.shale.engine.Stats.Counter;
import dev.shale.engine.WriteBatch;
import dev.shale.engine.memtable.MemTable;
import dev.shale.engine.wal.LogWriter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue of writers and the leader protocol of group commit. Every writer queues; the writer at
 * the head is the leader: it makes room ({@link Leader#makeRoom}), takes the writers queued behind
 * it that fit into one group ({@link #takeGroup}), commits the group ({@link Leader#commit}) while
 * more writers queue, then marks every member done, handing each the group's failure if there was
 * one, and wakes the next head. A follower wakes either done (its batch was in a leader's group) or
 * at the head (it leads the next group).
 *
 * <p>The queue has a lock of its own, held only to change the queue: the leader's work (making
 * room, the conflict check, the log write and the memtable insert) runs without it, and what of
 * that needs the database's mutex takes it there. The background thread takes only that mutex, so a
 * single writing thread never meets another thread at this lock, as in RocksDB's write thread:
 * uncontended, its lock and unlock stay on their fast paths, which C2 compiles into the write path
 * with no branch it has not seen taken (a contended mutex there trapped the write path's first C2
 * compile of every cold run, seen with {@code -XX:+LogCompilation}). This lock is never taken with
 * the mutex held, and the mutex is never held while waiting for it.
 */
final class CommitQueue {

  /** A group stops growing at this many bytes, so a small write never waits behind a huge one. */
  private static final long MAX_GROUP_BYTES = 1 << 20;

  /** A leader with a small batch takes at most this much more, to keep small writes fast. */
  private static final long SMALL_LEADER_EXTRA_BYTES = 128 << 10;

  /** What a leader does for its group, at its turn. */
  interface Leader {
    /**
     * Makes sure the group can be written (it may freeze the memtable, or wait for background
     * work); the failure that forbids it, or null. Called with {@code queueLock} held; it may
     * release the lock while it waits, so that writers queue meanwhile, and holds it again when it
     * returns.
     */
    DbException makeRoom(Lock queueLock);

    /** Logs and applies {@code group}; the failure, or null. Called without the queue's lock. */
    DbException commit(Group group);

    /**
     * The CONFLICT failure if a write committed after sequence {@code since} touched a key {@code
     * batch} writes, or null. Called at the batch's turn, before its group of one commits, without
     * the queue's lock.
     */
    DbException conflict(WriteBatch batch, long since);
  }

  /**
   * The batches of the writers at the head of the queue that commit together, leader first. One
   * leader at a time, so the queue keeps one and every leader refills it.
   */
  static final class Group {
    final List<WriteBatch> batches = new ArrayList<>();

    /** Whether any of them asked for a sync. */
    boolean sync;

    /** Their ops, and the bytes the ops take in a log record. */
    int ops;

    long bytes;

    /** The buffer the group's log record is encoded in, kept from group to group. */
    private byte[] record = new byte[256];

    private void clear() {
      batches.clear();
      sync = false;
      ops = 0;
      bytes = 0;
    }

    /**
     * Appends the group to {@code log} as one record of sequences from {@code first} on (synced if
     * any writer asked), then applies its batches to {@code mem}, and counts what it wrote in
     * {@code stats}. The leader's I/O, done without a lock; leaders take turns, so it counts with
     * {@link Stats#addSerial}.
     */
    void logAndApply(long first, LogWriter log, MemTable mem, Stats stats) throws IOException {
      byte[] out = recordBuffer(WriteBatchCodec.HEADER_SIZE + bytes);
      int length = WriteBatchCodec.encodeInto(first, batches, out);
      WriteBatchCodec.checkLength(length, WriteBatchCodec.HEADER_SIZE + bytes);
      if (ops > 0) {
        log.addWriteAheadRecord(out, length, sync);
      } else if (sync) {
        log.sync();
      }
      long sequence = first;
      for (int b = 0, n = batches.size(); b < n; b++) { // no iterator object per group
        sequence = mem.apply(sequence, batches.get(b));
      }
      count(length, stats);
    }

    /**
     * A buffer of at least {@code size} bytes: the kept one, grown as needed up to a group's usual
     * limit; one of its own for a larger record, so a rare huge batch does not stay in memory.
     */
    private byte[] recordBuffer(long size) {
      if (size <= record.length) {
        return record;
      }
      long kept = MAX_GROUP_BYTES + WriteBatchCodec.HEADER_SIZE;
      if (size > kept) {
        return new byte[Math.toIntExact(size)];
      }
      record = new byte[(int) Math.min(kept, Math.max(size, 2L * record.length))];
      return record;
    }

    private void count(int recordBytes, Stats stats) {
      long userBytes = 0;
      int puts = 0;
      int deletes = 0;
      for (int b = 0, batchCount = batches.size(); b < batchCount; b++) {
        WriteBatch batch = batches.get(b);
        for (int i = 0, n = batch.count(); i < n; i++) {
          int k = batch.key(i).length;
          stats.keySizes().record(k);
          userBytes += k;
          switch (batch.type(i)) {
            case PUT -> {
              int v = batch.value(i).length;
              stats.valueSizes().record(v);
              userBytes += v;
              puts++;
            }
            case DELETE -> deletes++;
            case DELETE_RANGE -> userBytes += batch.value(i).length;
          }
        }
      }
      if (puts > 0) {
        stats.addSerial(Counter.PUTS, puts);
      }
      if (deletes > 0) {
        stats.addSerial(Counter.DELETES, deletes);
      }
      if (ops - puts - deletes > 0) {
        stats.addSerial(Counter.RANGE_DELETES, ops - puts - deletes);
      }
      if (ops > 0) {
        stats.addSerial(Counter.USER_BYTES_WRITTEN, userBytes);
        stats.addSerial(Counter.LOG_BYTES_WRITTEN, recordBytes);
      }
      if (sync) {
        stats.addSerial(Counter.LOG_SYNCS, 1);
      }
      stats.addSerial(Counter.WRITE_GROUPS, 1);
    }
  }

  /**
   * Work that needs the commit order to itself (an ingest's install, a checkpoint's moment, a
   * flush's memtable switch): run at its turn, alone, without the queue's lock (writers queue
   * behind it meanwhile, and none is in flight). Returns the failure, or null.
   */
  interface Exclusive {
    DbException run();
  }

  /** A queued write. Its fields are guarded by the queue's lock. */
  static final class Writer {
    final WriteBatch batch;

    /** The bytes its ops take in a log record. */
    final long bytes;

    final boolean sync;

    /**
     * The batch applies only if no write committed after this sequence touched its keys ({@link
     * Leader#conflict}); -1 for an unconditional batch. A conditional batch commits in a group of
     * its own, so that the check sees every batch before it.
     */
    final long unchangedSince;

    /** Run at the writer's turn instead of committing its (empty) batch; null for a write. */
    final Exclusive exclusive;

    /**
     * Where the writer waits for its turn; made only when it has to wait (a writer that finds the
     * queue empty leads at once, the common case of a single writing thread).
     */
    private Condition turn;

    private boolean done;
    private DbException error;

    Writer(WriteBatch batch, long bytes, boolean sync, long unchangedSince) {
      this.batch = batch;
      this.bytes = bytes;
      this.sync = sync;
      this.unchangedSince = unchangedSince;
      this.exclusive = null;
    }

    /** A turn in the commit order for {@code exclusive}. */
    Writer(Exclusive exclusive) {
      this.batch = new WriteBatch();
      this.bytes = 0;
      this.sync = false;
      this.unchangedSince = -1;
      this.exclusive = exclusive;
    }

    private void signal() {
      if (turn != null) {
        turn.signal();
      }
    }
  }

  private final String name;
  private final Leader leader;
  private final ReentrantLock lock = new ReentrantLock();

  /** Signalled when the queue becomes empty, if anyone waits ({@link #drainWaiters}). */
  private final Condition drained = lock.newCondition();

  // Guarded by lock.
  private final ArrayDeque<Writer> writers = new ArrayDeque<>();

  /** Threads in {@link #close}; guarded by lock. */
  private int drainWaiters;

  /** Set by {@link #close}: no writer queues after it; guarded by lock. */
  private boolean closed;

  /**
   * The group of the leader now committing, reused by every leader; filled and emptied under the
   * lock, read by its leader without it.
   */
  private final Group group = new Group();

  /** A queue for the database {@code name} (named in the CLOSED failure). */
  CommitQueue(String name, Leader leader) {
    this.name = name;
    this.leader = leader;
  }

  /**
   * Queues {@code w} and returns once its batch is committed, by itself as the leader or by the
   * leader of its group; throws the group's failure, or CLOSED once {@link #close} has begun.
   */
  void write(Writer w) {
    lock.lock();
    try {
      if (closed) {
        throw new DbException(DbException.Kind.CLOSED, name + " is closed");
      }
      writers.addLast(w);
      while (!w.done && writers.peekFirst() != w) {
        if (w.turn == null) {
          w.turn = lock.newCondition();
        }
        w.turn.awaitUninterruptibly();
      }
      if (!w.done) {
        lead(w);
      }
      if (w.error != null) {
        throw w.error;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * At {@code w}'s turn, the lock held: commits its group (or runs its exclusive work), then hands
   * every member the outcome and wakes the next head. An unexpected throwable still releases the
   * group, with the failure, before it propagates, so the queue never stops behind it.
   */
  private void lead(Writer w) {
    DbException error;
    Throwable thrown = null;
    try {
      error = w.exclusive != null ? runExclusive(w) : commitGroup(w);
    } catch (RuntimeException | Error e) {
      thrown = e;
      if (group.batches.isEmpty()) { // it failed before taking its group: release the leader
        group.batches.add(w.batch);
      }
      error = new DbException(DbException.Kind.IO, "a write to " + name + " failed: " + e, e);
    }
    for (int i = group.batches.size(); i > 0; i--) {
      Writer member = writers.pollFirst();
      member.done = true;
      if (error != null) {
        member.error = new DbException(error.kind(), error.getMessage(), error.getCause());
      }
      member.signal();
    }
    group.clear(); // so it holds no batch until the next leader's
    if (writers.isEmpty()) {
      if (drainWaiters > 0) {
        drained.signalAll();
      }
    } else {
      writers.peekFirst().signal();
    }
    if (thrown instanceof RuntimeException r) {
      throw r;
    } else if (thrown != null) {
      throw (Error) thrown;
    }
  }

  /** Makes room, takes the group and commits it; the lock held, released for the commit. */
  private DbException commitGroup(Writer w) {
    DbException error = leader.makeRoom(lock);
    takeGroup(w); // after making room, which may have waited while more writers queued
    if (error != null) {
      return error;
    }
    lock.unlock();
    try {
      if (w.unchangedSince >= 0) {
        error = leader.conflict(w.batch, w.unchangedSince);
      }
      return error != null ? error : leader.commit(group);
    } finally {
      lock.lock();
    }
  }

  /** Runs {@code w}'s exclusive work in a group of its own; the lock held, released meanwhile. */
  private DbException runExclusive(Writer w) {
    takeGroup(w);
    lock.unlock();
    try {
      return w.exclusive.run();
    } finally {
      lock.lock();
    }
  }

  /** Fills {@link #group} with the leader and the writers queued behind it that fit into one. */
  private void takeGroup(Writer leader) {
    long limit =
        leader.bytes <= SMALL_LEADER_EXTRA_BYTES
            ? leader.bytes + SMALL_LEADER_EXTRA_BYTES
            : Math.max(leader.bytes, MAX_GROUP_BYTES);
    group.clear();
    if (writers.size() == 1) { // alone, the common case of one writing thread: no iterator
      group.batches.add(leader.batch);
      group.sync = leader.sync;
      group.ops = leader.batch.count();
      group.bytes = leader.bytes;
      return;
    }
    for (Writer w : writers) {
      if (!group.batches.isEmpty()
          && (group.bytes + w.bytes > limit
              || leader.unchangedSince >= 0
              || w.unchangedSince >= 0
              || leader.exclusive != null
              || w.exclusive != null)) {
        break;
      }
      group.batches.add(w.batch);
      group.sync |= w.sync;
      group.ops += w.batch.count();
      group.bytes += w.bytes;
    }
  }

  /** The writers queued now, the leader included; for tests. */
  int queued() {
    lock.lock();
    try {
      return writers.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refuses writers from now on (they get CLOSED) and waits until the queued ones are done. Called
   * without the database's mutex, which a queued leader may need.
   */
  void close() {
    lock.lock();
    try {
      closed = true;
      drainWaiters++;
      try {
        while (!writers.isEmpty()) {
          drained.awaitUninterruptibly();
        }
      } finally {
        drainWaiters--;
      }
    } finally {
      lock.unlock();
    }
  }
}
