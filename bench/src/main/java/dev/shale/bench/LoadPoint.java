package dev.shale.bench;

import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One server under one number of clients: the latency histogram of each operation kind over the
 * measured phase, the wall time of that phase (first client's start to last client's end), and the
 * errors every client saw, warm-up included.
 */
record LoadPoint(
    String target,
    int clients,
    Map<MixedOp, Histogram> latencies,
    long wallNanos,
    long errors,
    String firstError) {

  /** A point that could not run at all (no server, no connection): one error, no operations. */
  static LoadPoint failed(String target, int clients, Throwable error) {
    Map<MixedOp, Histogram> none = new EnumMap<>(MixedOp.class);
    for (MixedOp op : MixedOp.values()) {
      none.put(op, LoadClient.newHistogram());
    }
    return new LoadPoint(
        target, clients, none, 0, 1, error.getClass().getSimpleName() + ": " + error.getMessage());
  }

  long ops() {
    return overall().getTotalCount();
  }

  long ops(MixedOp op) {
    return latencies.get(op).getTotalCount();
  }

  /** Every operation kind together. */
  Histogram overall() {
    Histogram all = LoadClient.newHistogram();
    for (Histogram histogram : latencies.values()) {
      all.add(histogram);
    }
    return all;
  }

  /** Completed operations per second of wall time; 0 when nothing was measured. */
  double opsPerSecond() {
    return wallNanos <= 0 ? 0 : ops() * 1e9 / wallNanos;
  }

  /** The {@code percentile} (0..100) latency in µs of {@code op}, or of all kinds when null. */
  double micros(MixedOp op, double percentile) {
    Histogram histogram = op == null ? overall() : latencies.get(op);
    return histogram.getValueAtPercentile(percentile) / 1_000.0;
  }

  /** Whether there is anything to report: at least one measured operation. */
  boolean measured() {
    return ops() > 0 && wallNanos > 0;
  }
}
