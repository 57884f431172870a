package dev.shale.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the reads of one thread did, between {@link #start()} and {@link #stop()} (after RocksDB's
 * {@code PerfContext}): the gets and where each was answered, the iterator seeks and steps, the
 * entries iterators passed over, and per level the tables consulted, what their bloom filters said,
 * and the data blocks read from the block cache or from the file.
 *
 * <p>Only the starting thread's reads count; other threads' reads, and background flushes and
 * compactions, never do. While no trace runs anywhere in the JVM, the engine's hooks cost one read
 * of a volatile field; while one runs, a thread-local lookup per hook.
 *
 * <p>Not thread safe: read it on the thread that started it, after {@link #stop()}.
 */
public final class ReadTrace implements AutoCloseable {

  /** Levels a trace keeps counts for (as {@code Version.NUM_LEVELS}). */
  public static final int LEVELS = 7;

  /** At most this many reads (gets and seeks) keep their keys; beyond, only counted. */
  public static final int KEPT_READS = 32;

  private static final ThreadLocal<ReadTrace> CURRENT = new ThreadLocal<>();

  /** Traces started and not stopped, in all threads; 0 lets every hook return at once. */
  private static volatile int running;

  private static synchronized void adjustRunning(int delta) {
    running += delta;
  }

  /** One read as the engine was asked it: a get of a key, or an iterator's seek. */
  public record Read(Kind kind, byte[] key, byte[] upperBound) {
    /** A get, a forward seek (from key on, null: the first), or a backward one. */
    public enum Kind {
      GET,
      SEEK,
      SEEK_BACKWARD
    }
  }

  /** Counts for one level. */
  public record LevelCounts(
      long tablesConsulted,
      long probes,
      long filterUseful,
      long filterFalsePositive,
      long blocksFromCache,
      long blocksFromFile,
      long bytesFromFile) {}

  private final ReadTrace outer;
  private final Thread thread;
  private boolean stopped;

  private long gets;
  private long getsFound;
  private final long[] servedBy = new long[Stats.SERVED_BY_SOURCES];
  private long seeks;
  private long steps;
  private long skippedVersions;
  private long skippedDeletions;
  private long skippedRangeDeleted;
  private long tablesOpened;
  private final List<Read> reads = new ArrayList<>();
  private long readsNotKept;

  private final Map<Long, Integer> levelOfFile = new HashMap<>();
  private final List<Set<Long>> consulted = new ArrayList<>();
  private final long[] probes = new long[LEVELS];
  private final long[] filterUseful = new long[LEVELS];
  private final long[] filterFalsePositive = new long[LEVELS];
  private final long[] blocksFromCache = new long[LEVELS + 1];
  private final long[] blocksFromFile = new long[LEVELS + 1];
  private final long[] bytesFromFile = new long[LEVELS + 1];

  private ReadTrace(ReadTrace outer) {
    this.outer = outer;
    this.thread = Thread.currentThread();
    for (int i = 0; i < LEVELS; i++) {
      consulted.add(new HashSet<>());
    }
  }

  /**
   * Starts counting this thread's reads. A trace started while another runs on the thread takes
   * over until stopped, then the outer one counts again (it does not see the inner one's reads).
   */
  public static ReadTrace start() {
    ReadTrace t = new ReadTrace(CURRENT.get());
    CURRENT.set(t);
    adjustRunning(1);
    return t;
  }

  /** Stops counting; idempotent. Must be called on the thread that started the trace. */
  public void stop() {
    if (stopped) {
      return;
    }
    if (Thread.currentThread() != thread) {
      throw new IllegalStateException("a read trace is stopped by the thread that started it");
    }
    stopped = true;
    if (outer != null) {
      CURRENT.set(outer);
    } else {
      CURRENT.remove();
    }
    adjustRunning(-1);
  }

  @Override
  public void close() {
    stop();
  }

  /** For the engine: the trace of this thread, or null when none runs (the common case). */
  public static ReadTrace current() {
    return running == 0 ? null : CURRENT.get();
  }

  // ---- Recording (engine hooks) ----

  /** A get of {@code key} begins. */
  public void get(byte[] key) {
    gets++;
    keep(new Read(Read.Kind.GET, key.clone(), null));
  }

  /** The get begun last was answered by {@code source} (0 memtable, 1 frozen, 2 + n level n). */
  public void answered(int source, boolean found) {
    if (found) {
      getsFound++;
    }
    servedBy[source]++;
  }

  /** An iterator seek to {@code target} (null: its first or last key) below {@code upperBound}. */
  public void seek(byte[] target, byte[] upperBound, boolean backward) {
    seeks++;
    keep(
        new Read(
            backward ? Read.Kind.SEEK_BACKWARD : Read.Kind.SEEK,
            target == null ? null : target.clone(),
            upperBound == null ? null : upperBound.clone()));
  }

  private void keep(Read read) {
    if (reads.size() < KEPT_READS) {
      reads.add(read);
    } else {
      readsNotKept++;
    }
  }

  /** An iterator step (next or prev). */
  public void step() {
    steps++;
  }

  /** An iterator passed over an older (or not yet visible) version of a key. */
  public void skipVersion() {
    skippedVersions++;
  }

  /** An iterator passed over a deletion entry. */
  public void skipDeletion() {
    skippedDeletions++;
  }

  /** An iterator passed over a value a range deletion hides. */
  public void skipRangeDeleted() {
    skippedRangeDeleted++;
  }

  /** Table {@code fileNumber} of {@code level} is read by the iterators of this trace. */
  public void levelOf(long fileNumber, int level) {
    levelOfFile.put(fileNumber, level);
  }

  /** A point lookup consults table {@code fileNumber} of {@code level}. */
  public void probe(int level, long fileNumber) {
    levelOfFile.put(fileNumber, level);
    consulted.get(level).add(fileNumber);
    probes[level]++;
  }

  /** The filter of a table of {@code level} said the key is not there. */
  public void filterUseful(int level) {
    filterUseful[level]++;
  }

  /** The filter of a table of {@code level} said maybe, and the table did not hold the key. */
  public void filterFalsePositive(int level) {
    filterFalsePositive[level]++;
  }

  /** A data block of table {@code fileNumber}: from the cache, or {@code bytes} from the file. */
  public void block(long fileNumber, boolean fromCache, int bytes) {
    Integer level = levelOfFile.get(fileNumber);
    int i = level == null ? LEVELS : level;
    if (level != null) {
      consulted.get(level).add(fileNumber);
    }
    if (fromCache) {
      blocksFromCache[i]++;
    } else {
      blocksFromFile[i]++;
      bytesFromFile[i] += bytes;
    }
  }

  /** A table was opened from its file (its index and filter read) to serve a read. */
  public void tableOpened(long fileNumber) {
    tablesOpened++;
  }

  // ---- Reading ----

  public long gets() {
    return gets;
  }

  public long getsFound() {
    return getsFound;
  }

  /** Gets answered by {@code source}: 0 the memtable, 1 a frozen memtable, 2 + n level n. */
  public long servedBy(int source) {
    return servedBy[source];
  }

  /** Gets that nothing answered: the key is in no memtable and no table. */
  public long getsAnsweredByNothing() {
    long answered = 0;
    for (long n : servedBy) {
      answered += n;
    }
    return gets - answered;
  }

  public long seeks() {
    return seeks;
  }

  public long steps() {
    return steps;
  }

  public long skippedVersions() {
    return skippedVersions;
  }

  public long skippedDeletions() {
    return skippedDeletions;
  }

  public long skippedRangeDeleted() {
    return skippedRangeDeleted;
  }

  /** Tables opened from their files (not already in the table cache) for this trace's reads. */
  public long tablesOpened() {
    return tablesOpened;
  }

  /** The first {@link #KEPT_READS} gets and seeks, in order. */
  public List<Read> reads() {
    return Collections.unmodifiableList(reads);
  }

  /** Gets and seeks beyond the first {@link #KEPT_READS}, counted only. */
  public long readsNotKept() {
    return readsNotKept;
  }

  /** The counts of {@code level} (0 to {@link #LEVELS} - 1). */
  public LevelCounts level(int level) {
    return new LevelCounts(
        consulted.get(level).size(),
        probes[level],
        filterUseful[level],
        filterFalsePositive[level],
        blocksFromCache[level],
        blocksFromFile[level],
        bytesFromFile[level]);
  }

  /** Data blocks read from the cache, all levels. */
  public long blocksFromCache() {
    return sum(blocksFromCache);
  }

  /** Data blocks read from files, all levels. */
  public long blocksFromFile() {
    return sum(blocksFromFile);
  }

  /** Bytes of data blocks read from files, all levels. */
  public long bytesFromFile() {
    return sum(bytesFromFile);
  }

  public long filterUseful() {
    return sum(filterUseful);
  }

  public long filterFalsePositive() {
    return sum(filterFalsePositive);
  }

  private static long sum(long[] a) {
    long n = 0;
    for (long x : a) {
      n += x;
    }
    return n;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("ReadTrace{gets=").append(gets);
    s.append(" found=").append(getsFound).append(" seeks=").append(seeks);
    s.append(" steps=").append(steps).append(" blocks cache/file=").append(blocksFromCache());
    s.append('/').append(blocksFromFile()).append('}');
    return s.toString();
  }
}
