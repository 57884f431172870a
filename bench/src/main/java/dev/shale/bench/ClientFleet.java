package dev.shale.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The clients of one point of the load test: each {@link LoadClient} on its own thread, connected
 * before the clock starts, warmed up together, then measured together from one start line.
 */
final class ClientFleet {

  /** How long past its deadline a client may still wait for an answer before the point fails. */
  private static final long GRACE_NANOS = TimeUnit.MINUTES.toNanos(2);

  private ClientFleet() {}

  /**
   * One client count: connects every client (untimed), lets them warm up together, then starts the
   * measured phase on all of them at once.
   */
  static LoadPoint measure(
      RemoteTarget target, int port, int count, RemoteLoadConfig config, ValueSource values)
      throws Exception {
    List<LoadClient> clients = new ArrayList<>();
    boolean stuck = false;
    try {
      for (int i = 0; i < count; i++) {
        clients.add(new LoadClient(target.connect(port), config.rows(), values));
      }
      long warmupNanos = TimeUnit.SECONDS.toNanos(config.warmupSeconds());
      long measuredNanos = TimeUnit.SECONDS.toNanos(config.seconds());
      long[] deadlines = new long[2];
      // A barrier's action happens-before every thread's return from it: the deadlines are seen.
      CyclicBarrier warm =
          new CyclicBarrier(count, () -> deadlines[0] = System.nanoTime() + warmupNanos);
      CyclicBarrier go =
          new CyclicBarrier(count, () -> deadlines[1] = System.nanoTime() + measuredNanos);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        LoadClient client = clients.get(i);
        int index = i;
        Thread thread =
            new Thread(
                () -> {
                  try {
                    warm.await();
                    if (warmupNanos > 0) {
                      client.run(
                          random(config.seed(), count, index, true),
                          Long.MAX_VALUE,
                          deadlines[0],
                          false);
                    }
                    go.await();
                    client.run(
                        random(config.seed(), count, index, false),
                        config.opsPerClient(),
                        deadlines[1],
                        true);
                  } catch (InterruptedException | BrokenBarrierException e) {
                    client.error("client thread: " + e);
                  }
                },
                "load-client-" + i);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
      long joinDeadline = System.nanoTime() + warmupNanos + measuredNanos + GRACE_NANOS;
      for (Thread thread : threads) {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime())));
        if (thread.isAlive()) {
          stuck = true;
          throw new IllegalStateException(
              thread.getName() + " still waits for an answer 2 minutes after its deadline");
        }
      }
      return point(target, count, clients);
    } finally {
      if (!stuck) {
        // A stuck client's connection is left to the server's stop, which ends its request.
        for (LoadClient client : clients) {
          client.close();
        }
      }
    }
  }

  private static LoadPoint point(RemoteTarget target, int count, List<LoadClient> clients) {
    Map<MixedOp, Histogram> latencies = new EnumMap<>(MixedOp.class);
    for (MixedOp op : MixedOp.values()) {
      Histogram merged = LoadClient.newHistogram();
      clients.forEach(c -> merged.add(c.latencies(op)));
      latencies.put(op, merged);
    }
    List<LoadClient> ran = clients.stream().filter(LoadClient::ranMeasured).toList();
    long start = ran.stream().mapToLong(LoadClient::startNanos).min().orElse(0);
    long end = ran.stream().mapToLong(LoadClient::endNanos).max().orElse(0);
    long errors = clients.stream().mapToLong(LoadClient::errors).sum();
    String firstError =
        clients.stream()
            .map(LoadClient::firstError)
            .filter(e -> e != null)
            .findFirst()
            .orElse(null);
    return new LoadPoint(target.displayName(), count, latencies, end - start, errors, firstError);
  }

  /** The same sequence for client {@code index} of {@code count} on every server. */
  private static SplittableRandom random(long seed, int count, int index, boolean warmup) {
    return new SplittableRandom(
        ((seed * 1_000_003L + count) * 1_009L + index) * 2 + (warmup ? 1 : 0));
  }
}
