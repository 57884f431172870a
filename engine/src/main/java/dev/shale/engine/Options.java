package dev.shale.engine;

import dev.shale.engine.env.Env;
import java.time.Duration;

/**
 * Every knob of a {@link Db}, with its default and what it costs. Immutable: each {@code withX}
 * returns a copy.
 *
 * <p><b>Memory.</b> One budget, {@link #memoryBudgetBytes()} (default 64 MiB), bounds the heap a
 * database holds however much data it has on disk:
 *
 * <ul>
 *   <li>memtables: the one taking writes and up to {@link #maxImmutableMemtables()} waiting for
 *       their flush, {@link #writeBufferBytes()} each (by default 3/8 of the budget between them);
 *   <li>the block cache, {@link #blockCacheBytes()} (by default 1/4 of the budget);
 *   <li>the rest bounds the index, filter and range-deletion blocks that open tables pin, {@link
 *       #tableMetadataBytes()}: tables beyond it are read in place in their file's mapping ({@link
 *       #maxMappedTables()}), off the heap.
 * </ul>
 *
 * <p>Setting the write buffer or the block cache explicitly overrides its share. {@link Db#open}
 * refuses, with {@code DbException(INVALID_ARGUMENT)} naming the budget, options whose memtables
 * and block cache leave less than 1/8 of the budget to the tables. Memtable sizes are estimates of
 * the heap their entries take; the budget is a bound on what the engine keeps, not on transient
 * garbage.
 */
public final class Options {

  /** Default largest key: 4 KiB. Keys are 1..maxKeyBytes bytes. */
  public static final int DEFAULT_MAX_KEY_BYTES = 4096;

  /** Default largest value: 16 MiB. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 16 << 20;

  /** Default memory budget: 64 MiB (8 MiB write buffers, a 16 MiB block cache). */
  public static final long DEFAULT_MEMORY_BUDGET_BYTES = 64L << 20;

  /** Marks a size derived from the memory budget rather than set. */
  private static final long DERIVED = -1;

  private boolean sync = true;
  private int maxKeyBytes = DEFAULT_MAX_KEY_BYTES;
  private int maxValueBytes = DEFAULT_MAX_VALUE_BYTES;
  private Duration lockTimeout = Duration.ZERO;
  private long memoryBudgetBytes = DEFAULT_MEMORY_BUDGET_BYTES;
  private long writeBufferBytes = DERIVED;
  private int maxImmutableMemtables = 2;
  private int blockBytes = 4096;
  private int blockRestartInterval = 16;
  private int bloomBitsPerKey = 10;
  private long blockCacheBytes = DERIVED;
  private int maxOpenFiles = 500;
  private int maxMappedTables = 16_384;
  private long targetFileBytes = 4L << 20;
  private int l0CompactionTrigger = 4;
  // RocksDB's defaults, not LevelDB's 8 and 12: every table has a bloom filter, so a read pays a
  // filter probe per level-0 file, while a write burst that outruns one L0 compaction would
  // otherwise sleep a millisecond per write.
  private int l0SlowdownTrigger = 20;
  private int l0StopTrigger = 36;
  private long maxBytesForLevelBase = 32L << 20;
  private int levelSizeMultiplier = 10;
  private Env env = Env.disk();

  private Options() {}

  /** The defaults listed with each option. */
  public static Options defaults() {
    return new Options();
  }

  private Options copy() {
    Options o = new Options();
    o.sync = sync;
    o.maxKeyBytes = maxKeyBytes;
    o.maxValueBytes = maxValueBytes;
    o.lockTimeout = lockTimeout;
    o.memoryBudgetBytes = memoryBudgetBytes;
    o.writeBufferBytes = writeBufferBytes;
    o.maxImmutableMemtables = maxImmutableMemtables;
    o.blockBytes = blockBytes;
    o.blockRestartInterval = blockRestartInterval;
    o.bloomBitsPerKey = bloomBitsPerKey;
    o.blockCacheBytes = blockCacheBytes;
    o.maxOpenFiles = maxOpenFiles;
    o.maxMappedTables = maxMappedTables;
    o.targetFileBytes = targetFileBytes;
    o.l0CompactionTrigger = l0CompactionTrigger;
    o.l0SlowdownTrigger = l0SlowdownTrigger;
    o.l0StopTrigger = l0StopTrigger;
    o.maxBytesForLevelBase = maxBytesForLevelBase;
    o.levelSizeMultiplier = levelSizeMultiplier;
    o.env = env;
    return o;
  }

  private static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException(name + " must be " + range + ", not " + value);
    }
  }

  /**
   * Whether {@link Db#put}, {@link Db#delete} and {@link Db#write(WriteBatch)} fsync the log before
   * returning. On (the default): an acknowledged write survives power loss, at the cost of one
   * fsync per group of concurrent writes. Off: it survives a process crash, not an OS crash.
   */
  public boolean sync() {
    return sync;
  }

  public Options withSync(boolean sync) {
    Options o = copy();
    o.sync = sync;
    return o;
  }

  /** Largest key accepted, in bytes (1..65535; default 4096). */
  public int maxKeyBytes() {
    return maxKeyBytes;
  }

  public Options withMaxKeyBytes(int maxKeyBytes) {
    check(maxKeyBytes >= 1 && maxKeyBytes <= 65535, "maxKeyBytes", "1..65535", maxKeyBytes);
    Options o = copy();
    o.maxKeyBytes = maxKeyBytes;
    return o;
  }

  /** Largest value accepted, in bytes (0..1 GiB; default 16 MiB). */
  public int maxValueBytes() {
    return maxValueBytes;
  }

  public Options withMaxValueBytes(int maxValueBytes) {
    check(
        maxValueBytes >= 0 && maxValueBytes <= (1 << 30),
        "maxValueBytes",
        "0..1 GiB",
        maxValueBytes);
    Options o = copy();
    o.maxValueBytes = maxValueBytes;
    return o;
  }

  /**
   * How long {@link Db#open} waits for another process to release the directory's lock, retrying
   * with exponential backoff and jitter. Zero (the default) fails at once.
   */
  public Duration lockTimeout() {
    return lockTimeout;
  }

  public Options withLockTimeout(Duration lockTimeout) {
    check(!lockTimeout.isNegative(), "lockTimeout", "zero or more", lockTimeout);
    Options o = copy();
    o.lockTimeout = lockTimeout;
    return o;
  }

  /**
   * The heap the database keeps: memtables, block cache and the blocks open tables pin (see the
   * class comment for how it is shared). Default 64 MiB; at least 1 MiB.
   */
  public long memoryBudgetBytes() {
    return memoryBudgetBytes;
  }

  public Options withMemoryBudgetBytes(long bytes) {
    check(bytes >= (1L << 20), "memoryBudgetBytes", "at least 1 MiB", bytes);
    Options o = copy();
    o.memoryBudgetBytes = bytes;
    return o;
  }

  /**
   * The memtable's budget (by default {@code 3/8 × memoryBudgetBytes / (maxImmutableMemtables +
   * 1)}, 8 MiB): when it is full it is frozen and flushed to a level-0 table in the background
   * while writes go on into a new one. Larger: fewer, larger level-0 files and less compaction,
   * more heap and a longer log replay after a crash.
   */
  public long writeBufferBytes() {
    return writeBufferBytes(memoryBudgetBytes);
  }

  private long writeBufferBytes(long budget) {
    return writeBufferBytes == DERIVED
        ? Math.max(1024, budget / 8 * 3 / (maxImmutableMemtables + 1))
        : writeBufferBytes;
  }

  public Options withWriteBufferBytes(long bytes) {
    check(bytes >= 1024, "writeBufferBytes", "at least 1024", bytes);
    Options o = copy();
    o.writeBufferBytes = bytes;
    return o;
  }

  /**
   * How many frozen memtables may wait for their flush (default 2) before writes stop until one is
   * flushed.
   */
  public int maxImmutableMemtables() {
    return maxImmutableMemtables;
  }

  public Options withMaxImmutableMemtables(int n) {
    check(n >= 1 && n <= 64, "maxImmutableMemtables", "1..64", n);
    Options o = copy();
    o.maxImmutableMemtables = n;
    return o;
  }

  /** Target size of a table's data block before its trailer (default 4096 bytes). */
  public int blockBytes() {
    return blockBytes;
  }

  public Options withBlockBytes(int bytes) {
    check(bytes >= 64 && bytes <= (1 << 20), "blockBytes", "64..1 MiB", bytes);
    Options o = copy();
    o.blockBytes = bytes;
    return o;
  }

  /** Keys between restart points in a data block (default 16). */
  public int blockRestartInterval() {
    return blockRestartInterval;
  }

  public Options withBlockRestartInterval(int n) {
    check(n >= 1 && n <= 1024, "blockRestartInterval", "1..1024", n);
    Options o = copy();
    o.blockRestartInterval = n;
    return o;
  }

  /** Bloom filter bits per key (default 10, about 1% false positives); 0 turns filters off. */
  public int bloomBitsPerKey() {
    return bloomBitsPerKey;
  }

  public Options withBloomBitsPerKey(int bits) {
    check(bits >= 0 && bits <= 64, "bloomBitsPerKey", "0..64", bits);
    Options o = copy();
    o.bloomBitsPerKey = bits;
    return o;
  }

  /** Heap for recently read data blocks (default 1/4 of {@link #memoryBudgetBytes()}, 16 MiB). */
  public long blockCacheBytes() {
    return blockCacheBytes(memoryBudgetBytes);
  }

  private long blockCacheBytes(long budget) {
    return blockCacheBytes == DERIVED ? budget / 4 : blockCacheBytes;
  }

  /**
   * What the memory budget leaves for the index, filter and range-deletion blocks of open tables:
   * the budget minus {@code (maxImmutableMemtables + 1) × writeBufferBytes} minus the block cache
   * (24 MiB with the defaults). Negative when the other two take more than the budget.
   */
  public long tableMetadataBytes() {
    return tableMetadataBytes(memoryBudgetBytes);
  }

  private long tableMetadataBytes(long budget) {
    return budget
        - (maxImmutableMemtables + 1L) * writeBufferBytes(budget)
        - blockCacheBytes(budget);
  }

  private boolean budgetLeavesRoomForTables(long budget) {
    return tableMetadataBytes(budget) >= budget / 8;
  }

  /**
   * Checks that the memtables and the block cache leave at least 1/8 of the memory budget to the
   * tables; {@link Db#open} calls it.
   *
   * @throws DbException INVALID_ARGUMENT naming the budget and what takes it
   */
  public void checkMemoryBudget() {
    long memtables = (maxImmutableMemtables + 1L) * writeBufferBytes();
    if (!budgetLeavesRoomForTables(memoryBudgetBytes)) {
      // The least budget that would do: what the tables get grows with the budget.
      long lo = memoryBudgetBytes;
      long hi = Math.max(2 * lo, 8 * (memtables + blockCacheBytes()));
      while (lo + 1 < hi) {
        long mid = lo + (hi - lo) / 2;
        if (budgetLeavesRoomForTables(mid)) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      throw new DbException(
          DbException.Kind.INVALID_ARGUMENT,
          "memtables ("
              + (maxImmutableMemtables + 1)
              + " x writeBufferBytes "
              + writeBufferBytes()
              + " = "
              + memtables
              + " bytes) and blockCacheBytes ("
              + blockCacheBytes()
              + ") must leave at least 1/8 of memoryBudgetBytes ("
              + memoryBudgetBytes
              + ") for table indexes and filters; raise memoryBudgetBytes to at least "
              + hi
              + " or lower the others");
    }
  }

  public Options withBlockCacheBytes(long bytes) {
    check(bytes >= 0, "blockCacheBytes", "zero or more", bytes);
    Options o = copy();
    o.blockCacheBytes = bytes;
    return o;
  }

  /**
   * Most tables kept open at once with their index and filter on the heap (default 500); each holds
   * a file handle. Tables past this bound or past {@link #tableMetadataBytes()} open read in place
   * in their mapping instead, up to {@link #maxMappedTables()}.
   */
  public int maxOpenFiles() {
    return maxOpenFiles;
  }

  public Options withMaxOpenFiles(int n) {
    check(n >= 2, "maxOpenFiles", "at least 2", n);
    Options o = copy();
    o.maxOpenFiles = n;
    return o;
  }

  /**
   * Most tables kept open at once with their index and filter searched in place in the file's
   * read-only mapping (default 16,384: 64 GiB of 4 MiB tables), for the tables that do not fit
   * {@link #maxOpenFiles()} or {@link #tableMetadataBytes()}. Such a table holds no file handle and
   * no heap beyond its range tombstones; its pages are the operating system's to keep or drop. Each
   * mapping is one of the process's memory maps (Linux allows 65,530 by default). 0 turns reading
   * in place off: then tables past the other bounds are closed, least recently used first, and
   * reopened when read. Without memory-mapped reads (Windows) it has no effect.
   */
  public int maxMappedTables() {
    return maxMappedTables;
  }

  public Options withMaxMappedTables(int n) {
    check(n >= 0, "maxMappedTables", "zero or more", n);
    Options o = copy();
    o.maxMappedTables = n;
    return o;
  }

  /** Size at which compaction starts a new output table (default 4 MiB). */
  public long targetFileBytes() {
    return targetFileBytes;
  }

  public Options withTargetFileBytes(long bytes) {
    check(bytes >= 1024, "targetFileBytes", "at least 1024", bytes);
    Options o = copy();
    o.targetFileBytes = bytes;
    return o;
  }

  /** Level-0 files that start a compaction into level 1 (default 4). */
  public int l0CompactionTrigger() {
    return l0CompactionTrigger;
  }

  /** Level-0 files at which each write is delayed by a millisecond (default 20). */
  public int l0SlowdownTrigger() {
    return l0SlowdownTrigger;
  }

  /** Level-0 files at which writes wait for compaction (default 36). */
  public int l0StopTrigger() {
    return l0StopTrigger;
  }

  /** Sets the three level-0 triggers; they must be increasing. */
  public Options withL0Triggers(int compaction, int slowdown, int stop) {
    check(
        compaction >= 1 && slowdown >= compaction && stop >= slowdown,
        "level-0 triggers",
        "1 <= compaction <= slowdown <= stop",
        compaction + "/" + slowdown + "/" + stop);
    Options o = copy();
    o.l0CompactionTrigger = compaction;
    o.l0SlowdownTrigger = slowdown;
    o.l0StopTrigger = stop;
    return o;
  }

  /** Size budget of level 1 (default 32 MiB); each deeper level gets the multiplier times more. */
  public long maxBytesForLevelBase() {
    return maxBytesForLevelBase;
  }

  public Options withMaxBytesForLevelBase(long bytes) {
    check(bytes >= 1024, "maxBytesForLevelBase", "at least 1024", bytes);
    Options o = copy();
    o.maxBytesForLevelBase = bytes;
    return o;
  }

  /** Size ratio between adjacent levels (default 10). */
  public int levelSizeMultiplier() {
    return levelSizeMultiplier;
  }

  public Options withLevelSizeMultiplier(int n) {
    check(n >= 2 && n <= 100, "levelSizeMultiplier", "2..100", n);
    Options o = copy();
    o.levelSizeMultiplier = n;
    return o;
  }

  /**
   * Where {@link Db#open} keeps the database's files (default {@link Env#disk()}, the file system).
   * For tests that need another storage: one that slows a sync, or that fails or drops writes on
   * purpose, or {@link Env#inMemory()} shared by several opens. {@link Db#openInMemory} ignores it:
   * each in-memory database gets a fresh {@link Env#inMemory()}.
   */
  public Env env() {
    return env;
  }

  public Options withEnv(Env env) {
    check(env != null, "env", "non-null", env);
    Options o = copy();
    o.env = env;
    return o;
  }

  @Override
  public String toString() {
    return "Options{sync="
        + sync
        + ", maxKeyBytes="
        + maxKeyBytes
        + ", maxValueBytes="
        + maxValueBytes
        + ", lockTimeout="
        + lockTimeout
        + ", memoryBudgetBytes="
        + memoryBudgetBytes
        + ", writeBufferBytes="
        + writeBufferBytes()
        + ", maxImmutableMemtables="
        + maxImmutableMemtables
        + ", blockBytes="
        + blockBytes
        + ", blockRestartInterval="
        + blockRestartInterval
        + ", bloomBitsPerKey="
        + bloomBitsPerKey
        + ", blockCacheBytes="
        + blockCacheBytes()
        + ", maxOpenFiles="
        + maxOpenFiles
        + ", maxMappedTables="
        + maxMappedTables
        + ", targetFileBytes="
        + targetFileBytes
        + ", l0Triggers="
        + l0CompactionTrigger
        + "/"
        + l0SlowdownTrigger
        + "/"
        + l0StopTrigger
        + ", maxBytesForLevelBase="
        + maxBytesForLevelBase
        + ", levelSizeMultiplier="
        + levelSizeMultiplier
        + '}';
  }
}
