package dev.shale.bench;

import java.io.PrintStream;

/**
 * What every benchmark's {@code main} does around its run: usage and exit status 2 on bad
 * arguments, exit status 1 after the report when a workload failed, so that a failure never passes
 * for a result.
 */
final class BenchLauncher {

  /** A benchmark run: returns null when only the usage was asked for. */
  interface Run {
    Results run(String[] args, PrintStream out, PrintStream progress) throws Exception;
  }

  private BenchLauncher() {}

  static void launch(String[] args, Run run, String usage) throws Exception {
    Results results;
    try {
      results = run.run(args, System.out, System.err);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(usage);
      System.exit(2);
      return;
    }
    if (results != null && results.failed()) {
      System.exit(1);
    }
  }
}
