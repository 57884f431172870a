package dev.shale.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The cold-start goal of issue 13: each common statement shape as the first statement of a fresh
 * JVM, Shale beside H2 and SQLite. This JVM creates each database once with {@code --rows} rows and
 * closes it; then, for every run, shape and database (the databases interleaved, their order
 * rotating from run to run, so a burst of other work on the machine hits all alike) it copies that
 * database and starts a child JVM running {@link FirstStatement} on the copy. Prints a Markdown
 * table of the medians to stdout, progress to stderr, and writes it with two CSVs to {@code --out};
 * exits with status 1 if any child failed.
 */
public final class FirstStatementBench {

  private static final String USAGE =
      """
      FirstStatementBench [--runs N] [--rows N] [--targets shale,h2,sqlite] [--shapes all]
                          [--java PATH] [--jvm-flags "FLAGS"] [--dir DIR] [--out DIR] [--smoke]
        --runs       fresh JVMs per database and shape; the report gives medians (default 5)
        --rows       rows in each database before the child opens it (default 1,000)
        --targets    which databases (default shale,h2,sqlite)
        --shapes     which statement shapes, or all (default all): insert,upsert,point_select,
                     range_select,update_key,update_range,delete_key,delete_range,count
        --java       the java binary of the child JVMs (default: this JVM's)
        --jvm-flags  flags of every child JVM, blank-separated (default none)
        --dir        where the databases and their copies go (default bench/target/bench-data/first-statement)
        --out        where the table and CSVs go (default bench/target/results)
        --smoke      a short run: 1 run, shapes insert,point_select, 100 rows
      """;

  private static final int BATCH = 1000;

  /** The options of one run. */
  record Config(
      int runs,
      int rows,
      List<JdbcTarget> targets,
      List<FirstStatementShape> shapes,
      String java,
      List<String> jvmFlags,
      Path dir,
      Path out) {}

  private FirstStatementBench() {}

  /** Runs the benchmark; exit status 2 on bad arguments, 1 if any child failed. */
  public static void main(String[] args) throws Exception {
    FirstStatementResults results;
    try {
      results = run(args, System.out, System.err);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    // A failed child is never a result: the report is printed, and the status says it failed.
    System.exit(results != null && results.failed() ? 1 : 0);
  }

  /** Runs the benchmark; returns null when only the usage was asked for. */
  static FirstStatementResults run(String[] args, PrintStream out, PrintStream progress)
      throws Exception {
    BenchArgs parsed =
        BenchArgs.parse(
            args,
            Set.of("runs", "rows", "targets", "shapes", "java", "jvm-flags", "dir", "out"),
            Set.of("smoke", "help"));
    if (parsed.flag("help")) {
      out.print(USAGE);
      return null;
    }
    Config config = config(parsed);
    String jvm =
        config.java()
            + (config.jvmFlags().isEmpty() ? "" : " " + String.join(" ", config.jvmFlags()));
    FirstStatementResults results =
        new FirstStatementResults(config.targets(), config.shapes(), config.rows(), jvm);

    List<JdbcTarget> ready = new ArrayList<>();
    for (JdbcTarget target : config.targets()) {
      try {
        create(target, template(config, target), config.rows(), results);
        ready.add(target);
        progress.printf("[%s] created %,d rows%n", target.displayName(), config.rows());
      } catch (Exception e) {
        progress.printf("[%s] could not create the database: %s%n", target.displayName(), e);
        e.printStackTrace(progress);
        for (FirstStatementShape shape : config.shapes()) {
          results.fail(target, shape, e);
        }
      }
    }

    try {
      for (int run = 0; run < config.runs(); run++) {
        for (FirstStatementShape shape : config.shapes()) {
          for (int i = 0; i < ready.size(); i++) {
            JdbcTarget target = ready.get((i + run) % ready.size());
            measure(config, run, target, shape, results, progress);
          }
        }
      }
    } finally {
      for (JdbcTarget target : config.targets()) {
        ScratchDirectory.delete(template(config, target));
      }
    }
    results.rowsInOrder().stream()
        .findFirst()
        .ifPresent(row -> results.childJava(row.s().javaVersion()));

    Files.createDirectories(config.out());
    String markdown = FirstStatementReport.markdown(results, config.runs());
    Files.writeString(config.out().resolve("first-statement.md"), markdown, StandardCharsets.UTF_8);
    FirstStatementReport.csv(results, config.out().resolve("first-statement.csv"));
    FirstStatementReport.samplesCsv(results, config.out().resolve("first-statement-samples.csv"));
    if (results.targets().size() > 1 && results.targets().get(0) == JdbcTarget.SHALE) {
      RatioChart.write(
          FirstStatementReport.ratios(results), config.out().resolve("first-statement-ratios"));
    }
    out.print(markdown);
    out.println(
        "Wrote first-statement.md, first-statement.csv, first-statement-samples.csv and"
            + " first-statement-ratios.png to "
            + config.out());
    return results;
  }

  private static Config config(BenchArgs args) {
    boolean smoke = args.flag("smoke");
    long runs = args.number("runs", smoke ? 1 : 5);
    long rows = args.number("rows", smoke ? 100 : 1_000);
    if (runs < 1 || runs > 1000) {
      throw new IllegalArgumentException("--runs must be 1..1000");
    }
    if (rows < FirstStatementShape.MIN_ROWS || rows > 10_000_000) {
      throw new IllegalArgumentException(
          "--rows must be " + FirstStatementShape.MIN_ROWS + "..10,000,000");
    }
    List<JdbcTarget> targets =
        args.list("targets", "shale,h2,sqlite").stream()
            .distinct()
            .map(JdbcTarget::fromOption)
            .toList();
    List<String> shapeNames = args.list("shapes", smoke ? "insert,point_select" : "all");
    List<FirstStatementShape> shapes =
        shapeNames.equals(List.of("all"))
            ? List.of(FirstStatementShape.values())
            : shapeNames.stream().distinct().map(FirstStatementShape::fromOption).toList();
    if (targets.isEmpty() || shapes.isEmpty()) {
      throw new IllegalArgumentException("--targets and --shapes must name at least one");
    }
    String flags = args.string("jvm-flags", "").trim();
    return new Config(
        (int) runs,
        (int) rows,
        targets,
        shapes,
        args.string("java", ChildJvm.currentJava()),
        flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+")),
        Path.of(args.string("dir", "bench/target/bench-data/first-statement")),
        Path.of(args.string("out", "bench/target/results")));
  }

  private static Path template(Config config, JdbcTarget target) {
    return config.dir().resolve("template-" + target.optionName());
  }

  /** Creates the database the children copy: the table and {@code rows} rows, then closes it. */
  private static void create(JdbcTarget target, Path dir, int rows, FirstStatementResults results)
      throws Exception {
    ScratchDirectory.fresh(dir);
    try (Connection connection = target.connect(target.url(dir, false))) {
      DatabaseMetaData meta = connection.getMetaData();
      results.fact(
          target,
          "version",
          meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
      target.createTable(connection, false);
      target.configure(connection, false);
      try (PreparedStatement insert =
          connection.prepareStatement(FirstStatementShape.INSERT.sql(target))) {
        for (int i = 0; i < rows; i++) {
          insert.setString(1, KeyFormat.keyString(i));
          insert.setString(2, FirstStatementShape.value(i, -1));
          insert.addBatch();
          if ((i + 1) % BATCH == 0 || i == rows - 1) {
            insert.executeBatch();
          }
        }
      }
    }
    results.fact(
        target,
        "data on disk",
        String.format(Locale.ROOT, "%.1f KiB", ScratchDirectory.sizeBytes(dir) / 1024.0));
  }

  private static void measure(
      Config config,
      int run,
      JdbcTarget target,
      FirstStatementShape shape,
      FirstStatementResults results,
      PrintStream progress)
      throws Exception {
    Path copy = config.dir().resolve("run-" + target.optionName());
    try {
      ScratchDirectory.copy(template(config, target), copy);
      FirstStatementProbe.Sample sample =
          FirstStatementProbe.run(
              config.java(), config.jvmFlags(), target, shape, copy, config.rows());
      results.add(run, target, shape, sample);
      progress.printf(
          "[run %d] %-6s %-12s connect %8.1f ms  first %8.1f ms  second %7.1f ms  process %7.0f"
              + " ms%n",
          run + 1,
          target.displayName(),
          shape.optionName(),
          sample.connectNanos() / 1e6,
          sample.firstNanos() / 1e6,
          sample.secondNanos() / 1e6,
          sample.processNanos() / 1e6);
    } catch (Exception e) {
      results.fail(target, shape, e);
      progress.printf(
          "[run %d] %s %s FAILED: %s%n", run + 1, target.displayName(), shape.optionName(), e);
    } finally {
      ScratchDirectory.delete(copy);
    }
  }
}
