package dev.shale.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A db_bench-style run of Shale's engine beside RocksDB and LevelDB (iq80), in one process: the
 * same keys, values and order of operations for every engine, one operation per write, the same
 * durability. Prints a Markdown table to stdout, progress to stderr, and writes CSV and a ratio
 * plot to {@code --out}.
 */
public final class EngineBench {

  static final long DEFAULT_SEED = 20_240_611L;

  private static final String USAGE =
      """
      EngineBench [--num N] [--reads N] [--seeks N] [--engines shale,rocksdb,leveldb]
                  [--workloads fillseq,fillrandom,overwrite,readrandom,readmissing,seekrandom,readseq,deleterandom]
                  [--sync] [--threads N] [--warmup-rounds N] [--seed N] [--dir DIR] [--out DIR]
        --num      keys (default 1,000,000)
        --reads    gets per readrandom / readmissing (default: num)
        --seeks    seeks per seekrandom, each followed by 100 nexts (default: num / 10)
        --sync     fsync the log before each write returns (default: off, for every engine)
        --threads  concurrent writers in fillrandom, overwrite and deleterandom (default 1; the
                   other workloads always run on one thread)
        --warmup-rounds
                   rounds of every engine through every workload before the measured one, in the
                   same JVM, their figures dropped (default 0: a fresh JVM's first round, as
                   db_bench's native processes have no compiler to warm; 1 gives what a
                   long-running application sees once its JIT has compiled the engine)
        --seed     seed of every random choice (default 20240611)
        --dir      where the databases go (default bench/target/bench-data/engine)
        --out      where the table, CSV and plot go (default bench/target/results)
      """;

  private EngineBench() {}

  public static void main(String[] args) throws Exception {
    BenchLauncher.launch(args, EngineBench::run, USAGE);
  }

  /** Runs the benchmark; returns null when only the usage was asked for. */
  static Results run(String[] args, PrintStream out, PrintStream progress) throws Exception {
    BenchArgs parsed =
        BenchArgs.parse(
            args,
            Set.of(
                "num",
                "reads",
                "seeks",
                "engines",
                "workloads",
                "seed",
                "threads",
                "warmup-rounds",
                "dir",
                "out"),
            Set.of("sync", "help"));
    if (parsed.flag("help")) {
      out.print(USAGE);
      return null;
    }
    EngineBenchConfig config = config(parsed);
    Results results =
        new Results(
            "Engine: " + title(config.engines()),
            config.engines().stream().map(EngineKind::displayName).toList(),
            config.workloads().stream().map(EngineWorkload::optionName).toList());
    describe(config, results);

    ValueSource values = new ValueSource(config.seed());
    for (int round = 1; round <= config.warmupRounds(); round++) {
      progress.printf("warm-up round %d of %d (figures dropped)%n", round, config.warmupRounds());
      Results dropped = new Results(results.title(), results.subjects(), results.workloads());
      for (EngineKind engine : config.engines()) {
        runEngine(engine, config, values, dropped, progress);
      }
      if (dropped.failed()) {
        throw new IllegalStateException("warm-up round " + round + " failed; see the log above");
      }
    }
    for (EngineKind engine : config.engines()) {
      runEngine(engine, config, values, results, progress);
    }

    Files.createDirectories(config.out());
    String markdown = MarkdownReport.render(results);
    Files.writeString(config.out().resolve("engine.md"), markdown, StandardCharsets.UTF_8);
    CsvReport.write(
        results, config.out().resolve("engine.csv"), config.out().resolve("engine-facts.csv"));
    Path plot = RatioChart.write(results, config.out().resolve("engine-ratios"));
    out.print(markdown);
    out.println(
        "Wrote engine.md, engine.csv, engine-facts.csv, "
            + plot.getFileName()
            + " and engine-ratios.svg to "
            + config.out());
    return results;
  }

  private static String title(List<EngineKind> engines) {
    List<String> names = engines.stream().map(EngineKind::displayName).toList();
    if (names.size() == 1) {
      return names.get(0);
    }
    return names.get(0)
        + " beside "
        + String.join(", ", names.subList(1, names.size() - 1))
        + (names.size() > 2 ? " and " : "")
        + names.get(names.size() - 1);
  }

  private static EngineBenchConfig config(BenchArgs args) {
    long num = args.number("num", 1_000_000);
    if (num < 1 || num > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("--num must be 1.." + (Integer.MAX_VALUE - 8));
    }
    long reads = args.number("reads", num);
    long seeks = args.number("seeks", Math.max(1, num / 10));
    if (reads < 1 || reads > Integer.MAX_VALUE || seeks < 1 || seeks > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--reads and --seeks must be positive");
    }
    // Shale first: it is the reference of every ratio.
    List<EngineKind> engines =
        args.list("engines", "shale,rocksdb,leveldb").stream()
            .map(EngineKind::fromOption)
            .distinct()
            .sorted(Comparator.comparing(EngineKind::ordinal))
            .toList();
    // Canonical order whatever the command line says: reads need data, deleterandom ends it.
    List<EngineWorkload> workloads =
        args
            .list(
                "workloads",
                "fillseq,fillrandom,overwrite,readrandom,readmissing,seekrandom,readseq,deleterandom")
            .stream()
            .map(EngineWorkload::fromOption)
            .distinct()
            .sorted(Comparator.comparing(EngineWorkload::ordinal))
            .toList();
    long threads = args.number("threads", 1);
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("--threads must be 1..1024");
    }
    long warmupRounds = args.number("warmup-rounds", 0);
    if (warmupRounds < 0 || warmupRounds > 100) {
      throw new IllegalArgumentException("--warmup-rounds must be 0..100");
    }
    if (engines.isEmpty() || workloads.isEmpty()) {
      throw new IllegalArgumentException("--engines and --workloads must name at least one");
    }
    return new EngineBenchConfig(
        (int) num,
        (int) reads,
        (int) seeks,
        args.number("seed", DEFAULT_SEED),
        args.flag("sync"),
        (int) threads,
        (int) warmupRounds,
        engines,
        workloads,
        Path.of(args.string("dir", "bench/target/bench-data/engine")),
        Path.of(args.string("out", "bench/target/results")));
  }

  private static void describe(EngineBenchConfig config, Results results) {
    results.note(
        String.format(
            Locale.ROOT,
            "%,d keys of %d bytes, values of %d bytes; readrandom/readmissing %,d gets;"
                + " seekrandom %,d seeks + %d nexts each; seed %d",
            config.num(),
            KeyFormat.KEY_BYTES,
            ValueSource.VALUE_BYTES,
            config.reads(),
            config.seeks(),
            EngineWorkload.SEEK_NEXTS,
            config.seed()));
    results.note(
        config.sync()
            ? "Durability, every engine: WAL on, fsync before each write returns (sync=true):"
                + " an acknowledged write survives power loss"
            : "Durability, every engine: WAL on, no fsync per write (sync=false): an acknowledged"
                + " write survives a crash of the process, not of the machine");
    results.note(
        "One operation per write (no batching), "
            + (config.threads() == 1
                ? "one thread"
                : config.threads()
                    + " writing threads at once in fillrandom, overwrite and deleterandom (operation"
                    + " i on thread i mod "
                    + config.threads()
                    + "; µs/op is wall time over all operations), one thread elsewhere")
            + ", engines one after another in one JVM with the same operations in the same order;"
            + " compression off everywhere; System.gc() before each workload, outside the clock");
    results.note(
        config.warmupRounds() == 0
            ? "Cold: the JVM's first round, the engines' code compiled while it runs"
            : "Warm: measured after "
                + config.warmupRounds()
                + " dropped round(s) of every engine through every workload in this JVM");
    results.note(
        "Workloads that need data but follow no fill run on a database loaded with fillseq,"
            + " outside the clock");
    results.note(
        String.format(
            Locale.ROOT,
            "Java %s, max heap %s, %d cores; peak heap is the sum of the heap pools' peaks since a"
                + " reset before each engine, harness arrays included (4 bytes per key);"
                + " RocksDB's memory is off-heap and not in it",
            Runtime.version(),
            MarkdownReport.mebibytes(Runtime.getRuntime().maxMemory()),
            Runtime.getRuntime().availableProcessors()));
    for (EngineWorkload workload : config.workloads()) {
      results.note("`" + workload.optionName() + "`: " + workload.description());
    }
  }

  private static void runEngine(
      EngineKind engine,
      EngineBenchConfig config,
      ValueSource values,
      Results results,
      PrintStream progress)
      throws Exception {
    String name = engine.displayName();
    results.fact(name, "settings", engine.settings(config.sync()));
    Path dir = config.dir().resolve(engine.optionName());
    ScratchDirectory.fresh(dir);
    HeapPeak.reset();
    KvEngine db = null;
    boolean empty = true;
    boolean loaded = false; // holds every key 0..num-1
    long diskAfterLoad = -1;
    long diskAfterOverwrite = -1;
    long diskAfterDeletes = -1;
    List<EngineWorkload> pending = new ArrayList<>(config.workloads());
    try {
      db = engine.open(dir, config.sync());
      while (!pending.isEmpty()) {
        EngineWorkload workload = pending.remove(0);
        try {
          if (workload.freshDatabase() && !empty) {
            db.close();
            db = null;
            ScratchDirectory.fresh(dir);
            db = engine.open(dir, config.sync());
          } else if (!workload.freshDatabase() && !loaded) {
            progress.printf("[%s] loading %,d keys (fillseq, untimed)%n", name, config.num());
            EngineWorkload.FILLSEQ.run(db, config, values, null, null);
            loaded = true;
            diskAfterLoad = ScratchDirectory.sizeBytes(dir);
          }
          SplittableRandom random = workload.random(config.seed());
          int[] order =
              workload.usesPermutation() ? EngineWorkload.permutation(config.num(), random) : null;
          System.gc();
          empty = false;
          long start = System.nanoTime();
          long ops = workload.run(db, config, values, random, order);
          long nanos = System.nanoTime() - start;
          workload.verifyAfter(db);
          Measurement m = Measurement.timed(name, workload.optionName(), ops, nanos);
          results.add(m);
          progress.printf(
              Locale.ROOT,
              "[%s] %-12s %,12d ops %10s µs/op %,14.0f ops/s%n",
              name,
              workload.optionName(),
              ops,
              MarkdownReport.micros(m.microsPerOp()),
              m.opsPerSecond());
          if (workload.freshDatabase()) {
            loaded = true;
            diskAfterLoad = ScratchDirectory.sizeBytes(dir);
          } else if (workload == EngineWorkload.OVERWRITE) {
            diskAfterOverwrite = ScratchDirectory.sizeBytes(dir);
          } else if (workload == EngineWorkload.DELETERANDOM) {
            loaded = false;
            diskAfterDeletes = ScratchDirectory.sizeBytes(dir);
          }
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
          // Close and drop the engine first: after an OutOfMemoryError its memory is what the
          // report needs, and the rest starts from a clean database, not from what failed.
          if (db != null) {
            closeQuietly(db, progress);
            db = null;
          }
          results.add(Measurement.failed(name, workload.optionName(), e));
          progress.printf("[%s] %s FAILED: %s%n", name, workload.optionName(), e);
          e.printStackTrace(progress);
          if (e instanceof OutOfMemoryError) {
            // Every later workload needs the same data loaded again; it would only fail again.
            throw new IllegalStateException("out of memory in " + workload.optionName(), e);
          }
          ScratchDirectory.fresh(dir);
          db = engine.open(dir, config.sync());
          empty = true;
          loaded = false;
        }
      }
    } catch (Exception e) {
      for (EngineWorkload workload : pending) {
        results.add(Measurement.failed(name, workload.optionName(), e));
      }
      progress.printf("[%s] could not go on: %s%n", name, e);
      e.printStackTrace(progress);
    } finally {
      if (db != null) {
        closeQuietly(db, progress);
      }
      results.fact(
          name,
          "disk after load",
          diskAfterLoad < 0 ? "—" : MarkdownReport.mebibytes(diskAfterLoad));
      if (config.workloads().contains(EngineWorkload.OVERWRITE)) {
        // Space amplification: bytes on disk over the bytes of the live keys and values.
        long live = (long) config.num() * (KeyFormat.KEY_BYTES + ValueSource.VALUE_BYTES);
        results.fact(
            name,
            "space amp. after overwrite",
            diskAfterOverwrite < 0
                ? "—"
                : String.format(Locale.ROOT, "%.2f", (double) diskAfterOverwrite / live));
      }
      if (config.workloads().contains(EngineWorkload.DELETERANDOM)) {
        results.fact(
            name,
            "disk after deleterandom",
            diskAfterDeletes < 0 ? "—" : MarkdownReport.mebibytes(diskAfterDeletes));
      }
      results.fact(name, "peak heap", MarkdownReport.mebibytes(HeapPeak.bytes()));
      ScratchDirectory.delete(dir);
    }
  }

  private static void closeQuietly(KvEngine db, PrintStream progress) {
    try {
      db.close();
    } catch (OutOfMemoryError e) {
      // Nothing to report it with until the caller drops the engine; the failure is recorded.
    } catch (Exception e) {
      progress.println("close failed: " + e);
    }
  }
}
