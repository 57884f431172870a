package dev.shale.sql.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The point of the direct executor: a fresh JVM that parses and runs every direct shape (its
 * failures too) never loads Calcite's parser, validator, planner, JDBC layer or Avatica, the
 * classes whose loading and warm-up make the first planned statement slow. Checked in a child JVM
 * ({@link DirectColdMain}) with class loading logged.
 */
class DirectClassLoadingTest {

  /** Packages the direct path must not load (linq4j, Calcite's runtime utilities and Guava may). */
  static final List<String> FORBIDDEN =
      List.of(
          "org.apache.calcite.sql.",
          "org.apache.calcite.rel.",
          "org.apache.calcite.plan.",
          "org.apache.calcite.rex.",
          "org.apache.calcite.jdbc.",
          "org.apache.calcite.prepare.",
          "org.apache.calcite.avatica.");

  @Test
  void aColdJvmRunsEveryDirectShapeWithoutLoadingCalcitesPlanner()
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Xlog:class+load=info:stdout",
                "-cp",
                System.getProperty("java.class.path"),
                DirectColdMain.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
    String said =
        output.lines().filter(l -> !l.contains("[class,load]")).reduce("", (a, b) -> a + b + "\n");
    assertEquals(0, child.exitValue(), "the child JVM failed:\n" + said);
    int shapes = DirectColdMain.STATEMENTS.size();
    assertTrue(
        output.contains(DirectColdMain.DONE + shapes + " (3 failed as expected)"),
        "the child did not run all " + shapes + " statements:\n" + said);
    List<String> loaded = new ArrayList<>();
    int calcite = 0;
    for (String line : output.split("\n")) {
      int at = line.indexOf("[class,load] ");
      if (at < 0) {
        continue;
      }
      String name = line.substring(at + "[class,load] ".length()).split(" ", 2)[0];
      calcite += name.startsWith("org.apache.calcite.") ? 1 : 0;
      if (FORBIDDEN.stream().anyMatch(name::startsWith)) {
        loaded.add(name);
      }
    }
    assertTrue(calcite > 0, "class loading was not logged (or linq4j not used):\n" + output);
    assertEquals(List.of(), loaded, "classes the direct path must not load");
  }
}
