package dev.shale.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fresh JVM's first statement through any of the connection's factories, and its first
 * transaction, spin no lambda class of Shale's: each costs about half a millisecond the first time
 * its expression is evaluated (before the JIT has run), on the path of an application's first
 * request. Checked in a child JVM ({@link FirstCallsColdMain}) with class loading logged ({@link
 * ClassLoadingChild}).
 */
class FirstCallsLambdaTest {

  @Test
  void theFirstCallsOfAFreshJvmSpinNoLambdaOfShales() throws IOException, InterruptedException {
    // Without the warm-up, whose thread could spin them first (see DirectWarmup).
    ClassLoadingChild.Run child =
        ClassLoadingChild.run(FirstCallsColdMain.class, "-Dshale.preload=false");
    assertTrue(
        child.said().contains(FirstCallsColdMain.DONE + 8),
        "the child's statements went wrong:\n" + child.said());
    List<String> loaded =
        child.loadedBetween(FirstCallsColdMain.CONNECTED, FirstCallsColdMain.DONE);
    assertTrue(!loaded.isEmpty(), "class loading was not logged between the marks");
    List<String> lambdas =
        loaded.stream().filter(n -> n.startsWith("dev.shale.") && n.contains("$$Lambda")).toList();
    assertEquals(List.of(), lambdas, "lambda classes spun by the first calls");
  }
}
