package dev.shale.jdbc.server;

import java.time.Duration;

/**
 * The requests being served, and the gate a shutdown closes: once closed, no new request enters,
 * and the shutdown waits (bounded) for those inside to leave.
 */
final class InFlight {

  private int running;
  private boolean closed;

  /** True if the request may run (then {@link #exit} must follow); false once closed. */
  synchronized boolean enter() {
    if (closed) {
      return false;
    }
    running++;
    return true;
  }

  synchronized void exit() {
    if (--running == 0) {
      notifyAll();
    }
  }

  /** Closes the gate; true once no request runs, false if some still do after {@code wait}. */
  synchronized boolean closeAndAwait(Duration wait) throws InterruptedException {
    closed = true;
    long deadline = System.nanoTime() + wait.toNanos();
    while (running > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
