package dev.shale.engine.db;

import dev.shale.engine.Db;
import dev.shale.engine.DbException;
import dev.shale.engine.DbIterator;
import dev.shale.engine.Options;
import dev.shale.engine.ReadOptions;
import dev.shale.engine.Snapshot;
import dev.shale.engine.Stats;
import dev.shale.engine.Stats.Counter;
import dev.shale.engine.VerifyReport;
import dev.shale.engine.WriteBatch;
import dev.shale.engine.env.Env;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.memtable.MemTable;
import dev.shale.engine.sstable.BlockCache;
import dev.shale.engine.sstable.TableCache;
import dev.shale.engine.sstable.TableOptions;
import dev.shale.engine.version.Version;
import dev.shale.engine.version.VersionSet;
import dev.shale.engine.wal.LogWriter;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: writes go through a write-ahead log into a memtable; full memtables are frozen and
 * flushed to level-0 tables by a background thread, which also compacts levels; reads merge the
 * memtable, the frozen memtables and the tables of the current {@link Version}.
 *
 * <p>Writes are group-committed. Each writer's batch is checked against the limits first ({@link
 * BatchValidator}), then it queues ({@link CommitQueue}); the writer at the head of the queue is
 * the leader: it makes room (switching to a new memtable and log when the memtable is full,
 * stalling when flushes or compactions fall behind), takes the batches queued behind it, gives them
 * one sequence range, appends them to the log as one record (with one sync if any of them asked for
 * it), applies them to the memtable, and only then publishes the new last sequence, so a reader
 * never sees part of a batch. Only the leader touches the log and inserts into the memtable; it
 * does so without holding a lock, so writers keep queueing meanwhile. The queue has a lock of its
 * own; the leader takes {@link #mutex} only to switch memtables or to wait for background work.
 *
 * <p>Reads ({@link ReadPath}) take the memtables first and the version second: a frozen memtable
 * leaves the list only after the version holding its table is current, so no read falls between the
 * two. The background thread's work (flushes, compactions, obsolete files) is {@link
 * BackgroundWork}; it shares {@link #mutex}.
 *
 * <p>Every file lives in an {@link Env}: on disk, or in memory for {@link Db#openInMemory}, which
 * runs this same path (log, freezing, flushes, compactions, manifest) over byte arrays.
 */
public final class DbImpl implements Db, CommitQueue.Leader {

  private static final Logger LOG = LoggerFactory.getLogger(DbImpl.class);

  private final Options options;
  private final String name;
  private final DbDirectory dir;
  private final Closeable lock;
  private final Stats stats = new Stats();
  private final ReadCounter reads = new ReadCounter(stats);
  private final BatchValidator validator;
  private final CommitQueue commitQueue;
  private final SnapshotList snapshots = new SnapshotList();
  private final FilePins pins = new FilePins();
  private final TableOptions tableOptions;
  private final BlockCache blockCache;
  private final TableCache tables;
  private VersionSet versions; // set once while opening
  private ReadPath readPath; // set once while opening
  private final BackgroundWork background;

  private volatile Memtables memtables;

  /** The newest sequence whose batch is wholly in the memtable; what reads see. */
  private volatile long lastSequence;

  private volatile boolean closed;

  private final ReentrantLock mutex = new ReentrantLock();

  /** {@link Options#writeBufferBytes}, which derives it at each call; read by every write. */
  private final long writeBufferBytes;

  /** {@link Options#l0SlowdownTrigger}, read by every write. */
  private final int l0SlowdownTrigger;

  /** The failure that ends writing until reopened (a later one may replace it); read by leaders. */
  private volatile DbException writeFailure;

  /**
   * The log new writes go to. Switched by a leader or an exclusive turn with the mutex held, and
   * read by the next ones (ordered by the commit queue) and by the background work (under the
   * mutex).
   */
  private ActiveLog log;

  DbImpl(Options options, String name, DbDirectory dir, Closeable lock) {
    this.options = options;
    this.name = name;
    this.dir = dir;
    this.lock = lock;
    this.validator = new BatchValidator(options);
    this.commitQueue = new CommitQueue(name, this);
    this.tableOptions = TableOutput.tableOptions(options);
    this.blockCache = new BlockCache(options.blockCacheBytes());
    stats.bind(Counter.BLOCK_CACHE_HITS, blockCache::hits);
    stats.bind(Counter.BLOCK_CACHE_MISSES, blockCache::misses);
    this.tables =
        new TableCache(
            dir.env(),
            dir.path(),
            options.maxOpenFiles(),
            options.maxMappedTables(),
            options.tableMetadataBytes(),
            blockCache,
            tableOptions);
    stats.bind(Counter.TABLE_PINNED_BYTES, tables::pinnedBytes);
    stats.bind(Counter.TABLES_MAPPED, tables::mappedTables);
    this.background =
        new BackgroundWork(
            this, name, options, dir, stats, tables, tableOptions, snapshots, pins, mutex);
    this.writeBufferBytes = options.writeBufferBytes();
    this.l0SlowdownTrigger = options.l0SlowdownTrigger();
    this.memtables = Memtables.empty(writeBufferBytes);
  }

  /** Opens the files ({@link Recovery}), then lets the background work start. */
  void recover() throws IOException {
    Recovery.Recovered r =
        Recovery.recover(dir, options, background::versionReleased, background::writeLevel0, name);
    versions = r.versions();
    background.opened(versions);
    readPath = new ReadPath(this, name, versions, tables, reads, snapshots, stats);
    SpaceGauges.bind(stats, versions);
    log = new ActiveLog(dir, r.log(), r.logNumber());
    lastSequence = r.lastSequence();
    // Before any background work starts, so this thread may delete (see
    // BackgroundWork#deleteObsoleteFiles).
    background.deleteObsoleteFiles();
    mutex.lock();
    try {
      background.schedule(); // level 0 may need a compaction
    } finally {
      mutex.unlock();
    }
  }

  @Override
  public byte[] get(ReadOptions options, byte[] key) {
    return readPath.get(options, key);
  }

  @Override
  public void write(WriteBatch batch, boolean sync) {
    enqueue(batch, sync, -1);
  }

  @Override
  public void writeIfUnchanged(WriteBatch batch, Snapshot since, boolean sync) {
    enqueue(batch, sync, Objects.requireNonNull(since, "since").sequence());
  }

  private void enqueue(WriteBatch batch, boolean sync, long unchangedSince) {
    Objects.requireNonNull(batch, "batch");
    long bytes = validator.validate(batch);
    commitQueue.write(new CommitQueue.Writer(batch, bytes, sync, unchangedSince));
  }

  /**
   * Called by the leader, {@code queueLock} held: makes sure the memtable has room, freezing it and
   * starting a new log when it is full, and slowing or stopping the write while background work is
   * behind. Returns the failure that forbids writing, if any.
   *
   * <p>The common case is a few volatile reads. The rest takes the mutex, after releasing the
   * queue's lock (the lock order: nobody waits for that lock holding the mutex), and writers queue
   * meanwhile. One method on purpose: too big for C2 to inline into the leader's code, it is
   * compiled apart, so the trap at its rare branches (the first full memtable, seen in 5 of 6 cold
   * runs when the check was a small method inlined into the leader) discards only it, not the whole
   * write path.
   */
  @Override
  public DbException makeRoom(Lock queueLock) {
    if (writeFailure == null
        && background.failure() == null
        && versions.level0Files() < l0SlowdownTrigger
        && memtables.mem().approximateMemoryUsage() < writeBufferBytes) {
      return null;
    }
    queueLock.unlock();
    mutex.lock();
    boolean slowed = false;
    long stallStart = 0;
    try {
      if (writeFailure != null) {
        return writeFailure;
      }
      while (true) {
        if (background.failure() != null) {
          return background.failure();
        }
        int level0 = versions.level0Files();
        if (!slowed && level0 >= l0SlowdownTrigger) {
          // Spread the cost of a compaction that is behind over many writes rather than stopping
          // a few for long; one millisecond per write, once.
          slowed = true;
          stats.add(Counter.SLOWED_WRITES, 1);
          long start = System.nanoTime();
          mutex.unlock();
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            mutex.lock();
          }
          stats.add(Counter.STALL_NANOS, System.nanoTime() - start);
          continue;
        }
        Memtables m = memtables;
        if (m.mem().approximateMemoryUsage() < writeBufferBytes) {
          return null;
        }
        if (m.frozen().size() >= options.maxImmutableMemtables()
            || level0 >= options.l0StopTrigger()) {
          if (stallStart == 0) {
            stallStart = System.nanoTime();
            stats.add(Counter.STOPPED_WRITES, 1);
            LOG.info(
                "writes to {} stopped: {} memtable(s) waiting for flush, {} level-0 files",
                name,
                m.frozen().size(),
                level0);
          }
          background.schedule();
          background.awaitProgress();
          continue;
        }
        switchMemtable(m);
      }
    } catch (IOException e) {
      return logSwitchFailed(e);
    } finally {
      if (stallStart != 0) {
        long stalled = System.nanoTime() - stallStart;
        stats.add(Counter.STALL_NANOS, stalled);
        LOG.info("writes to {} resumed after {} ms", name, stalled / 1_000_000);
      }
      mutex.unlock();
      queueLock.lock();
    }
  }

  /** Starting a new log failed: writes are refused until reopened. The mutex is held. */
  private DbException logSwitchFailed(IOException e) {
    writeFailure =
        new DbException(
            DbException.Kind.IO,
            "starting a new log for " + name + " failed; writes refused until reopened: " + e,
            e);
    return writeFailure;
  }

  /** Freezes the memtable and starts a new one with a new log; the mutex is held. */
  private void switchMemtable(Memtables m) throws IOException {
    memtables = m.freeze(log.switchTo(versions.newFileNumber()));
    background.schedule();
  }

  /**
   * Logs and applies {@code group}, then publishes its sequences. Called by the leader, without a
   * lock. Returns the failure, if any; after one, the database refuses writes, since what reached
   * the log is unknown.
   */
  @Override
  public DbException commit(CommitQueue.Group group) {
    int count = group.ops;
    long first = lastSequence + 1;
    if (first + count - 1 > InternalKey.MAX_SEQUENCE) {
      return new DbException(DbException.Kind.IO, "sequence numbers exhausted in " + name);
    }
    LogWriter target = log.writer();
    MemTable mem = memtables.mem();
    boolean committed = false;
    DbException error = null;
    try {
      group.logAndApply(first, target, mem, stats);
      committed = true;
    } catch (IOException e) {
      error =
          new DbException(
              DbException.Kind.IO,
              "writing log "
                  + target.file()
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
    }
    if (committed) {
      lastSequence = first + count - 1;
    } else {
      LOG.error("{}", error.getMessage(), error.getCause());
      writeFailure = error;
    }
    return error;
  }

  /** For {@link CompactionJob}: the number of a new output table. */
  long newFileNumber() {
    return versions.newFileNumber();
  }

  /** Whether {@link #close} has begun; long background work stops early when it has. */
  boolean isClosing() {
    return closed;
  }

  /** The memtables as they are now; reads and the background work take them. */
  Memtables memtables() {
    return memtables;
  }

  /** The first log to keep once {@code frozen} is flushed; the mutex is held. */
  long firstLogToKeepAfter(Memtables.Frozen frozen) {
    return memtables.firstLogToKeepAfter(frozen, log.number());
  }

  /**
   * Takes a flushed memtable off the list, the mutex held; only once the version holding its table
   * is current, so no read falls between the two.
   */
  void dropFlushed(Memtables.Frozen frozen) {
    memtables = memtables.without(frozen);
  }

  /** The newest sequence whose batch is wholly in the memtable. */
  long lastSequence() {
    return lastSequence;
  }

  @Override
  public Snapshot getSnapshot() {
    checkOpen();
    return snapshots.acquire(lastSequence);
  }

  @Override
  public DbIterator newIterator(ReadOptions options) {
    return readPath.newIterator(options);
  }

  /**
   * Called by the leader at a conditional batch's turn, without a lock: no batch commits before the
   * leader's group does.
   */
  @Override
  public DbException conflict(WriteBatch batch, long since) {
    try {
      List<RangeTombstone> tombstones = new ArrayList<>();
      try (InternalIterator sources = readPath.openSources(tombstones)) {
        return ConflictCheck.find(batch, since, sources, tombstones);
      }
    } catch (DbException e) {
      return e;
    }
  }

  @Override
  public VerifyReport verify() {
    checkOpen();
    Version v = versions.current();
    try {
      return TableVerifier.verify(v, dir, tableOptions);
    } finally {
      v.unref();
    }
  }

  @Override
  public dev.shale.engine.Ingest newIngest() {
    checkOpen();
    return new TableIngest(this, dir, versions, tableOptions, options, pins, stats);
  }

  /**
   * Runs {@code e} at a turn of its own in the commit order, with the mutex held (it may release it
   * for I/O); throws its failure.
   */
  void runExclusive(CommitQueue.Exclusive e) {
    commitQueue.write(
        new CommitQueue.Writer(
            () -> {
              mutex.lock();
              try {
                return e.run();
              } finally {
                mutex.unlock();
              }
            }));
  }

  /**
   * At an exclusive turn (the mutex held): flushes the memtables holding a key or a range deletion
   * in [{@code lo}, {@code hi}] and waits for those flushes. The failure that forbids going on, or
   * null.
   */
  DbException flushOverlapping(byte[] lo, byte[] hi) {
    if (writeFailure != null) {
      return writeFailure;
    }
    if (memtables.activeHolds(lo, hi)) {
      try {
        switchMemtable(memtables);
      } catch (IOException e) {
        return logSwitchFailed(e);
      }
    }
    while (memtables.frozenHold(lo, hi) && background.failure() == null && !closed) {
      background.schedule();
      background.awaitProgress();
    }
    return background.failure() != null
        ? background.failure()
        : closed ? new DbException(DbException.Kind.CLOSED, name + " is closed") : null;
  }

  /** The last sequence, read at an exclusive turn, when no write is in flight. */
  long lastSequenceAtTurn() {
    return lastSequence;
  }

  /** Publishes {@code s}, which an exclusive turn used, as the last sequence (the mutex held). */
  void publishSequence(long s) {
    lastSequence = s;
  }

  ReentrantLock mutex() {
    return mutex;
  }

  /**
   * A manifest record failed: what reached it is unknown, so writes end (the mutex is not held).
   */
  DbException manifestFailed(Exception e) {
    DbException error =
        new DbException(
            DbException.Kind.IO,
            "writing the manifest of " + name + " failed; writes refused until reopened: " + e,
            e);
    LOG.error("{}", error.getMessage(), e);
    writeFailure = error;
    return error;
  }

  /** Flushes, then has the background thread run a {@link ManualCompaction}; waits for it. */
  @Override
  public void compactRange(byte[] begin, byte[] end) {
    flush();
    background.compactRange(begin, end);
  }

  @Override
  public dev.shale.engine.CheckpointReport checkpoint(java.nio.file.Path target) {
    return checkpoint(target, false).report();
  }

  /** A {@link Checkpoint}; with {@code snapshot}, also a snapshot at its moment (for tests). */
  Checkpoint.Made checkpoint(java.nio.file.Path target, boolean snapshot) {
    checkOpen();
    Checkpoint c = new Checkpoint(dir, versions, pins, stats, options.env(), target);
    runExclusive(
        () ->
            c.capture(
                lastSequence,
                log.number(),
                log.writer().length(),
                snapshot ? snapshots.acquire(lastSequence) : null));
    return c.make();
  }

  @Override
  public dev.shale.engine.DbShape shape() {
    return ShapeReader.read(memtables, versions, lastSequence);
  }

  @Override
  public Options options() {
    return options;
  }

  @Override
  public Stats stats() {
    return stats;
  }

  /**
   * Freezes the memtable, if it holds anything, at a turn of its own (after the writes queued
   * before it), then waits until every frozen memtable is flushed.
   */
  @Override
  public void flush() {
    checkOpen();
    runExclusive(
        () -> {
          if (memtables.mem().isEmpty()) {
            return null;
          }
          if (writeFailure != null) {
            return writeFailure; // its log is not to be synced again
          }
          try {
            switchMemtable(memtables);
            return null;
          } catch (IOException e) {
            return logSwitchFailed(e);
          }
        });
    mutex.lock();
    try {
      background.schedule();
      while ((background.scheduled() || !memtables.frozen().isEmpty())
          && background.failure() == null
          && !closed) {
        background.awaitProgress();
      }
      if (background.failure() != null) {
        throw background.failure();
      }
    } finally {
      mutex.unlock();
    }
  }

  /** Waits for queued writes, stops background work, closes the log and releases the lock. */
  @Override
  public void close() {
    mutex.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      mutex.unlock();
    }
    commitQueue.close(); // without the mutex, which a queued leader may need
    IOException failure = null;
    background.shutdown();
    // The log and the versions are null if opening failed before they were made.
    for (Closeable c : new Closeable[] {log, versions, tables, lock}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw new DbException(DbException.Kind.IO, "closing " + name + ": " + failure, failure);
    }
    LOG.debug("closed {}", name);
  }

  /**
   * A key an iterator read, one in about {@code ReadSamples.MEAN_PERIOD}: charged to the tables it
   * lies in, it may make one due for compaction, which is then scheduled.
   */
  void readSampled(byte[] userKey) {
    if (versions.recordReadSample(userKey)) {
      mutex.lock();
      try {
        background.schedule();
      } finally {
        mutex.unlock();
      }
    }
  }

  /** Throws CLOSED once {@link #close} has begun. */
  void checkOpen() {
    if (closed) {
      throw new DbException(DbException.Kind.CLOSED, name + " is closed");
    }
  }

  /** The current version, referenced (unref it); for tests that look at the levels. */
  Version currentVersion() {
    return versions.current();
  }

  /** The log new writes go to; for tests that make it fail. */
  LogWriter log() {
    return log.writer();
  }

  /** The oldest sequence an open snapshot or iterator may still read. */
  long oldestLiveSequence() {
    return snapshots.oldestSequence(lastSequence);
  }

  @Override
  public String toString() {
    return "Db{" + name + '}';
  }
}
