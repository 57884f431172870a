package dev.shale.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Live counters of one open {@link Db}: what it was asked, where reads were served, how its filters
 * and cache did, and what flushes, compactions and stalls cost. Cheap to update from many threads;
 * read with {@link #get} or print with {@link #toString}. What the write path counts (writes, their
 * bytes and sizes, log appends) is counted by the one thread at a time that commits (the leader of
 * group commit), with plain adds instead of atomic ones ({@link #addSerial}).
 */
public final class Stats {

  /**
   * Every counter, with its unit in the name where it is not a count of events, and its {@link
   * #description()}.
   */
  public enum Counter {
    GETS("point reads asked"),
    GETS_FOUND("point reads that found a value"),
    PUTS("keys written"),
    DELETES("keys deleted"),
    RANGE_DELETES("key ranges deleted (one range tombstone each)"),
    USER_BYTES_WRITTEN("bytes of keys and values written"),
    LOG_BYTES_WRITTEN("bytes appended to write-ahead logs"),
    /** Write groups (one log append each) and the fsyncs among them. */
    WRITE_GROUPS("write groups (one log append each)"),
    LOG_SYNCS("fsyncs of the log"),
    BLOOM_USEFUL("a table's bloom filter said 'not here', sparing a block read"),
    BLOOM_FALSE_POSITIVE("a bloom filter said 'maybe' but the table did not hold the key"),
    BLOCK_CACHE_HITS("data blocks found in the block cache"),
    BLOCK_CACHE_MISSES("data blocks read from their file"),
    FLUSHES("memtables written to level-0 tables"),
    FLUSH_BYTES_WRITTEN("bytes of tables written by flushes"),
    FLUSH_NANOS("time spent flushing"),
    COMPACTIONS("compactions run"),
    TRIVIAL_MOVES("tables moved to the next level without being rewritten"),
    /** See {@code dev.shale.engine.version.ReadSamples}. */
    COMPACTIONS_DUE_TO_READS("compactions of a table that reads kept merging with others"),
    COMPACTION_BYTES_READ("bytes of tables read by compactions"),
    COMPACTION_BYTES_WRITTEN("bytes of tables written by compactions"),
    COMPACTION_NANOS("time spent compacting"),
    SLOWED_WRITES("writes delayed 1 ms because level 0 had too many files"),
    STOPPED_WRITES("writes that waited for a flush or a compaction"),
    STALL_NANOS("time writes spent slowed or stopped"),
    /**
     * Now, not a running count: heap pinned by the index, filter and range-deletion blocks of the
     * open tables, bounded by {@link Options#tableMetadataBytes()}.
     */
    TABLE_PINNED_BYTES("now: heap pinned by open tables' index, filter, range blocks"),
    /**
     * Now, not a running count: open tables whose index and filter are read in place in their
     * mapping ({@link Options#maxMappedTables()}), off the heap.
     */
    TABLES_MAPPED("now: open tables read in place in their mapping"),
    TABLE_BYTES("now: bytes of the tables of the current state"),
    /**
     * Now, not a running count: bytes of the tables of the deepest level that has any, the estimate
     * of the live data that {@link #spaceAmplification()} divides by.
     */
    LAST_LEVEL_BYTES("now: bytes of the deepest non-empty level"),
    /** Ingests committed ({@link Db#newIngest}), the rows they installed and their table bytes. */
    INGESTS("bulk loads installed straight into tables (ingests)"),
    INGESTED_ROWS("rows installed by ingests"),
    INGESTED_BYTES("bytes of tables installed by ingests"),
    CHECKPOINTS("online backups (checkpoints) made");

    private final String description;

    Counter(String description) {
      this.description = description;
    }

    /** What it counts, in a few words: what {@code sys.stats} and the stats command show. */
    public String description() {
      return description;
    }
  }

  /** Where a get was answered: 0 the memtable, 1 a frozen memtable, 2 + n level n. */
  public static final int SERVED_BY_SOURCES = 2 + 7;

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
  // By Counter ordinal: the part of each counter added by addSerial.
  private final long[] serial = new long[Counter.values().length];
  private final Map<Counter, LongSupplier> external = new EnumMap<>(Counter.class);
  private final LongAdder[] servedBy = new LongAdder[SERVED_BY_SOURCES];
  private final Histogram keySizes = new Histogram();
  private final Histogram valueSizes = new Histogram();

  public Stats() {
    for (Counter c : Counter.values()) {
      counters.put(c, new LongAdder());
    }
    for (int i = 0; i < servedBy.length; i++) {
      servedBy[i] = new LongAdder();
    }
  }

  public long get(Counter counter) {
    LongSupplier supplier = external.get(counter);
    return supplier != null
        ? supplier.getAsLong()
        : counters.get(counter).sum() + (long) LONGS.getOpaque(serial, counter.ordinal());
  }

  /** Gets answered by {@code source}: 0 the memtable, 1 a frozen memtable, 2 + n level n. */
  public long servedBy(int source) {
    return servedBy[source].sum();
  }

  /** Sizes of the keys written, in power-of-two buckets. */
  public Histogram keySizes() {
    return keySizes;
  }

  /** Sizes of the values written, in power-of-two buckets. */
  public Histogram valueSizes() {
    return valueSizes;
  }

  /** Bytes written to disk (logs, flushes, compactions) per byte of user data written. */
  public double writeAmplification() {
    long user = get(Counter.USER_BYTES_WRITTEN);
    if (user == 0) {
      return 0;
    }
    long disk =
        get(Counter.LOG_BYTES_WRITTEN)
            + get(Counter.FLUSH_BYTES_WRITTEN)
            + get(Counter.COMPACTION_BYTES_WRITTEN);
    return (double) disk / user;
  }

  /**
   * Bytes of tables per byte of live data, estimated as the tables' bytes over the bytes of the
   * deepest non-empty level (1.0: no space held by overwritten or deleted data, or by tombstones;
   * above 1 until compaction reaches the last level). Data still only in the log and memtables is
   * not counted. 0 when there are no tables.
   */
  public double spaceAmplification() {
    long live = get(Counter.LAST_LEVEL_BYTES);
    return live == 0 ? 0 : (double) get(Counter.TABLE_BYTES) / live;
  }

  /** For the engine: adds {@code n} to {@code counter}. */
  public void add(Counter counter, long n) {
    counters.get(counter).add(n);
  }

  /**
   * For the engine: adds {@code n} to {@code counter} without an atomic instruction, for a counter
   * updated by one thread at a time, each update ordered after the one before by a lock (the commit
   * leader's turns are, by the database's mutex). Readers on other threads see a whole value, if
   * maybe a little late.
   *
   * <p>The add is a plain load and store, and readers load opaquely. The JLS (17.7) lets a JVM
   * split a plain store of a long into two halves, but 64-bit HotSpot stores an aligned long (an
   * array element is one) whole, on every platform and in every tier. An opaque store (a VarHandle)
   * says the same thing formally, but it costs the write path a chain of method-handle frames per
   * counter until the JIT compiles them away, and it makes each compiled caller several hundred
   * bytes of bytecode larger. With eight such stores per write, that was a third of what C2
   * compiled for the write path in a fresh JVM (3 of 10 kB inlined into its first compile).
   */
  public void addSerial(Counter counter, long n) {
    serial[counter.ordinal()] += n;
  }

  /** For the engine: counts a get answered by {@code source}. */
  public void servedBy(int source, boolean found) {
    servedBy[source].increment();
    if (found) {
      counters.get(Counter.GETS_FOUND).increment();
    }
  }

  /** For the engine: {@code counter} is kept elsewhere (the block cache) and read from there. */
  public void bind(Counter counter, LongSupplier supplier) {
    external.put(counter, supplier);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (Counter c : Counter.values()) {
      s.append(c.name().toLowerCase(Locale.ROOT)).append('=').append(get(c)).append('\n');
    }
    s.append("served_by memtable=").append(servedBy(0)).append(" frozen=").append(servedBy(1));
    for (int level = 0; level < SERVED_BY_SOURCES - 2; level++) {
      s.append(" L").append(level).append('=').append(servedBy(2 + level));
    }
    s.append('\n');
    s.append(String.format(Locale.ROOT, "write_amplification=%.2f%n", writeAmplification()));
    s.append(String.format(Locale.ROOT, "space_amplification=%.2f%n", spaceAmplification()));
    s.append("key_sizes ").append(keySizes).append('\n');
    s.append("value_sizes ").append(valueSizes).append('\n');
    return s.toString();
  }

  /**
   * Counts of sizes in buckets [0], [1], [2,3], [4,7], ... [2^30, 2^31), recorded by one thread at
   * a time (as {@link #addSerial} counts), read from any.
   */
  public static final class Histogram {
    private static final int BUCKETS = 32;
    // No count of its own: the buckets' sum is the count. The last slot is the sum of the sizes.
    private final long[] slots = new long[BUCKETS + 1];

    Histogram() {}

    /**
     * For the engine: records one size; one thread at a time, each call ordered after the one
     * before by a lock.
     */
    public void record(int size) {
      slots[size == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(size)]++; // plain: see addSerial
      slots[BUCKETS] += size;
    }

    private long bucket(int i) {
      return (long) LONGS.getOpaque(slots, i);
    }

    public long count() {
      long n = 0;
      for (int i = 0; i < BUCKETS; i++) {
        n += bucket(i);
      }
      return n;
    }

    public double mean() {
      long n = count();
      return n == 0 ? 0 : (double) bucket(BUCKETS) / n;
    }

    /** The upper bound of the bucket holding the {@code q} quantile (0..1) of recorded sizes. */
    public long quantileUpperBound(double q) {
      long n = count();
      long target = (long) Math.ceil(q * n);
      long seen = 0;
      for (int i = 0; i < BUCKETS; i++) {
        seen += bucket(i);
        if (seen >= target && seen > 0) {
          return i == 0 ? 0 : (1L << i) - 1;
        }
      }
      return 0;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "count=%d mean=%.1f p50<=%d p99<=%d",
          count(),
          mean(),
          quantileUpperBound(0.5),
          quantileUpperBound(0.99));
    }
  }
}
