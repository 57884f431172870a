package dev.shale.bench;

/**
 * One subject (engine or database) on one workload: how many operations and how long each took, as
 * a mean over a timed loop or as a median of separate runs, or why it failed.
 */
record Measurement(
    String subject,
    String workload,
    long ops,
    double nanosPerOp,
    Statistic statistic,
    String error) {

  enum Statistic {
    /** Total time over the operations of one timed loop. */
    MEAN,
    /** The median of runs timed one by one; a rate means nothing for it. */
    MEDIAN
  }

  static Measurement timed(String subject, String workload, long ops, long nanos) {
    if (ops <= 0) {
      throw new IllegalArgumentException(subject + " " + workload + ": no operations were timed");
    }
    return new Measurement(subject, workload, ops, (double) nanos / ops, Statistic.MEAN, null);
  }

  /** The median of {@code runs} separately timed runs. */
  static Measurement median(String subject, String workload, long runs, double nanos) {
    return new Measurement(subject, workload, runs, nanos, Statistic.MEDIAN, null);
  }

  static Measurement failed(String subject, String workload, Throwable error) {
    String message = error.getClass().getSimpleName() + ": " + error.getMessage();
    return new Measurement(subject, workload, 0, Double.NaN, Statistic.MEAN, message);
  }

  boolean ok() {
    return error == null;
  }

  double microsPerOp() {
    return nanosPerOp / 1_000.0;
  }

  double opsPerSecond() {
    return 1_000_000_000.0 / nanosPerOp;
  }
}
