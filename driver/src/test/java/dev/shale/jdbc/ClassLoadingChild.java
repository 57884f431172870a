package dev.shale.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test's main class run in a child JVM (a fresh one: nothing loaded yet) with class loading
 * logged to its standard output, for tests of what a cold JVM's first calls load.
 */
final class ClassLoadingChild {

  private static final String LOADED = "[class,load] ";

  /** What the child printed itself ({@link #said}), and every line, class loads included. */
  record Run(String said, List<String> lines) {

    /**
     * The names of the classes loaded after the line starting with {@code from} (from the start if
     * null) and before the one starting with {@code to}.
     */
    List<String> loadedBetween(String from, String to) {
      List<String> names = new ArrayList<>();
      boolean in = from == null;
      for (String line : lines) {
        if (from != null && line.startsWith(from)) {
          in = true;
        } else if (line.startsWith(to)) {
          break;
        }
        int at = line.indexOf(LOADED);
        if (in && at >= 0) {
          names.add(line.substring(at + LOADED.length()).split(" ", 2)[0]);
        }
      }
      return names;
    }
  }

  private ClassLoadingChild() {}

  /** Runs {@code main} with {@code flags}; fails the test unless it ends well within a minute. */
  static Run run(Class<?> main, String... flags) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xlog:class+load=info:stdout");
    command.addAll(List.of(flags));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
    List<String> lines = output.lines().toList();
    String said =
        lines.stream().filter(l -> !l.contains(LOADED)).reduce("", (a, b) -> a + b + "\n");
    assertEquals(0, child.exitValue(), "the child JVM failed:\n" + said);
    return new Run(said, lines);
  }
}
