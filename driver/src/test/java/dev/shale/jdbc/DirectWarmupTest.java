package dev.shale.jdbc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Once the direct path's warm-up has run beside the first connect, the common statement shapes load
 * no class of Shale's on their first run, and the warm-up never started the planner; with the
 * warm-up off, the same statements load dozens. Each checked in a child JVM ({@link
 * DirectWarmupColdMain}) with class loading logged and the planner's own warm-up off.
 */
class DirectWarmupTest {

  @Test
  void afterTheWarmUpTheFirstStatementsLoadNoShaleClass() throws Exception {
    ClassLoadingChild.Run warm = run(true);
    assertTrue(warm.said().contains(DirectWarmupColdMain.CONNECTED + "true"), warm.said());
    List<String> shale = shaleClasses(warm);
    assertEquals(List.of(), shale, "classes the first statements still loaded");
    List<String> planner =
        warm.loadedBetween(null, DirectWarmupColdMain.DONE).stream()
            .filter(n -> n.startsWith("org.apache.calcite.plan.volcano"))
            .toList();
    assertEquals(List.of(), planner, "the warm-up took the planner's path");
  }

  @Test
  void withoutTheWarmUpTheFirstStatementsLoadTheirPath() throws Exception {
    List<String> shale = shaleClasses(run(false));
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

  /** The classes of Shale's the child's statements load after its connect (and the warm-up). */
  private static List<String> shaleClasses(ClassLoadingChild.Run child) {
    return child.loadedBetween(DirectWarmupColdMain.CONNECTED, DirectWarmupColdMain.DONE).stream()
        .filter(n -> n.startsWith("dev.shale."))
        .toList();
  }

  private static ClassLoadingChild.Run run(boolean preload)
      throws IOException, InterruptedException {
    ClassLoadingChild.Run child =
        ClassLoadingChild.run(
            DirectWarmupColdMain.class, "-Dshale.warmup=false", "-Dshale.preload=" + preload);
    assertTrue(
        child.said().contains(DirectWarmupColdMain.DONE + 13), "wrong answers:\n" + child.said());
    return child;
  }
}
