package dev.shale.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures what a user waits for on a cold start: a new JVM with this process's classpath runs
 * {@link FirstQuery} against a database this process has closed.
 */
final class FirstQueryProbe {

  private static final long TIMEOUT_SECONDS = 300;

  /** One cold start: connect, first query, and the child process from start to exit. */
  record Sample(long connectNanos, long queryNanos, long processNanos) {}

  private FirstQueryProbe() {}

  static Sample run(JdbcTarget target, String url, String key)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                FirstQuery.class.getName(),
                target.optionName(),
                url,
                key)
            .redirectErrorStream(true);
    long start = System.nanoTime();
    Process process = builder.start();
    // Read before waiting: a child blocked on a full pipe would never exit.
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("first-query child did not finish: " + output);
    }
    long processNanos = System.nanoTime() - start;
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "first-query child exited with " + process.exitValue() + ":\n" + output);
    }
    for (String line : output.split("\\R")) {
      if (line.startsWith(FirstQuery.PREFIX + " ")) {
        return new Sample(field(line, "connect_ns"), field(line, "query_ns"), processNanos);
      }
    }
    throw new IllegalStateException("first-query child printed no timing:\n" + output);
  }

  static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  private static long field(String line, String name) {
    for (String part : line.split(" ")) {
      if (part.startsWith(name + "=")) {
        return Long.parseLong(part.substring(name.length() + 1));
      }
    }
    throw new IllegalStateException("no " + name + " in '" + line + "'");
  }
}
