package dev.shale.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Shale beside H2 and SQLite through JDBC, each an embedded file database, in one process run: the
 * same rows, statements and random keys for each. Prints a Markdown table to stdout, progress to
 * stderr, and writes CSV and a ratio plot to {@code --out}.
 */
public final class JdbcBench {

  static final String FRESH_CONNECT = "fresh JVM: connect";
  static final String FRESH_QUERY = "fresh JVM: first query";
  static final String FRESH_PROCESS = "fresh JVM: start to exit";

  private static final String USAGE =
      """
      JdbcBench [--rows N] [--ops N] [--warmup N] [--max-seconds S] [--first-query-runs N]
                [--dbs shale,h2,sqlite] [--workloads insert,pointselect,scan100,rangecount,adhocselect,
                             txupdate10,txread10]
                [--sync] [--seed N] [--dir DIR] [--out DIR]
        --rows              rows loaded by the batch insert (default 100,000)
        --ops               operations per read workload (default 1,000)
        --warmup            untimed operations before each read workload (default 100)
        --max-seconds       a read workload stops after this long and reports what it did (default 60)
        --first-query-runs  fresh JVMs per database for the first-query latency, 0 to skip (default 5)
        --sync              Shale sync=true and SQLite synchronous=FULL (default: sync=false, NORMAL)
        --seed              seed of every random choice (default 20240611)
        --dir               where the databases go (default bench/target/bench-data/jdbc)
        --out               where the table, CSV and plot go (default bench/target/results)
      """;

  private JdbcBench() {}

  public static void main(String[] args) throws Exception {
    BenchLauncher.launch(args, JdbcBench::run, USAGE);
  }

  /** Runs the benchmark; returns null when only the usage was asked for. */
  static Results run(String[] args, PrintStream out, PrintStream progress) throws Exception {
    BenchArgs parsed =
        BenchArgs.parse(
            args,
            Set.of(
                "rows",
                "ops",
                "warmup",
                "max-seconds",
                "first-query-runs",
                "dbs",
                "workloads",
                "seed",
                "dir",
                "out"),
            Set.of("sync", "help"));
    if (parsed.flag("help")) {
      out.print(USAGE);
      return null;
    }
    JdbcBenchConfig config = config(parsed);
    List<String> workloads = new ArrayList<>();
    for (JdbcWorkload workload : config.workloads()) {
      workloads.add(workload.label());
    }
    if (config.firstQueryRuns() > 0) {
      workloads.addAll(List.of(FRESH_CONNECT, FRESH_QUERY, FRESH_PROCESS));
    }
    List<String> names = config.targets().stream().map(JdbcTarget::displayName).toList();
    Results results =
        new Results(
            "JDBC: "
                + names.get(0)
                + (names.size() > 1
                    ? " beside " + String.join(" and ", names.subList(1, names.size()))
                    : ""),
            names,
            workloads);
    describe(config, results);

    ValueSource values = new ValueSource(config.seed());
    for (JdbcTarget target : config.targets()) {
      runTarget(target, config, values, results, progress);
    }

    Files.createDirectories(config.out());
    String markdown = MarkdownReport.render(results);
    Files.writeString(config.out().resolve("jdbc.md"), markdown, StandardCharsets.UTF_8);
    CsvReport.write(
        results, config.out().resolve("jdbc.csv"), config.out().resolve("jdbc-facts.csv"));
    Path plot = RatioChart.write(results, config.out().resolve("jdbc-ratios"));
    out.print(markdown);
    out.println(
        "Wrote jdbc.md, jdbc.csv, jdbc-facts.csv, "
            + plot.getFileName()
            + " and jdbc-ratios.svg to "
            + config.out());
    return results;
  }

  private static JdbcBenchConfig config(BenchArgs args) {
    long rows = args.number("rows", 100_000);
    long ops = args.number("ops", 1_000);
    long warmup = args.number("warmup", 100);
    long maxSeconds = args.number("max-seconds", 60);
    long firstQueryRuns = args.number("first-query-runs", 5);
    if (rows < 1 || rows > 1_000_000_000 || ops < 1 || ops > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--rows must be 1..1e9 and --ops positive");
    }
    if (warmup < 0 || warmup > Integer.MAX_VALUE || maxSeconds < 1 || firstQueryRuns < 0) {
      throw new IllegalArgumentException(
          "--warmup and --first-query-runs must be 0 or more, --max-seconds at least 1");
    }
    // Shale first: it is the reference of every ratio.
    List<JdbcTarget> targets =
        args.list("dbs", "shale,h2,sqlite").stream()
            .map(JdbcTarget::fromOption)
            .distinct()
            .sorted(Comparator.comparing(JdbcTarget::ordinal))
            .toList();
    List<JdbcWorkload> workloads =
        args
            .list(
                "workloads",
                "insert,pointselect,scan100,rangecount,adhocselect,txupdate10,txread10")
            .stream()
            .map(JdbcWorkload::fromOption)
            .distinct()
            .sorted(Comparator.comparing(JdbcWorkload::ordinal))
            .toList();
    if (targets.isEmpty() || (workloads.isEmpty() && firstQueryRuns == 0)) {
      throw new IllegalArgumentException("--dbs and --workloads must name at least one");
    }
    return new JdbcBenchConfig(
        (int) rows,
        (int) ops,
        (int) warmup,
        maxSeconds,
        (int) firstQueryRuns,
        args.number("seed", EngineBench.DEFAULT_SEED),
        args.flag("sync"),
        targets,
        workloads,
        Path.of(args.string("dir", "bench/target/bench-data/jdbc")),
        Path.of(args.string("out", "bench/target/results")));
  }

  private static void describe(JdbcBenchConfig config, Results results) {
    results.note(
        String.format(
            Locale.ROOT,
            "%,d rows: keys of %d ASCII characters, values of %d; up to %,d operations per read"
                + " workload after %,d untimed, each stopped after %d s; seed %d",
            config.rows(),
            KeyFormat.KEY_BYTES,
            ValueSource.VALUE_BYTES,
            config.ops(),
            config.warmup(),
            config.maxSeconds(),
            config.seed()));
    results.note(
        "Embedded file databases, one connection, auto-commit, one thread, one after another in"
            + " one JVM; the same rows, statements and random keys for each");
    results.note(
        config.sync()
            ? "Durability: Shale sync=true ≈ SQLite synchronous=FULL (fsync per commit); H2 has no"
                + " such setting and runs with its defaults (see the table below)"
            : "Durability: Shale sync=false ≈ SQLite synchronous=NORMAL in WAL mode (a commit"
                + " survives a crash of the process, not of the machine); H2 runs with its"
                + " defaults (see the table below)");
    results.note(
        String.format(
            Locale.ROOT,
            "Java %s, max heap %s, %d cores",
            Runtime.version(),
            MarkdownReport.mebibytes(Runtime.getRuntime().maxMemory()),
            Runtime.getRuntime().availableProcessors()));
    for (JdbcWorkload workload : config.workloads()) {
      results.note(workload.label() + ": " + workload.description());
    }
    if (config.firstQueryRuns() > 0) {
      results.note(
          "fresh JVM: "
              + config.firstQueryRuns()
              + " new JVMs with this classpath and default flags, each connecting (through the"
              + " driver class) and running one ad-hoc point select on the loaded database;"
              + " medians of connect, first query, and the child process from start to exit");
    }
  }

  private static void runTarget(
      JdbcTarget target,
      JdbcBenchConfig config,
      ValueSource values,
      Results results,
      PrintStream progress)
      throws Exception {
    String name = target.displayName();
    results.fact(name, "durability", target.durability(config.sync()));
    Path dir = ScratchDirectory.fresh(config.dir().resolve(target.optionName()));
    String url = target.url(dir, config.sync());
    List<JdbcWorkload> pending = new ArrayList<>(config.workloads());
    boolean loaded = false;
    try {
      try (Connection connection = target.connect(url)) {
        DatabaseMetaData meta = connection.getMetaData();
        results.fact(
            name,
            "version",
            meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        target.createTable(connection, config.sync());
        target.configure(connection, config.sync());

        JdbcWorkload.Input load =
            new JdbcWorkload.Input(
                config,
                values,
                null,
                EngineWorkload.permutation(
                    config.rows(), JdbcWorkload.INSERT.random(config.seed(), false)));
        boolean timedInsert = pending.remove(JdbcWorkload.INSERT);
        if (!timedInsert) {
          progress.printf("[%s] loading %,d rows (batch insert, untimed)%n", name, config.rows());
        }
        try (Statement insert = JdbcWorkload.INSERT.prepare(connection)) {
          Measurement m =
              loop(name, JdbcWorkload.INSERT, insert, load, config.rows(), Long.MAX_VALUE);
          if (timedInsert) {
            record(results, m, progress);
          }
        } catch (Exception e) {
          if (timedInsert) {
            results.add(Measurement.failed(name, JdbcWorkload.INSERT.label(), e));
          }
          throw e;
        }
        loaded = true;

        long budget = TimeUnit.SECONDS.toNanos(config.maxSeconds());
        while (!pending.isEmpty()) {
          JdbcWorkload workload = pending.remove(0);
          try (Statement statement = workload.prepare(connection)) {
            if (config.warmup() > 0) {
              loop(
                  name,
                  workload,
                  statement,
                  input(config, values, workload, true),
                  config.warmup(),
                  Math.max(1, budget / 5));
            }
            record(
                results,
                loop(
                    name,
                    workload,
                    statement,
                    input(config, values, workload, false),
                    config.ops(),
                    budget),
                progress);
          } catch (Exception e) {
            results.add(Measurement.failed(name, workload.label(), e));
            progress.printf("[%s] %s FAILED: %s%n", name, workload.label(), e);
            e.printStackTrace(progress);
          }
        }
      }
      // After close: H2 writes its commits in the background and SQLite checkpoints its WAL on
      // close, so only now do the files hold what each database keeps.
      results.fact(
          name, "disk after close", MarkdownReport.mebibytes(ScratchDirectory.sizeBytes(dir)));
      if (config.firstQueryRuns() > 0) {
        firstQuery(target, url, config, results, progress);
      }
    } catch (Exception e) {
      for (JdbcWorkload workload : pending) {
        results.add(Measurement.failed(name, workload.label(), e));
      }
      if (config.firstQueryRuns() > 0 && !loaded) {
        for (String workload : List.of(FRESH_CONNECT, FRESH_QUERY, FRESH_PROCESS)) {
          results.add(Measurement.failed(name, workload, e));
        }
      }
      progress.printf("[%s] could not go on: %s%n", name, e);
      e.printStackTrace(progress);
    } finally {
      ScratchDirectory.delete(dir);
    }
  }

  private static JdbcWorkload.Input input(
      JdbcBenchConfig config, ValueSource values, JdbcWorkload workload, boolean warmup) {
    return new JdbcWorkload.Input(config, values, workload.random(config.seed(), warmup), null);
  }

  /** Runs operations until {@code maxOps} are done or {@code budgetNanos} has passed. */
  private static Measurement loop(
      String name,
      JdbcWorkload workload,
      Statement statement,
      JdbcWorkload.Input input,
      long maxOps,
      long budgetNanos)
      throws Exception {
    long ops = 0;
    long start = System.nanoTime();
    long elapsed = 0;
    while (ops < maxOps && elapsed < budgetNanos) {
      ops += workload.op(statement, ops, input);
      elapsed = System.nanoTime() - start;
    }
    return Measurement.timed(name, workload.label(), ops, elapsed);
  }

  private static void record(Results results, Measurement m, PrintStream progress) {
    results.add(m);
    progress.printf(
        Locale.ROOT,
        "[%s] %-14s %,10d ops %10s µs/op %,12.0f ops/s%n",
        m.subject(),
        m.workload(),
        m.ops(),
        MarkdownReport.micros(m.microsPerOp()),
        m.opsPerSecond());
  }

  private static void firstQuery(
      JdbcTarget target,
      String url,
      JdbcBenchConfig config,
      Results results,
      PrintStream progress) {
    String name = target.displayName();
    List<Long> connect = new ArrayList<>();
    List<Long> query = new ArrayList<>();
    List<Long> process = new ArrayList<>();
    try {
      String key = KeyFormat.keyString(config.rows() / 2);
      for (int i = 0; i < config.firstQueryRuns(); i++) {
        FirstQueryProbe.Sample sample = FirstQueryProbe.run(target, url, key);
        connect.add(sample.connectNanos());
        query.add(sample.queryNanos());
        process.add(sample.processNanos());
      }
      int runs = config.firstQueryRuns();
      record(
          results,
          Measurement.median(name, FRESH_CONNECT, runs, FirstQueryProbe.median(connect)),
          progress);
      record(
          results,
          Measurement.median(name, FRESH_QUERY, runs, FirstQueryProbe.median(query)),
          progress);
      record(
          results,
          Measurement.median(name, FRESH_PROCESS, runs, FirstQueryProbe.median(process)),
          progress);
    } catch (Exception e) {
      for (String workload : List.of(FRESH_CONNECT, FRESH_QUERY, FRESH_PROCESS)) {
        results.add(Measurement.failed(name, workload, e));
      }
      progress.printf("[%s] fresh JVM FAILED: %s%n", name, e);
      e.printStackTrace(progress);
    }
  }
}
