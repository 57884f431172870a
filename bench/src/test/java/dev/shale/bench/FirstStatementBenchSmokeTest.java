package dev.shale.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FirstStatementBench} {@code --smoke} end to end, child JVMs included: every database and
 * shape of the smoke run must reach the table and the CSV with positive times, and no child may
 * fail. Says nothing about speed.
 */
class FirstStatementBenchSmokeTest {

  @TempDir Path temp;

  @Test
  void smokeRunReportsEveryShapeAndDatabase() throws Exception {
    Path out = temp.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    FirstStatementResults results =
        FirstStatementBench.run(
            new String[] {
              "--smoke", "--dir", temp.resolve("data").toString(), "--out", out.toString()
            },
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            System.err);
    String table = stdout.toString(StandardCharsets.UTF_8);

    assertFalse(results.failed(), table);
    List<FirstStatementShape> shapes =
        List.of(FirstStatementShape.INSERT, FirstStatementShape.POINT_SELECT);
    assertEquals(shapes, results.shapes());
    for (FirstStatementShape shape : shapes) {
      assertTrue(table.contains("| " + shape.optionName() + " |"), shape + ":\n" + table);
    }
    assertTrue(table.contains("| connect (all shapes) |"), table);
    for (JdbcTarget target : JdbcTarget.values()) {
      assertTrue(table.contains(target.displayName() + " first ms"), target + ":\n" + table);
    }

    Map<String, Double> medians = new HashMap<>();
    List<String> lines = Files.readAllLines(out.resolve("first-statement.csv"));
    assertEquals("target,shape,metric,runs,median_ms,min_ms,max_ms,error", lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      medians.put(
          fields[0] + "/" + fields[1] + "/" + fields[2],
          fields[4].isEmpty() ? Double.NaN : Double.parseDouble(fields[4]));
    }
    for (JdbcTarget target : JdbcTarget.values()) {
      for (FirstStatementShape shape : shapes) {
        for (String metric : List.of("connect", "first", "second", "process")) {
          String key = target.optionName() + "/" + shape.optionName() + "/" + metric;
          Double median = medians.get(key);
          assertTrue(median != null && median > 0, key + " = " + median + "\n" + lines);
        }
      }
    }
    assertEquals(
        1 + JdbcTarget.values().length * shapes.size(),
        Files.readAllLines(out.resolve("first-statement-samples.csv")).size());
    assertFalse(Files.exists(temp.resolve("data").resolve("run-shale")), "copy left behind");
  }
}
