package dev.shale.bench;

import java.io.IOException;
import java.util.List;

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
    ChildJvm.Outcome outcome =
        ChildJvm.run(
            ChildJvm.currentJava(),
            List.of(),
            FirstQuery.class,
            List.of(target.optionName(), url, key),
            TIMEOUT_SECONDS);
    String line = outcome.line(FirstQuery.PREFIX);
    return new Sample(
        ChildJvm.field(line, "connect_ns"),
        ChildJvm.field(line, "query_ns"),
        outcome.processNanos());
  }

  static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
