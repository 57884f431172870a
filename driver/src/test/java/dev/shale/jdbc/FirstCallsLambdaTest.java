package dev.shale.jdbc;

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
 * A fresh JVM's first statement through any of the connection's factories, and its first
 * transaction, spin no lambda class of Shale's: each costs about half a millisecond the first time
 * its expression is evaluated (before the JIT has run), on the path of an application's first
 * request. Checked in a child JVM ({@link FirstCallsColdMain}) with class loading logged.
 */
class FirstCallsLambdaTest {

  @Test
  void theFirstCallsOfAFreshJvmSpinNoLambdaOfShales() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Xlog:class+load=info:stdout",
                // Else the warm-up's thread could spin them first (see DirectWarmup).
                "-Dshale.preload=false",
                "-cp",
                System.getProperty("java.class.path"),
                FirstCallsColdMain.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
    String said =
        output.lines().filter(l -> !l.contains("[class,load]")).reduce("", (a, b) -> a + b + "\n");
    assertEquals(0, child.exitValue(), "the child JVM failed:\n" + said);
    assertTrue(
        output.contains(FirstCallsColdMain.DONE + 8),
        "the child's statements went wrong:\n" + said);
    List<String> lambdas = new ArrayList<>();
    int between = 0;
    boolean connected = false;
    for (String line : output.split("\n")) {
      if (line.startsWith(FirstCallsColdMain.CONNECTED)) {
        connected = true;
      } else if (line.startsWith(FirstCallsColdMain.DONE)) {
        break;
      }
      int at = line.indexOf("[class,load] ");
      if (!connected || at < 0) {
        continue;
      }
      between++;
      String name = line.substring(at + "[class,load] ".length()).split(" ", 2)[0];
      if (name.startsWith("dev.shale.") && name.contains("$$Lambda")) {
        lambdas.add(name);
      }
    }
    assertTrue(between > 0, "class loading was not logged between the marks:\n" + output);
    assertEquals(List.of(), lambdas, "lambda classes spun by the first calls");
  }
}
