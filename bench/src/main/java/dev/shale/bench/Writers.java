package dev.shale.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a write workload's operations on {@code threads} threads at once (the concurrent writers of
 * EngineBench's {@code --threads}): operation i goes to thread i % threads, all threads start
 * together, and the call returns when the last one is done, rethrowing the first failure.
 */
final class Writers {

  /** One operation: thread {@code thread} (0-based) performs operation {@code i}. */
  @FunctionalInterface
  interface Op {
    void run(int thread, int i) throws Exception;
  }

  private Writers() {}

  /** Performs operations 0..n-1; with one thread, in order on the calling thread. */
  static void run(int threads, int n, Op op) throws Exception {
    if (threads == 1) {
      for (int i = 0; i < n; i++) {
        op.run(0, i);
      }
      return;
    }
    CountDownLatch start = new CountDownLatch(1);
    Throwable[] failures = new Throwable[threads];
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = thread; i < n; i += threads) {
                    op.run(thread, i);
                  }
                } catch (Throwable e) {
                  failures[thread] = e;
                }
              },
              "writer-" + t);
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    for (Throwable failure : failures) {
      if (failure instanceof Exception e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
    }
  }
}
