package dev.shale.jdbc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
 * Once the direct path's warm-up has run beside the first connect, the common statement shapes load
 * no class of Shale's on their first run, and the warm-up never started the planner; with the
 * warm-up off, the same statements load dozens. Each checked in a child JVM ({@link
 * DirectWarmupColdMain}) with class loading logged and the planner's own warm-up off.
 */
class DirectWarmupTest {

  /** What the child printed, and the classes it loaded after its connect, split at the marks. */
  private record Child(String output, List<String> afterConnect, List<String> beforeDone) {}

  @Test
  void afterTheWarmUpTheFirstStatementsLoadNoShaleClass() throws Exception {
    Child warm = run(true);
    assertTrue(warm.output.contains(DirectWarmupColdMain.CONNECTED + "true"), warm.output);
    List<String> shale = shaleClasses(warm.afterConnect);
    assertEquals(List.of(), shale, "classes the first statements still loaded");
    List<String> planner =
        warm.beforeDone.stream()
            .filter(n -> n.startsWith("org.apache.calcite.plan.volcano"))
            .toList();
    assertEquals(List.of(), planner, "the warm-up took the planner's path");
  }

  @Test
  void withoutTheWarmUpTheFirstStatementsLoadTheirPath() throws Exception {
    Child cold = run(false);
    List<String> shale = shaleClasses(cold.afterConnect);
    assertTrue(shale.size() > 20, "only " + shale.size() + " classes loaded cold: " + shale);
  }

  @Test
  void everyClassTheWarmUpNamesExists() {
    for (String name : DirectWarmup.CLASSES) {
      assertDoesNotThrow(
          () -> Class.forName(name, false, DirectWarmup.class.getClassLoader()),
          name + " is gone: take it off DirectWarmup.CLASSES");
    }
  }

  private static List<String> shaleClasses(List<String> names) {
    return names.stream().filter(n -> n.startsWith("dev.shale.")).toList();
  }

  private static Child run(boolean preload) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Xlog:class+load=info:stdout",
                "-Dshale.warmup=false",
                "-Dshale.preload=" + preload,
                "-cp",
                System.getProperty("java.class.path"),
                DirectWarmupColdMain.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
    String said =
        output.lines().filter(l -> !l.contains("[class,load]")).reduce("", (a, b) -> a + b + "\n");
    assertEquals(0, child.exitValue(), "the child JVM failed:\n" + said);
    assertTrue(output.contains(DirectWarmupColdMain.DONE + 13), "wrong answers:\n" + said);
    List<String> afterConnect = new ArrayList<>();
    List<String> beforeDone = new ArrayList<>();
    boolean connected = false;
    for (String line : output.split("\n")) {
      if (line.startsWith(DirectWarmupColdMain.CONNECTED)) {
        connected = true;
      } else if (line.startsWith(DirectWarmupColdMain.DONE)) {
        break;
      }
      int at = line.indexOf("[class,load] ");
      if (at < 0) {
        continue;
      }
      String name = line.substring(at + "[class,load] ".length()).split(" ", 2)[0];
      beforeDone.add(name);
      if (connected) {
        afterConnect.add(name);
      }
    }
    return new Child(said, afterConnect, beforeDone);
  }
}
