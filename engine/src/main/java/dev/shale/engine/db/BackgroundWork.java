package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.Options;
import dev.shale.engine.Stats;
import dev.shale.engine.Stats.Counter;
import dev.shale.engine.memtable.MemTable;
import dev.shale.engine.sstable.TableCache;
import dev.shale.engine.sstable.TableOptions;
import dev.shale.engine.version.Compaction;
import dev.shale.engine.version.FileMetaData;
import dev.shale.engine.version.VersionEdit;
import dev.shale.engine.version.VersionSet;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread of a {@link DbImpl} and what it does: flushes frozen memtables to level-0
 * tables, oldest first; runs the steps of a {@link ManualCompaction} and then automatic compactions
 * while a level needs one; deletes obsolete files after every step; and keeps the failure that ends
 * it, after which writes are refused until the database is reopened.
 *
 * <p>Locking: the database's mutex (shared, owned by {@link DbImpl}) guards {@link #scheduled} and
 * the writes of {@link #failure} and {@link #manual} (writers read the failure without it); {@link
 * #progress} is a condition of that mutex, signalled when a step ends or the work fails. The flag
 * of pending obsolete files is lock-free, as versions are released anywhere. The work itself
 * (writing tables, the manifest, deleting files) runs without the mutex, taking it only for the
 * short steps that read or change the memtables, the failure or the schedule. The lock order is
 * unchanged from when this lived in {@link DbImpl}: under the mutex it may take the {@link
 * VersionSet}'s monitor, and it never takes the mutex while holding that monitor or the {@link
 * FilePins}' lock.
 */
final class BackgroundWork {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

  private final DbImpl db;
  private final String name;
  private final Options options;
  private final DbDirectory dir;
  private final Stats stats;
  private final TableCache tables;
  private final TableOptions tableOptions;
  private final SnapshotList snapshots;
  private final FilePins pins;
  private final ReentrantLock mutex;
  private final ExecutorService thread;
  private VersionSet versions; // set once while opening

  /** Set when files may have become obsolete; lock-free, as versions are released anywhere. */
  private final AtomicBoolean obsoleteFilesPending = new AtomicBoolean();

  /** Signalled when background work finishes a step (a flush, a compaction) or fails. */
  private final Condition progress;

  /** Set under the mutex; volatile for the leader's check without it ({@link DbImpl#makeRoom}). */
  private volatile DbException failure;

  private boolean scheduled; // guarded by mutex
  private volatile ManualCompaction manual; // set and cleared under the mutex

  BackgroundWork(
      DbImpl db,
      String name,
      Options options,
      DbDirectory dir,
      Stats stats,
      TableCache tables,
      TableOptions tableOptions,
      SnapshotList snapshots,
      FilePins pins,
      ReentrantLock mutex) {
    this.db = db;
    this.name = name;
    this.options = options;
    this.dir = dir;
    this.stats = stats;
    this.tables = tables;
    this.tableOptions = tableOptions;
    this.snapshots = snapshots;
    this.pins = pins;
    this.mutex = mutex;
    this.progress = mutex.newCondition();
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "shale-background " + name);
              t.setDaemon(true);
              return t;
            });
  }

  /** The versions, once recovery has opened them; before any work is scheduled. */
  void opened(VersionSet versionSet) {
    this.versions = versionSet;
  }

  /** Writes {@code mem} as a level-0 table recorded in {@code edit}; nothing if it is empty. */
  void writeLevel0(VersionSet versionSet, MemTable mem, VersionEdit edit) throws IOException {
    long start = System.nanoTime();
    long number = versionSet.newFileNumber();
    FileMetaData meta = TableOutput.write(mem, dir, number, tableOptions);
    if (meta == null) {
      return;
    }
    // Opened now, as RocksDB opens a table it has just built: a table that does not read back
    // fails its flush rather than a later read, and the newest data (the first read after a
    // recovery's flush, say) finds its table open.
    tables.table(number, meta.size());
    edit.addFile(0, meta);
    stats.add(Counter.FLUSHES, 1);
    stats.add(Counter.FLUSH_BYTES_WRITTEN, meta.size());
    stats.add(Counter.FLUSH_NANOS, System.nanoTime() - start);
    LOG.info(
        "flushed {} bytes to table {} in {} ms",
        meta.size(),
        number,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** The failure that ended background work, or null. */
  DbException failure() {
    return failure;
  }

  /** Whether the loop is scheduled or running; the mutex is held. */
  boolean scheduled() {
    return scheduled;
  }

  /** Waits for the next step to end or the work to fail; the mutex is held. */
  void awaitProgress() {
    progress.awaitUninterruptibly();
  }

  /** Starts the background thread's loop unless it is running; the mutex is held. */
  void schedule() {
    if (scheduled || db.isClosing() || failure != null) {
      return;
    }
    scheduled = true;
    thread.execute(this::loop);
  }

  /** Flushes frozen memtables, oldest first, then compacts while a level needs it. */
  private void loop() {
    try {
      while (!db.isClosing()) {
        Memtables.Frozen oldest = db.memtables().oldestFrozen();
        ManualCompaction m = manual;
        if (oldest != null) {
          flush(oldest);
        } else if (m != null) {
          Compaction c = m.next(versions);
          if (c != null) {
            compact(c);
          } else {
            finishManual(m);
          }
        } else if (versions.compactionScore() >= 1) {
          Compaction c = versions.pickCompaction();
          if (c != null) {
            compact(c);
          }
        } else if (!obsoleteFilesPending.get()) {
          break;
        }
        // After every step, not only when idle: under a steady load compaction always has work,
        // and the inputs it replaced would stay on disk until the load ends.
        if (obsoleteFilesPending.getAndSet(false)) {
          deleteObsoleteFiles();
        }
        signalProgress();
      }
    } catch (IOException | RuntimeException e) {
      if (db.isClosing() && e instanceof DbException d && d.kind() == DbException.Kind.CLOSED) {
        // close() stopped a long compaction on purpose; its outputs are deleted, its inputs kept.
        LOG.debug("background work of {} stopped by close: {}", name, e.getMessage());
        return;
      }
      DbException error =
          e instanceof DbException d && d.kind() == DbException.Kind.CORRUPTION
              ? d
              : new DbException(
                  DbException.Kind.IO,
                  "background flush or compaction of "
                      + name
                      + " failed; writes refused until reopened: "
                      + e,
                  e);
      LOG.error("{}", error.getMessage(), e);
      mutex.lock();
      try {
        failure = error;
      } finally {
        mutex.unlock();
      }
    } finally {
      mutex.lock();
      try {
        scheduled = false;
        progress.signalAll();
        if (!db.isClosing() && failure == null && hasWork()) {
          schedule();
        }
      } finally {
        mutex.unlock();
      }
    }
  }

  private boolean hasWork() {
    return !db.memtables().frozen().isEmpty()
        || manual != null
        || obsoleteFilesPending.get()
        || versions.compactionScore() >= 1;
  }

  private void signalProgress() {
    mutex.lock();
    try {
      progress.signalAll();
    } finally {
      mutex.unlock();
    }
  }

  /** Writes {@code frozen} as a level-0 table, records it, and lets its log go. */
  private void flush(Memtables.Frozen frozen) throws IOException {
    VersionEdit edit = new VersionEdit();
    writeLevel0(versions, frozen.mem(), edit);
    if (!edit.newFiles().isEmpty()) {
      dir.sync(); // the table's name is durable before the manifest lists it
    }
    long keepLog;
    mutex.lock();
    try {
      keepLog = db.firstLogToKeepAfter(frozen);
    } finally {
      mutex.unlock();
    }
    versions.logAndApply(edit.setLogNumber(keepLog).setLastSequence(db.lastSequence()));
    mutex.lock();
    try {
      db.dropFlushed(frozen);
      obsoleteFilesPending.set(true);
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Flushes the oldest frozen memtable, if one waits, and wakes the writers waiting for room:
   * called by a running compaction between two user keys, on this thread, so flushes never wait
   * behind a compaction (LevelDB's compaction does the same). The compaction's inputs stay in the
   * version the flush installs, its outputs are not in any version yet, and the new level-0 table
   * holds newer writes than any of its inputs, so the compaction's edit still applies on top.
   */
  private void flushWaiting() throws IOException {
    Memtables.Frozen oldest = db.memtables().oldestFrozen();
    if (oldest != null) {
      flush(oldest);
      signalProgress();
    }
  }

  /** Runs {@code c} and installs its result (see {@link CompactionJob#runAndInstall}). */
  private void compact(Compaction c) throws IOException {
    if (c.dueToReads()) {
      stats.add(Counter.COMPACTIONS_DUE_TO_READS, 1);
    }
    try {
      new CompactionJob(
              c, dir, tables, tableOptions, options.targetFileBytes(), db, this::flushWaiting)
          .runAndInstall(versions, stats, snapshots.oldestSequence(db.lastSequence()));
    } finally {
      obsoleteFilesPending.set(true);
    }
  }

  /**
   * Deletes tables no live version lists, logs every table covers, and old manifests. Runs only on
   * the background thread (or while opening, before it starts), which also writes every flushed and
   * compacted table, so such a table still being written is never taken for obsolete; an ingest's
   * tables and a checkpoint's logs are kept by their {@link FilePins}.
   */
  void deleteObsoleteFiles() throws IOException {
    pins.whileDeleting(
        (pinnedTables, firstPinnedLog) -> {
          Set<Long> keep = versions.liveFiles();
          keep.addAll(pinnedTables);
          long firstLog = Math.min(versions.logNumber(), firstPinnedLog);
          dir.deleteObsolete(keep, firstLog, versions.manifestNumber(), tables::evict);
          versions.readSamples().retain(keep);
        });
  }

  /** Called when no reader holds a version any more: some of its files may now be obsolete. */
  void versionReleased() {
    obsoleteFilesPending.set(true);
  }

  /**
   * Has the loop run a {@link ManualCompaction} of [{@code begin}, {@code end}] and waits for it;
   * one at a time. Takes the mutex; throws if background work fails or close begins.
   */
  void compactRange(byte[] begin, byte[] end) {
    mutex.lock();
    try {
      await(() -> manual == null); // one at a time
      ManualCompaction m = new ManualCompaction(begin, end, versions.deepestLevelWith(begin, end));
      manual = m;
      schedule();
      await(m::isDone);
    } finally {
      mutex.unlock();
    }
  }

  /** Waits, the mutex held, until {@code done}; throws if background work fails or close begins. */
  private void await(BooleanSupplier done) {
    while (!done.getAsBoolean() && failure == null && !db.isClosing()) {
      progress.awaitUninterruptibly();
    }
    if (failure != null) {
      throw failure;
    }
    db.checkOpen();
  }

  private void finishManual(ManualCompaction m) {
    mutex.lock();
    try {
      m.finish();
      manual = null;
    } finally {
      mutex.unlock();
    }
  }

  /** Stops the thread once its current step ends (close has begun); waits up to a minute. */
  void shutdown() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.warn("background work of {} did not stop within a minute", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
