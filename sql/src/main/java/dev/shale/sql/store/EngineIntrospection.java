package dev.shale.sql.store;

import dev.shale.engine.Db;
import dev.shale.engine.DbShape;
import dev.shale.engine.Options;
import dev.shale.engine.ReadTrace;
import dev.shale.engine.Stats;
import dev.shale.engine.Stats.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** {@link Introspection} of the embedded engine: its {@link Stats}, shape, options and traces. */
final class EngineIntrospection implements Introspection {

  private final Db db;

  EngineIntrospection(Db db) {
    this.db = db;
  }

  @Override
  public List<Stat> stats() {
    Stats s = db.stats();
    List<Stat> out = new ArrayList<>();
    for (Counter c : Counter.values()) {
      String name = c.name().toLowerCase(Locale.ROOT);
      out.add(new Stat(name, Long.toString(s.get(c)), unit(name), c.description()));
    }
    out.add(
        new Stat(
            "served_by_memtable",
            Long.toString(s.servedBy(0)),
            "gets",
            "gets the memtable answered"));
    out.add(
        new Stat(
            "served_by_frozen",
            Long.toString(s.servedBy(1)),
            "gets",
            "gets a frozen memtable (waiting for its flush) answered"));
    for (int level = 0; level < Stats.SERVED_BY_SOURCES - 2; level++) {
      out.add(
          new Stat(
              "served_by_l" + level,
              Long.toString(s.servedBy(2 + level)),
              "gets",
              "gets a table of level " + level + " answered"));
    }
    out.add(
        new Stat(
            "write_amplification",
            ratio(s.writeAmplification()),
            "ratio",
            "bytes written to disk (logs, flushes, compactions) per byte of keys and values written"));
    out.add(
        new Stat(
            "space_amplification",
            ratio(s.spaceAmplification()),
            "ratio",
            "bytes of tables per byte of the deepest level (an estimate of live data)"));
    histogram(out, "key_size", "keys", s.keySizes());
    histogram(out, "value_size", "values", s.valueSizes());
    return out;
  }

  private static void histogram(List<Stat> out, String name, String what, Stats.Histogram h) {
    out.add(new Stat(name + "_count", Long.toString(h.count()), what, what + " written"));
    out.add(
        new Stat(
            name + "_mean",
            String.format(Locale.ROOT, "%.1f", h.mean()),
            "bytes",
            "mean size of the " + what + " written"));
    out.add(
        new Stat(
            name + "_p50",
            Long.toString(h.quantileUpperBound(0.5)),
            "bytes",
            "half the " + what + " written are at most this big (power-of-two bucket bound)"));
    out.add(
        new Stat(
            name + "_p99",
            Long.toString(h.quantileUpperBound(0.99)),
            "bytes",
            "99% of the " + what + " written are at most this big (power-of-two bucket bound)"));
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f", r);
  }

  private static String unit(String name) {
    if (name.endsWith("_nanos")) {
      return "ns";
    }
    return name.contains("bytes") ? "bytes" : "count";
  }

  @Override
  public List<Level> levels() {
    List<Level> out = new ArrayList<>();
    for (DbShape.Level l : db.shape().levels()) {
      byte[] smallest = null;
      byte[] largest = null;
      for (DbShape.Table t : l.tables()) {
        if (smallest == null || java.util.Arrays.compareUnsigned(t.smallestKey(), smallest) < 0) {
          smallest = t.smallestKey();
        }
        if (largest == null || java.util.Arrays.compareUnsigned(t.largestKey(), largest) > 0) {
          largest = t.largestKey();
        }
      }
      out.add(
          new Level(
              l.level(),
              l.tables().size(),
              l.bytes(),
              l.targetBytes(),
              l.score(),
              smallest,
              largest));
    }
    return out;
  }

  @Override
  public List<Table> tables() {
    List<Table> out = new ArrayList<>();
    for (DbShape.Level l : db.shape().levels()) {
      for (DbShape.Table t : l.tables()) {
        out.add(
            new Table(
                t.number(),
                t.level(),
                t.bytes(),
                t.smallestKey(),
                t.largestKey(),
                t.smallestSequence(),
                t.largestSequence(),
                t.rangeTombstones()));
      }
    }
    return out;
  }

  private record Option(String name, String description, Function<Options, Object> value) {}

  /**
   * The options {@link #settings()} lists, in a holder class: its ~20 method references are linked
   * (each lambda class spun, about half a millisecond before the JIT has run) when settings are
   * first asked for, not by every database open.
   */
  private static final class Known {
    private Known() {}

    static final List<Option> OPTIONS =
        List.of(
            new Option("sync", "fsync the log before a write returns", Options::sync),
            new Option("maxKeyBytes", "largest key, bytes", Options::maxKeyBytes),
            new Option(
                "maxValueBytes",
                "largest stored value, bytes (one more than SQL's limit: its tag byte)",
                Options::maxValueBytes),
            new Option("lockTimeout", "wait for another process's lock", Options::lockTimeout),
            new Option(
                "memoryBudgetBytes",
                "heap for memtables, block cache and pinned table blocks",
                Options::memoryBudgetBytes),
            new Option(
                "writeBufferBytes", "memtable size before it freezes", o -> o.writeBufferBytes()),
            new Option(
                "maxImmutableMemtables",
                "frozen memtables waiting for flush before writes stop",
                Options::maxImmutableMemtables),
            new Option("blockBytes", "data block size of a table", Options::blockBytes),
            new Option(
                "blockRestartInterval",
                "keys between restart points in a block",
                Options::blockRestartInterval),
            new Option(
                "bloomBitsPerKey", "bloom filter bits per key (0: none)", Options::bloomBitsPerKey),
            new Option(
                "blockCacheBytes", "heap for recently read data blocks", o -> o.blockCacheBytes()),
            new Option(
                "tableMetadataBytes",
                "heap for open tables' index, filter and range blocks",
                Options::tableMetadataBytes),
            new Option(
                "maxOpenFiles",
                "tables kept open with index and filter on the heap",
                Options::maxOpenFiles),
            new Option(
                "maxMappedTables",
                "tables kept open with index and filter read in their mapping",
                Options::maxMappedTables),
            new Option(
                "targetFileBytes",
                "size of a compaction's output tables",
                Options::targetFileBytes),
            new Option(
                "l0CompactionTrigger",
                "level-0 files that start a compaction",
                Options::l0CompactionTrigger),
            new Option(
                "l0SlowdownTrigger",
                "level-0 files at which writes slow by 1 ms",
                Options::l0SlowdownTrigger),
            new Option(
                "l0StopTrigger", "level-0 files at which writes wait", Options::l0StopTrigger),
            new Option(
                "maxBytesForLevelBase", "size target of level 1", Options::maxBytesForLevelBase),
            new Option(
                "levelSizeMultiplier",
                "size ratio of each level to the one above",
                Options::levelSizeMultiplier));
  }

  @Override
  public List<Setting> settings() {
    Options options = db.options();
    Options defaults = Options.defaults();
    List<Setting> out = new ArrayList<>();
    for (Option o : Known.OPTIONS) {
      String value = String.valueOf(o.value().apply(options));
      String source =
          value.equals(String.valueOf(o.value().apply(defaults)))
              ? "default"
              : "database (its first opener)";
      out.add(new Setting(o.name(), value, o.description(), source));
    }
    return out;
  }

  @Override
  public ReadTracing startTrace() {
    ReadTrace trace = ReadTrace.start();
    return () -> {
      trace.stop();
      return report(trace);
    };
  }

  private static TraceReport report(ReadTrace t) {
    long[] servedBy = new long[Stats.SERVED_BY_SOURCES];
    for (int i = 0; i < servedBy.length; i++) {
      servedBy[i] = t.servedBy(i);
    }
    List<TraceReport.Read> reads = new ArrayList<>();
    for (ReadTrace.Read r : t.reads()) {
      reads.add(
          new TraceReport.Read(
              r.kind() == ReadTrace.Read.Kind.GET,
              r.kind() == ReadTrace.Read.Kind.SEEK_BACKWARD,
              r.key(),
              r.upperBound()));
    }
    List<TraceReport.LevelReads> levels = new ArrayList<>();
    for (int level = 0; level < ReadTrace.LEVELS; level++) {
      ReadTrace.LevelCounts c = t.level(level);
      levels.add(
          new TraceReport.LevelReads(
              level,
              c.tablesConsulted(),
              c.probes(),
              c.filterUseful(),
              c.filterFalsePositive(),
              c.blocksFromCache(),
              c.blocksFromFile(),
              c.bytesFromFile()));
    }
    return new TraceReport(
        t.gets(),
        t.getsFound(),
        servedBy,
        t.getsAnsweredByNothing(),
        t.seeks(),
        t.steps(),
        t.skippedVersions(),
        t.skippedDeletions(),
        t.skippedRangeDeleted(),
        t.tablesOpened(),
        List.copyOf(reads),
        t.readsNotKept(),
        List.copyOf(levels));
  }
}
