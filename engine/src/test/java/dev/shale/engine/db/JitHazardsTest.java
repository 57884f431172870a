package dev.shale.engine.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.ChildJvm;
import java.io.IOException;
import java.util.List;
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
    return ChildJvm.run(List.of("-Xlog:class+load=info"), JitHazardsProbe.class);
  }
}
