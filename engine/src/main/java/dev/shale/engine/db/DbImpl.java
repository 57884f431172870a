package dev.shale.engine.db;

import dev.shale.engine.Db;
import dev.shale.engine.DbException;
import dev.shale.engine.DbIterator;
import dev.shale.engine.Options;
import dev.shale.engine.ReadOptions;
import dev.shale.engine.Snapshot;
import dev.shale.engine.WriteBatch;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.wal.LogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: a memtable fed through a write-ahead log, read at sequence numbers.
 *
 * <p>Writes are group-committed. Each writer queues; the writer at the head of the queue is the
 * leader: it takes the batches queued behind it, gives them one sequence range, appends them to the
 * log as one record (with one sync if any of them asked for it), applies them to the memtable, and
 * only then publishes the new last sequence, so a reader never sees part of a batch. Then it hands
 * leadership to the next writer in the queue and the followers return. Only the leader touches the
 * log and inserts into the memtable; it does so without holding {@link #mutex}, so writers keep
 * queueing meanwhile.
 */
public final class DbImpl implements Db {

  private static final Logger LOG = LoggerFactory.getLogger(DbImpl.class);

  /** A group stops growing at this many bytes, so a small write never waits behind a huge one. */
  private static final long MAX_GROUP_BYTES = 1 << 20;

  /** A leader with a small batch takes at most this much more, to keep small writes fast. */
  private static final long SMALL_LEADER_EXTRA_BYTES = 128 << 10;

  private final Options options;
  private final String name;
  private final DirectoryLock lock; // null in memory
  private final LogWriter log; // null in memory; used by the leader only
  private final MemTable mem;
  private final SnapshotList snapshots = new SnapshotList();

  /** The newest sequence whose batch is wholly in the memtable; what reads see. */
  private volatile long lastSequence;

  private volatile boolean closed;

  private final ReentrantLock mutex = new ReentrantLock();

  /** Signalled when the writer queue becomes empty. */
  private final Condition drained = mutex.newCondition();

  // Guarded by mutex.
  private final ArrayDeque<Writer> writers = new ArrayDeque<>();
  private DbException writeFailure;

  /** A queued write. Its fields are guarded by {@link #mutex}. */
  private static final class Writer {
    final WriteBatch batch;
    final long bytes;
    final boolean sync;
    final Condition turn;
    boolean done;
    DbException error;

    Writer(WriteBatch batch, long bytes, boolean sync, Condition turn) {
      this.batch = batch;
      this.bytes = bytes;
      this.sync = sync;
      this.turn = turn;
    }
  }

  private DbImpl(
      Options options,
      String name,
      DirectoryLock lock,
      LogWriter log,
      MemTable mem,
      long lastSequence) {
    this.options = options;
    this.name = name;
    this.lock = lock;
    this.log = log;
    this.mem = mem;
    this.lastSequence = lastSequence;
  }

  /** See {@link Db#open}. */
  public static Db open(Path dir, Options options) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(options, "options");
    Path path = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new DbException(
          DbException.Kind.IO, "cannot create database directory " + path + ": " + e, e);
    }
    DirectoryLock lock = DirectoryLock.acquire(path, options.lockTimeout());
    try {
      LogRecovery.Recovered r = LogRecovery.run(new DbDirectory(path));
      return new DbImpl(options, path.toString(), lock, r.log(), r.mem(), r.lastSequence());
    } catch (IOException e) {
      release(lock);
      throw new DbException(
          DbException.Kind.IO, "cannot open database directory " + path + ": " + e, e);
    } catch (RuntimeException | Error e) {
      release(lock);
      throw e;
    }
  }

  /** See {@link Db#openInMemory}. */
  public static Db openInMemory(Options options) {
    Objects.requireNonNull(options, "options");
    return new DbImpl(options, "in-memory database", null, null, new MemTable(), 0);
  }

  @Override
  public byte[] get(ReadOptions options, byte[] key) {
    Objects.requireNonNull(key, "key");
    checkOpen();
    Map.Entry<InternalKey, byte[]> e = mem.get(key, readSequence(options));
    if (e == null || e.getKey().type() != ValueType.VALUE) {
      return null;
    }
    return e.getValue().clone();
  }

  @Override
  public void write(WriteBatch batch, boolean sync) {
    Objects.requireNonNull(batch, "batch");
    long bytes = validate(batch);
    Writer w = new Writer(batch, bytes, sync, mutex.newCondition());
    mutex.lock();
    try {
      checkOpen();
      writers.addLast(w);
      while (!w.done && writers.peekFirst() != w) {
        w.turn.awaitUninterruptibly();
      }
      if (w.done) {
        if (w.error != null) {
          throw w.error;
        }
        return;
      }
      List<Writer> group = takeGroup(w);
      DbException error = writeFailure;
      if (error == null) {
        error = commit(group);
      }
      for (Writer member : group) {
        Writer head = writers.pollFirst();
        assert head == member;
        member.done = true;
        if (error != null) {
          member.error = new DbException(error.kind(), error.getMessage(), error.getCause());
        }
        member.turn.signal();
      }
      if (writers.isEmpty()) {
        drained.signalAll();
      } else {
        writers.peekFirst().turn.signal();
      }
      if (w.error != null) {
        throw w.error;
      }
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Checks every op of {@code batch} against the limits before anything is written; returns the
   * bytes its ops take in a log record.
   */
  private long validate(WriteBatch batch) {
    int maxKey = options.maxKeyBytes();
    int maxValue = options.maxValueBytes();
    for (WriteBatch.Op op : batch.ops()) {
      int k = op.key().length;
      if (k < 1 || k > maxKey) {
        throw new DbException(
            DbException.Kind.INVALID_ARGUMENT,
            "key is " + k + " bytes; keys must be 1.." + maxKey + " bytes");
      }
      if (!op.isDelete() && op.value().length > maxValue) {
        throw new DbException(
            DbException.Kind.INVALID_ARGUMENT,
            "value is "
                + op.value().length
                + " bytes; values must be at most "
                + maxValue
                + " bytes");
      }
    }
    long bytes = WriteBatchCodec.encodedSize(batch);
    long max = WriteBatchCodec.MAX_RECORD_BYTES - WriteBatchCodec.HEADER_SIZE;
    if (bytes > max) {
      throw new DbException(
          DbException.Kind.INVALID_ARGUMENT,
          "write batch is " + bytes + " bytes encoded; a batch must be at most " + max + " bytes");
    }
    return bytes;
  }

  /** The leader and the writers queued behind it that fit into one group. */
  private List<Writer> takeGroup(Writer leader) {
    long limit =
        leader.bytes <= SMALL_LEADER_EXTRA_BYTES
            ? leader.bytes + SMALL_LEADER_EXTRA_BYTES
            : Math.max(leader.bytes, MAX_GROUP_BYTES);
    List<Writer> group = new ArrayList<>();
    long bytes = 0;
    for (Writer w : writers) {
      if (!group.isEmpty() && bytes + w.bytes > limit) {
        break;
      }
      group.add(w);
      bytes += w.bytes;
    }
    return group;
  }

  /**
   * Logs and applies {@code group}, then publishes its sequences. Called by the leader with the
   * mutex held; releases it while doing I/O. Returns the failure, if any; after one, the database
   * refuses writes, since what reached the log is unknown.
   */
  private DbException commit(List<Writer> group) {
    List<WriteBatch> batches = new ArrayList<>(group.size());
    boolean sync = false;
    int count = 0;
    for (Writer w : group) {
      batches.add(w.batch);
      sync |= w.sync;
      count += w.batch.count();
    }
    long first = lastSequence + 1;
    if (first + count - 1 > InternalKey.MAX_SEQUENCE) {
      return new DbException(DbException.Kind.IO, "sequence numbers exhausted in " + name);
    }
    boolean committed = false;
    DbException error = null;
    mutex.unlock();
    try {
      byte[] record = WriteBatchCodec.encode(first, batches);
      if (log != null) {
        if (count > 0) {
          log.addRecord(record);
        }
        if (sync) {
          log.sync();
        }
      }
      // Decoding the logged bytes gives the memtable its own copies of the caller's arrays.
      WriteBatchCodec.decode(record, mem);
      committed = true;
    } catch (IOException e) {
      error =
          new DbException(
              DbException.Kind.IO,
              "writing log "
                  + log.file()
                  + " failed; the database refuses writes until it is reopened: "
                  + e,
              e);
    } catch (RuntimeException | Error e) {
      // Caught rather than propagated so the followers are released; the sequences may be half
      // used, so this too ends writing.
      error =
          new DbException(
              DbException.Kind.IO,
              "a write to " + name + " failed; the database refuses writes until reopened: " + e,
              e);
    } finally {
      mutex.lock();
    }
    if (committed) {
      lastSequence = first + count - 1;
    } else {
      LOG.error("{}", error.getMessage(), error.getCause());
      writeFailure = error;
    }
    return error;
  }

  @Override
  public Snapshot getSnapshot() {
    checkOpen();
    return snapshots.acquire(lastSequence);
  }

  @Override
  public DbIterator newIterator(ReadOptions options) {
    Objects.requireNonNull(options, "options");
    checkOpen();
    SnapshotList.LiveSnapshot pin = snapshots.acquire(readSequence(options));
    return new SnapshotIterator(
        this, mem.newIterator(), pin, options.lowerBound(), options.upperBound());
  }

  @Override
  public Options options() {
    return options;
  }

  /** Waits for queued writes to finish, then closes the log and releases the lock. */
  @Override
  public void close() {
    mutex.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      while (!writers.isEmpty()) {
        drained.awaitUninterruptibly();
      }
    } finally {
      mutex.unlock();
    }
    IOException failure = null;
    if (log != null) {
      try {
        log.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw new DbException(DbException.Kind.IO, "closing " + name + ": " + failure, failure);
    }
    LOG.debug("closed {}", name);
  }

  /** Throws CLOSED once {@link #close} has begun. */
  void checkOpen() {
    if (closed) {
      throw new DbException(DbException.Kind.CLOSED, name + " is closed");
    }
  }

  /** The log new writes go to; for tests that make it fail. Null in memory. */
  LogWriter log() {
    return log;
  }

  /** The oldest sequence an open snapshot or iterator may still read. */
  long oldestLiveSequence() {
    return snapshots.oldestSequence(lastSequence);
  }

  private long readSequence(ReadOptions options) {
    Snapshot s = options.snapshot();
    if (s == null) {
      return lastSequence;
    }
    if (!snapshots.holds(s)) {
      throw new DbException(
          DbException.Kind.INVALID_ARGUMENT,
          "snapshot " + s + " is closed or belongs to another database");
    }
    return s.sequence();
  }

  private static void release(DirectoryLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      LOG.warn("releasing the directory lock: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return "Db{" + name + '}';
  }
}
