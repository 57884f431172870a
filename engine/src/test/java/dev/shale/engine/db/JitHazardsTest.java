package dev.shale.engine.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JitHazardsTest {

  /**
   * In a fresh JVM (this one has run other tests' threads), opening a database has loaded the lock
   * queue's second node class before the first write, not at the first flush's hand-off.
   */
  @Test
  void openingLoadsTheLockQueuesSecondNodeClassBeforeAnyWrite()
      throws IOException, InterruptedException {
    String out = childJvmClassLog();
    int loaded = out.indexOf("java.util.concurrent.locks.AbstractQueuedSynchronizer$ExclusiveNode");
    int opened = out.indexOf("PROBE: opened");
    assertTrue(opened >= 0, out);
    assertTrue(loaded >= 0 && loaded < opened, "ExclusiveNode loaded at open:\n" + out);
  }

  private static String childJvmClassLog() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-Xlog:class+load=info",
                "-cp",
                System.getProperty("java.class.path"),
                JitHazardsProbe.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(1, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the child JVM did not finish: " + out);
    }
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
