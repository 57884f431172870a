package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a probe's main in a fresh JVM on this test's class path, for what one JVM cannot show. */
public final class ChildJvm {

  private ChildJvm() {}

  /**
   * Runs {@code main} with {@code jvmOptions} and {@code args}; returns its output (stdout and
   * stderr) once it has exited 0 within a minute, and fails the test otherwise.
   */
  public static String run(List<String> jvmOptions, Class<?> main, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(1, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the child JVM did not finish: " + out);
    }
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
