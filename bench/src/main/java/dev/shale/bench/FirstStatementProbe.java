package dev.shale.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One cold start of the first-statement benchmark: a fresh JVM runs {@link FirstStatement} on a
 * copy of a database this process created and closed.
 */
final class FirstStatementProbe {

  private static final long TIMEOUT_SECONDS = 120;

  /**
   * What one child measured, and the child from start to exit as this process saw it; {@code
   * jvmToMainMillis} has the runtime bean's millisecond resolution.
   */
  record Sample(
      long jvmToMainMillis,
      long connectNanos,
      long firstNanos,
      long secondNanos,
      long processNanos,
      String javaVersion) {}

  private FirstStatementProbe() {}

  static Sample run(
      String java,
      List<String> flags,
      JdbcTarget target,
      FirstStatementShape shape,
      Path dir,
      int rows)
      throws IOException, InterruptedException {
    ChildJvm.Outcome outcome =
        ChildJvm.run(
            java,
            flags,
            FirstStatement.class,
            List.of(
                target.optionName(),
                shape.optionName(),
                dir.toAbsolutePath().toString(),
                Integer.toString(rows)),
            TIMEOUT_SECONDS);
    String line = outcome.line(FirstStatement.PREFIX);
    return new Sample(
        ChildJvm.field(line, "jvm_to_main_ms"),
        ChildJvm.field(line, "connect_ns"),
        ChildJvm.field(line, "first_ns"),
        ChildJvm.field(line, "second_ns"),
        outcome.processNanos(),
        ChildJvm.text(line, "java_version"));
  }
}
