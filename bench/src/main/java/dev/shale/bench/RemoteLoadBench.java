package dev.shale.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Many clients over the network (issue 11): Shale's server beside H2's TCP server, each a child JVM
 * with the same heap and class path serving one database on a loopback port, loaded with the same
 * rows. For each client count, that many threads, each with its own connection, run the same seeded
 * mix of point selects, updates and short scans; this JVM measures throughput and latency. Prints a
 * Markdown table to stdout, progress to stderr, and writes CSV and a plot to {@code --out}; exits
 * with status 1 if any client saw an error.
 */
public final class RemoteLoadBench {

  private static final String USAGE =
      """
      RemoteLoadBench [--rows N] [--clients 1,8,32,64] [--ops-per-client N] [--seconds S]
                      [--warmup-seconds S] [--targets shale,h2] [--server-heap 1g]
                      [--shale-sync true|false] [--start-timeout S] [--seed N] [--dir DIR]
                      [--out DIR] [--smoke]
        --rows            rows loaded before measuring, by batch insert (default 100,000)
        --clients         the client counts measured, one after another (default 1,8,32,64)
        --ops-per-client  a client stops after this many operations... (default 2,000)
        --seconds         ...or after this long, whichever comes first (default 10)
        --warmup-seconds  unmeasured mixed work on the same connections before each count (default 3)
        --targets         which servers; Shale, when present, is the reference (default shale,h2)
        --server-heap     -Xmx of both server JVMs (default 1g)
        --shale-sync      opens Shale's database with this sync setting (default: Shale's own, true)
        --start-timeout   seconds a server may take to accept connections (default 30)
        --seed            seed of every random choice (default 20240611)
        --dir             where the databases and server logs go (default bench/target/bench-data/remote-load)
        --out             where the table, CSV and plot go (default bench/target/results)
        --smoke           a short run: 1,000 rows, clients 1,4, 100 ops or 1 s, no warm-up
      """;

  private RemoteLoadBench() {}

  public static void main(String[] args) throws Exception {
    LoadResults results;
    try {
      results = run(args, System.out, System.err);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    // An error is never a result: the report is printed, and the status says it failed.
    System.exit(results != null && results.failed() ? 1 : 0);
  }

  /** Runs the benchmark; returns null when only the usage was asked for. */
  static LoadResults run(String[] args, PrintStream out, PrintStream progress) throws Exception {
    BenchArgs parsed =
        BenchArgs.parse(
            args,
            Set.of(
                "rows",
                "clients",
                "ops-per-client",
                "seconds",
                "warmup-seconds",
                "targets",
                "server-heap",
                "shale-sync",
                "start-timeout",
                "seed",
                "dir",
                "out"),
            Set.of("smoke", "help"));
    if (parsed.flag("help")) {
      out.print(USAGE);
      return null;
    }
    RemoteLoadConfig config = config(parsed);
    LoadResults results =
        new LoadResults(
            config.targets().stream().map(RemoteTarget::displayName).toList(), config.clients());
    describe(config, results);
    progress.printf("seed %d%n", config.seed());

    ValueSource values = new ValueSource(config.seed());
    runAll(config, values, results, progress);

    Files.createDirectories(config.out());
    String markdown = LoadReport.markdown(results);
    Files.writeString(config.out().resolve("remote-load.md"), markdown, StandardCharsets.UTF_8);
    LoadReport.csv(
        results,
        config.out().resolve("remote-load.csv"),
        config.out().resolve("remote-load-facts.csv"));
    Path plot = LoadChart.write(results, config.out().resolve("remote-load"));
    out.print(markdown);
    out.println(
        "Wrote remote-load.md, remote-load.csv, remote-load-facts.csv"
            + (plot == null ? " (no plot: nothing was measured)" : " and " + plot.getFileName())
            + " to "
            + config.out());
    return results;
  }

  private static RemoteLoadConfig config(BenchArgs args) {
    boolean smoke = args.flag("smoke");
    long rows = args.number("rows", smoke ? 1_000 : 100_000);
    List<Integer> clients = new ArrayList<>();
    for (String count : args.list("clients", smoke ? "1,4" : "1,8,32,64")) {
      try {
        clients.add(Integer.parseInt(count));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--clients is a list of whole numbers, not " + count);
      }
    }
    long opsPerClient = args.number("ops-per-client", smoke ? 100 : 2_000);
    long seconds = args.number("seconds", smoke ? 1 : 10);
    long warmupSeconds = args.number("warmup-seconds", smoke ? 0 : 3);
    long startTimeout = args.number("start-timeout", 30);
    String shaleSync = args.string("shale-sync", "");
    if (rows < 1 || rows > 100_000_000 || opsPerClient < 1 || seconds < 1) {
      throw new IllegalArgumentException(
          "--rows must be 1..1e8, --ops-per-client and --seconds at least 1");
    }
    if (warmupSeconds < 0 || startTimeout < 1) {
      throw new IllegalArgumentException("--warmup-seconds must be 0 or more, --start-timeout 1+");
    }
    if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1 || c > 1024)) {
      throw new IllegalArgumentException("--clients must name counts of 1..1024");
    }
    if (!Set.of("", "true", "false").contains(shaleSync)) {
      throw new IllegalArgumentException("--shale-sync is true or false, not " + shaleSync);
    }
    // Shale first: it is the reference of every ratio.
    List<RemoteTarget> targets =
        args.list("targets", "shale,h2").stream()
            .map(RemoteTarget::fromOption)
            .distinct()
            .sorted(Comparator.comparing(RemoteTarget::ordinal))
            .toList();
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("--targets must name at least one server");
    }
    return new RemoteLoadConfig(
        (int) rows,
        clients.stream().distinct().toList(),
        opsPerClient,
        seconds,
        warmupSeconds,
        args.number("seed", EngineBench.DEFAULT_SEED),
        args.string("server-heap", "1g"),
        shaleSync,
        startTimeout,
        targets,
        Path.of(args.string("dir", "bench/target/bench-data/remote-load")),
        Path.of(args.string("out", "bench/target/results")));
  }

  private static void describe(RemoteLoadConfig config, LoadResults results) {
    results.note(
        String.format(
            Locale.ROOT,
            "%,d rows loaded first (`INSERT INTO kv VALUES (?, ?)`, %d rows per `executeBatch`,"
                + " one connection, untimed): keys of %d ASCII characters, values of %d",
            config.rows(),
            JdbcWorkload.INSERT_BATCH,
            KeyFormat.KEY_BYTES,
            ValueSource.VALUE_BYTES));
    StringBuilder mix = new StringBuilder("Each operation drawn at random: ");
    for (MixedOp op : MixedOp.values()) {
      mix.append(op.percent()).append("% ").append(op.label()).append(" `").append(op.sql());
      mix.append(op == MixedOp.SCAN ? "`" : "`, ");
    }
    results.note(
        mix
            + "; random existing keys, auto-commit; the same SQL, and per client the same seeded"
            + " sequence, on every server; seed "
            + config.seed());
    results.note(
        String.format(
            Locale.ROOT,
            "Each client a thread with its own connection and prepared statements, in a closed"
                + " loop (no think time); per client count, %d s of unmeasured warm-up, then each"
                + " client stops after %,d operations or %d s, whichever comes first. Throughput:"
                + " completed operations over the wall time from the first client's start to the"
                + " last one's end",
            config.warmupSeconds(),
            config.opsPerClient(),
            config.seconds()));
    results.note(
        "Latency: from the call to the last row read, per operation, in an HdrHistogram (3"
            + " significant digits); the service time a client sees, queueing in the server"
            + " included, not corrected for coordinated omission");
    results.note(
        String.format(
            Locale.ROOT,
            "Each server a child JVM (`java -Xmx%s -cp <this class path> ...`) on 127.0.0.1,"
                + " all started and loaded first, then measured in turn at each client count (the"
                + " others idle meanwhile); the clients run in this JVM (Java %s, max heap %s) on"
                + " the same %d cores",
            config.serverHeap(),
            Runtime.version(),
            MarkdownReport.mebibytes(Runtime.getRuntime().maxMemory()),
            Runtime.getRuntime().availableProcessors()));
  }

  /** A server that started and holds the loaded rows. */
  private record Served(RemoteTarget target, ServerProcess server, int port, Path dir) {}

  /**
   * Starts every server and loads it, then measures client count by client count, every server in
   * turn at each count: on a shared machine, whatever else runs meanwhile then falls on both sides
   * alike rather than on whichever server happened to run during it.
   */
  private static void runAll(
      RemoteLoadConfig config, ValueSource values, LoadResults results, PrintStream progress)
      throws Exception {
    List<Served> served = new ArrayList<>();
    try {
      for (RemoteTarget target : config.targets()) {
        Served one = startAndLoad(target, config, values, results, progress);
        if (one != null) {
          served.add(one);
        }
      }
      for (int clients : config.clients()) {
        for (Served one : served) {
          String name = one.target().displayName();
          LoadPoint point;
          try {
            point = ClientFleet.measure(one.target(), one.port(), clients, config, values);
          } catch (Exception e) {
            // One count failing (a connection refused, a client stuck) says nothing of the next.
            point = LoadPoint.failed(name, clients, e);
            e.printStackTrace(progress);
          }
          results.add(point);
          report(point, progress);
        }
      }
    } finally {
      for (Served one : served) {
        String name = one.target().displayName();
        results.fact(name, "stop (SIGTERM)", one.server().stop());
        results.fact(
            name,
            "disk after stop",
            MarkdownReport.mebibytes(ScratchDirectory.sizeBytes(one.dir())));
        ScratchDirectory.delete(one.dir());
      }
    }
  }

  /**
   * Starts {@code target}'s server and loads the rows; if that fails, records every client count of
   * it as failed, cleans up, and returns null.
   */
  private static Served startAndLoad(
      RemoteTarget target,
      RemoteLoadConfig config,
      ValueSource values,
      LoadResults results,
      PrintStream progress)
      throws Exception {
    String name = target.displayName();
    results.fact(name, "durability", target.durability(config.shaleSync()));
    Path dir = ScratchDirectory.fresh(config.dir().resolve(target.optionName()));
    Path log = config.dir().resolve(target.optionName() + "-server.log");
    ServerProcess server = null;
    try {
      int port = ServerProcess.freePort();
      List<String> command = target.serverMainAndArgs(dir, port, config.shaleSync());
      results.fact(name, "server", String.join(" ", command.subList(0, 2)) + " …");
      progress.printf("[%s] starting %s (log %s)%n", name, String.join(" ", command), log);
      server =
          ServerProcess.start(
              List.of("-Xmx" + config.serverHeap()),
              command,
              port,
              log,
              Duration.ofSeconds(config.startTimeoutSeconds()));
      results.fact(name, "port open after", seconds(server.startedAfterNanos()));
      long loadStart = System.nanoTime();
      try (Connection connection = target.connect(port)) {
        DatabaseMetaData meta = connection.getMetaData();
        results.fact(
            name,
            "version",
            meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        target.createTable(connection);
        load(connection, config, values);
      }
      results.fact(name, "load", seconds(System.nanoTime() - loadStart));
      progress.printf("[%s] loaded %,d rows%n", name, config.rows());
      return new Served(target, server, port, dir);
    } catch (Exception e) {
      for (int clients : config.clients()) {
        results.add(LoadPoint.failed(name, clients, e));
      }
      progress.printf("[%s] could not go on: %s (server log: %s)%n", name, e, log);
      e.printStackTrace(progress);
      if (server != null) {
        results.fact(name, "stop (SIGTERM)", server.stop());
      }
      ScratchDirectory.delete(dir);
      return null;
    }
  }

  /** Every key once, in a seeded random order, as JdbcBench loads them. */
  private static void load(Connection connection, RemoteLoadConfig config, ValueSource values)
      throws Exception {
    int[] order = EngineWorkload.permutation(config.rows(), new SplittableRandom(config.seed()));
    connection.setAutoCommit(true);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (int from = 0; from < order.length; from += JdbcWorkload.INSERT_BATCH) {
        int to = Math.min(order.length, from + JdbcWorkload.INSERT_BATCH);
        for (int i = from; i < to; i++) {
          insert.setString(1, KeyFormat.keyString(order[i]));
          insert.setString(2, values.string(order[i]));
          insert.addBatch();
        }
        for (int count : insert.executeBatch()) {
          if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
            throw new IllegalStateException("An insert of the load reported " + count + " rows");
          }
        }
      }
    }
  }

  private static void report(LoadPoint point, PrintStream progress) {
    progress.printf(
        Locale.ROOT,
        "[%s] %3d clients: %,9d ops in %5.1f s %,10.0f ops/s  p50 %8s µs  p99 %8s µs  errors %,d%s%n",
        point.target(),
        point.clients(),
        point.ops(),
        point.wallNanos() / 1e9,
        point.opsPerSecond(),
        point.measured() ? MarkdownReport.micros(point.micros(null, 50)) : "—",
        point.measured() ? MarkdownReport.micros(point.micros(null, 99)) : "—",
        point.errors(),
        point.firstError() == null ? "" : " (first: " + point.firstError() + ")");
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
