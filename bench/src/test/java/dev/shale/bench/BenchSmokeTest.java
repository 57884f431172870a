package dev.shale.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both benchmark mains, in this JVM, at toy sizes: every engine, database and workload must reach
 * the table, nothing may fail, and the CSV and plots must be written. Says nothing about speed.
 */
class BenchSmokeTest {

  @TempDir Path temp;

  @Test
  void engineBenchReportsEveryEngineAndWorkload() throws Exception {
    Path out = temp.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Results results =
        EngineBench.run(
            new String[] {
              "--num", "2000", "--dir", temp.resolve("data").toString(), "--out", out.toString()
            },
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            System.err);
    String table = stdout.toString(StandardCharsets.UTF_8);

    assertFalse(results.failed(), table);
    for (String engine : List.of("Shale", "RocksDB", "LevelDB")) {
      assertTrue(table.contains("| " + engine + " µs/op |"), engine + " missing:\n" + table);
      assertTrue(table.contains("| Shale/" + engine) || engine.equals("Shale"), table);
    }
    for (EngineWorkload workload : EngineWorkload.values()) {
      assertTrue(table.contains("| " + workload.optionName() + " |"), workload + ":\n" + table);
    }
    assertEquals(3 * EngineWorkload.values().length, results.measurements().size());
    assertNonEmpty(out.resolve("engine.csv"));
    assertNonEmpty(out.resolve("engine-facts.csv"));
    assertNonEmpty(out.resolve("engine.md"));
    assertNonEmpty(out.resolve("engine-ratios.png"));
    assertNonEmpty(out.resolve("engine-ratios.svg"));
    assertFalse(Files.exists(temp.resolve("data").resolve("shale")), "scratch data left behind");
  }

  @Test
  void engineBenchDropsItsWarmUpRounds() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Results results =
        EngineBench.run(
            new String[] {
              "--num", "500",
              "--engines", "shale,leveldb",
              "--workloads", "fillseq,readrandom",
              "--warmup-rounds", "2",
              "--dir", temp.resolve("data").toString(),
              "--out", temp.resolve("out").toString()
            },
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(progress, true, StandardCharsets.UTF_8));
    String table = stdout.toString(StandardCharsets.UTF_8);
    String log = progress.toString(StandardCharsets.UTF_8);

    assertFalse(results.failed(), table);
    assertEquals(2 * 2, results.measurements().size(), table); // the measured round only
    assertTrue(table.contains("Warm: measured after 2 dropped round(s)"), table);
    assertTrue(log.contains("warm-up round 2 of 2"), log);
    // Each round ran every engine through every workload: three fillseq lines per engine.
    assertEquals(3, log.split("\\[Shale\\] fillseq ", -1).length - 1, log);
    assertEquals(3, log.split("\\[LevelDB\\] fillseq ", -1).length - 1, log);
  }

  @Test
  void engineBenchRunsConcurrentSyncedWriters() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Results results =
        EngineBench.run(
            new String[] {
              "--num",
              "400",
              "--threads",
              "4",
              "--sync",
              "--workloads",
              "fillrandom,overwrite,deleterandom",
              "--dir",
              temp.resolve("data").toString(),
              "--out",
              temp.resolve("out").toString()
            },
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            System.err);
    String table = stdout.toString(StandardCharsets.UTF_8);

    assertFalse(results.failed(), table);
    assertEquals(3 * 3, results.measurements().size());
    assertTrue(table.contains("4 writing threads at once"), table);
    assertTrue(table.contains("fsync before each write returns"), table);
  }

  @Test
  void jdbcBenchReportsEveryDatabaseAndWorkload() throws Exception {
    Path out = temp.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Results results =
        JdbcBench.run(
            new String[] {
              "--rows", "2000",
              "--ops", "20",
              "--warmup", "5",
              "--first-query-runs", "1",
              "--dir", temp.resolve("data").toString(),
              "--out", out.toString()
            },
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            System.err);
    String table = stdout.toString(StandardCharsets.UTF_8);

    assertFalse(results.failed(), table);
    for (String db : List.of("Shale", "H2", "SQLite")) {
      assertTrue(table.contains("| " + db + " µs/op |"), db + " missing:\n" + table);
    }
    for (JdbcWorkload workload : JdbcWorkload.values()) {
      assertTrue(table.contains("| " + workload.label() + " |"), workload + ":\n" + table);
    }
    for (String fresh :
        List.of(JdbcBench.FRESH_CONNECT, JdbcBench.FRESH_QUERY, JdbcBench.FRESH_PROCESS)) {
      assertTrue(table.contains("| " + fresh + " |"), fresh + ":\n" + table);
    }
    assertNonEmpty(out.resolve("jdbc.csv"));
    assertNonEmpty(out.resolve("jdbc-facts.csv"));
    assertNonEmpty(out.resolve("jdbc.md"));
    assertNonEmpty(out.resolve("jdbc-ratios.png"));
    assertNonEmpty(out.resolve("jdbc-ratios.svg"));
  }

  private static void assertNonEmpty(Path file) throws Exception {
    assertTrue(Files.isRegularFile(file) && Files.size(file) > 0, file + " was not written");
  }
}
