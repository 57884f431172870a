package dev.shale.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Bulk load of one CSV (keys of 16 bytes, values of 32..100) into an empty database, each run in a
 * fresh child process and timed from its start to its exit: Shale's {@code load} with the rows in
 * key order and shuffled, H2's {@code INSERT INTO t SELECT * FROM CSVREAD(...)} and SQLite's {@code
 * .import} with the {@code sqlite3} command line (skipped with a message if absent). Prints one
 * Markdown table and writes bench/results/load-bench.csv.
 *
 * <p>{@code java -cp "$CP" dev.shale.bench.LoadBench [--rows 10000000] [--smoke] [--sqlite3
 * /usr/bin/sqlite3]}; the input lives in a temporary directory deleted afterwards.
 */
public final class LoadBench {

  private record Result(String engine, String input, long rows, double seconds) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("h2-child")) {
      h2Child(Path.of(args[1]), Path.of(args[2]));
      return;
    }
    long rows = 10_000_000;
    String sqlite3 = "/usr/bin/sqlite3";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--smoke" -> rows = 100_000;
        case "--sqlite3" -> sqlite3 = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path work = Files.createTempDirectory("shale-loadbench");
    try {
      Path sorted = work.resolve("sorted.csv");
      Path shuffled = work.resolve("shuffled.csv");
      long t0 = System.nanoTime();
      write(sorted, rows, false);
      write(shuffled, rows, true);
      System.err.printf(
          Locale.ROOT,
          "generated %,d rows (%,d bytes) in %.1f s%n",
          rows,
          Files.size(sorted),
          (System.nanoTime() - t0) / 1e9);
      List<Result> results = new ArrayList<>();
      for (Path input : List.of(sorted, shuffled)) {
        String name = input.getFileName().toString().replace(".csv", "");
        results.add(
            new Result(
                "Shale load",
                name,
                rows,
                timeJava(
                    work,
                    List.of(
                        "dev.shale.jdbc.Main",
                        "load",
                        "--dir",
                        work.resolve("shale-" + name).toString(),
                        input.toString()))));
        results.add(
            new Result(
                "H2 CSVREAD",
                name,
                rows,
                timeJava(
                    work,
                    List.of(
                        LoadBench.class.getName(),
                        "h2-child",
                        work.resolve("h2-" + name).toString(),
                        input.toString()))));
        if (Files.isExecutable(Path.of(sqlite3))) {
          results.add(
              new Result("SQLite .import", name, rows, timeSqlite(sqlite3, work, name, input)));
        } else {
          System.err.println("sqlite3 not found at " + sqlite3 + ": SQLite skipped");
        }
        deleteTree(work.resolve("shale-" + name));
      }
      report(results);
    } finally {
      deleteTree(work);
    }
  }

  /** The CSV: key k%015d (16 bytes), a value of 32..100 letters fixed by the row's number. */
  private static void write(Path file, long rows, boolean shuffle) throws IOException {
    int n = Math.toIntExact(rows);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (shuffle) {
      Random r = new Random(42);
      for (int i = n - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    char[] value = new char[100];
    try (Writer w =
        new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20)) {
      w.write("key,value\n");
      for (int i = 0; i < n; i++) {
        int row = order[i];
        long x = row * 0x9E3779B97F4A7C15L + 1;
        int length = 32 + (int) Long.remainderUnsigned(x, 69);
        for (int c = 0; c < length; c++) {
          x ^= x << 13;
          x ^= x >>> 7;
          x ^= x << 17;
          value[c] = (char) ('a' + (int) Long.remainderUnsigned(x, 26));
        }
        w.write(String.format(Locale.ROOT, "k%015d", row));
        w.write(',');
        w.write(value, 0, length);
        w.write('\n');
      }
    }
  }

  private static double timeJava(Path work, List<String> mainAndArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(mainAndArgs);
    return time(command, work, null);
  }

  private static double timeSqlite(String sqlite3, Path work, String name, Path input)
      throws Exception {
    Path script = work.resolve("import-" + name + ".sql");
    Files.writeString(
        script,
        "CREATE TABLE t(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;\n"
            + ".mode csv\n"
            + ".import --skip 1 '"
            + input
            + "' t\n");
    return time(List.of(sqlite3, work.resolve("sqlite-" + name + ".db").toString()), work, script);
  }

  private static double time(List<String> command, Path work, Path stdin) throws Exception {
    Path log = Files.createTempFile(work, "child", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    if (stdin != null) {
      builder.redirectInput(stdin.toFile());
    }
    long start = System.nanoTime();
    Process p = builder.start();
    int exit = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    String output = Files.readString(log);
    System.err.print(output);
    if (exit != 0) {
      throw new IllegalStateException(command + " exited " + exit + ": " + output);
    }
    return seconds;
  }

  /** The H2 child: one CSVREAD into an empty table with a primary key, then a count. */
  private static void h2Child(Path db, Path csv) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:" + db.toAbsolutePath());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t(\"key\" VARCHAR PRIMARY KEY, \"value\" VARCHAR)");
      s.execute("INSERT INTO t SELECT * FROM CSVREAD('" + csv.toAbsolutePath() + "')");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
        rs.next();
        System.err.println("h2: " + rs.getLong(1) + " rows");
      }
    }
  }

  private static void report(List<Result> results) throws IOException {
    double base = results.get(0).rowsPerSecond();
    StringBuilder md = new StringBuilder();
    md.append("| engine | input | rows | seconds | rows/s | vs Shale sorted |\n");
    md.append("|---|---|---:|---:|---:|---:|\n");
    StringBuilder csv = new StringBuilder("engine,input,rows,seconds,rows_per_second\n");
    for (Result r : results) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d | %.1f | %,.0f | %.2fx |%n",
              r.engine(),
              r.input(),
              r.rows(),
              r.seconds(),
              r.rowsPerSecond(),
              r.rowsPerSecond() / base));
      csv.append(
          String.format(
              Locale.ROOT,
              "%s,%s,%d,%.3f,%.0f%n",
              r.engine(),
              r.input(),
              r.rows(),
              r.seconds(),
              r.rowsPerSecond()));
    }
    System.out.print(md);
    Path out = Path.of("bench", "results");
    Files.createDirectories(out);
    Files.writeString(out.resolve("load-bench.csv"), csv);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
