package dev.shale.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * The child JVM of the first-statement benchmark: in a JVM that has run nothing else, connects to a
 * database an earlier JVM created and closed, runs one statement shape twice with different
 * parameters, and prints the times on one line {@link FirstStatementProbe} reads:
 *
 * <pre>first-statement jvm_to_main_ms=… connect_ns=… first_ns=… second_ns=… java_version=…</pre>
 *
 * <p>{@code connect} is the driver's {@code connect} (plus SQLite's per-connection pragma); {@code
 * first} and {@code second} each prepare, bind, execute, read the whole answer and close the
 * statement. {@code jvm_to_main} is the time from the JVM's start (as the runtime bean records it)
 * to the first line of {@code main}. A wrong answer is an exception and a non-zero exit status.
 *
 * <p>Usage: {@code FirstStatement <shale|h2|sqlite> <shape> <data dir> <rows>}
 */
public final class FirstStatement {

  static final String PREFIX = "first-statement";

  private FirstStatement() {}

  /** Runs one shape twice in this fresh JVM and prints the timing line; see the class comment. */
  public static void main(String[] args) throws Exception {
    long mainMillis = System.currentTimeMillis();
    if (args.length != 4) {
      throw new IllegalArgumentException(
          "usage: FirstStatement <shale|h2|sqlite> <shape> <data dir> <rows>");
    }
    JdbcTarget target = JdbcTarget.fromOption(args[0]);
    FirstStatementShape shape = FirstStatementShape.fromOption(args[1]);
    String url = target.url(Path.of(args[2]), false);
    int rows = Integer.parseInt(args[3]);

    long start = System.nanoTime();
    try (Connection connection = target.connect(url)) {
      target.configure(connection, false);
      long connected = System.nanoTime();
      shape.execute(connection, target, rows, 0);
      long first = System.nanoTime();
      shape.execute(connection, target, rows, 1);
      long second = System.nanoTime();
      // Read after the clock: the management classes load on first use.
      long jvmToMain = mainMillis - ManagementFactory.getRuntimeMXBean().getStartTime();
      System.out.println(
          PREFIX
              + " jvm_to_main_ms="
              + jvmToMain
              + " connect_ns="
              + (connected - start)
              + " first_ns="
              + (first - connected)
              + " second_ns="
              + (second - first)
              + " java_version="
              + System.getProperty("java.version"));
    }
  }
}
