package dev.shale.engine.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.DbException;
import dev.shale.engine.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The leader protocol of {@link CommitQueue} with a scripted {@link CommitQueue.Leader}: writers
 * queue while a leader works (it holds no lock then), a leader that throws still releases the
 * queue, and close waits for the queued writers. Every call that may block runs on a daemon thread
 * with a timeout, so a broken queue fails the test instead of hanging the build.
 */
class CommitQueueTest {

  /**
   * Daemon threads, so that a queue broken into a deadlock fails the test instead of hanging it.
   */
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "commit-queue-test");
            t.setDaemon(true);
            return t;
          });

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  /** A leader that records every group it commits and can be made to wait or fail. */
  private static final class ScriptedLeader implements CommitQueue.Leader {
    final List<List<String>> groups = new ArrayList<>();
    volatile boolean room = true;
    volatile CountDownLatch entered = new CountDownLatch(1);
    volatile CountDownLatch release = new CountDownLatch(0);
    volatile RuntimeException makeRoomThrows;

    @Override
    public DbException makeRoom(Lock queueLock) {
      if (room) {
        return null;
      }
      queueLock.unlock(); // as DbImpl does while it waits for background work
      try {
        entered.countDown();
        await(release);
        RuntimeException e = makeRoomThrows;
        if (e != null) {
          makeRoomThrows = null;
          room = true;
          throw e;
        }
        return null;
      } finally {
        queueLock.lock();
      }
    }

    @Override
    public DbException commit(CommitQueue.Group group) {
      List<String> keys = new ArrayList<>();
      for (WriteBatch b : group.batches) {
        keys.add(new String(b.key(0), StandardCharsets.UTF_8));
      }
      synchronized (groups) {
        groups.add(keys);
      }
      entered.countDown();
      await(release);
      return null;
    }

    @Override
    public DbException conflict(WriteBatch batch, long since) {
      return null;
    }
  }

  @Test
  void writersQueueWhileTheLeaderCommitsAndTheNextLeaderTakesThemAll() throws Exception {
    ScriptedLeader leader = new ScriptedLeader();
    CommitQueue queue = new CommitQueue("db", leader);
    leader.release = new CountDownLatch(1);
    Future<?> first = threads.submit(() -> queue.write(writer("a")));
    assertTrue(leader.entered.await(10, TimeUnit.SECONDS), "the first writer leads at once");

    List<Future<?>> followers = new ArrayList<>();
    for (String k : List.of("b", "c", "d")) {
      followers.add(threads.submit(() -> queue.write(writer(k))));
    }
    // They can queue only if the leader's commit runs without the queue's lock.
    awaitTrue(() -> queue.queued() == 4, "three writers queued behind the committing leader");
    leader.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (Future<?> f : followers) {
      f.get(10, TimeUnit.SECONDS);
    }

    assertEquals(2, leader.groups.size(), leader.groups.toString());
    assertEquals(List.of("a"), leader.groups.get(0));
    assertEquals(3, leader.groups.get(1).size(), "one group for the three that queued");
  }

  @Test
  void aLeaderThatThrowsStillReleasesTheWritersQueuedBehindIt() throws Exception {
    ScriptedLeader leader = new ScriptedLeader();
    CommitQueue queue = new CommitQueue("db", leader);
    IllegalStateException boom = new IllegalStateException("boom");
    leader.room = false;
    leader.makeRoomThrows = boom;
    leader.release = new CountDownLatch(1);
    Future<?> first = threads.submit(() -> queue.write(writer("a")));
    assertTrue(leader.entered.await(10, TimeUnit.SECONDS));
    Future<?> second = threads.submit(() -> queue.write(writer("b")));
    awaitTrue(() -> queue.queued() == 2, "a writer queued behind the leader making room");
    leader.release.countDown();

    Exception thrown = assertThrows(Exception.class, () -> first.get(10, TimeUnit.SECONDS));
    assertSame(boom, thrown.getCause(), "the leader gets what was thrown");
    second.get(10, TimeUnit.SECONDS); // not stuck behind the failed leader
    assertEquals(List.of(List.of("b")), leader.groups, "only the second batch committed");
    threads.submit(() -> queue.write(writer("c"))).get(10, TimeUnit.SECONDS);
    assertEquals(List.of(List.of("b"), List.of("c")), leader.groups);
  }

  @Test
  void closeWaitsForTheQueuedWritersAndThenRefusesNewOnes() throws Exception {
    ScriptedLeader leader = new ScriptedLeader();
    CommitQueue queue = new CommitQueue("db", leader);
    leader.release = new CountDownLatch(1);
    Future<?> first = threads.submit(() -> queue.write(writer("a")));
    assertTrue(leader.entered.await(10, TimeUnit.SECONDS));
    Future<?> closing = threads.submit(queue::close);
    assertThrows(TimeoutException.class, () -> closing.get(200, TimeUnit.MILLISECONDS));
    assertFalse(first.isDone());

    leader.release.countDown();
    closing.get(10, TimeUnit.SECONDS);
    first.get(10, TimeUnit.SECONDS);
    Future<?> late = threads.submit(() -> queue.write(writer("b")));
    Exception refused = assertThrows(Exception.class, () -> late.get(10, TimeUnit.SECONDS));
    assertEquals(DbException.Kind.CLOSED, ((DbException) refused.getCause()).kind());
    assertEquals(List.of(List.of("a")), leader.groups);
  }

  private static CommitQueue.Writer writer(String key) {
    WriteBatch b = new WriteBatch();
    b.put(key.getBytes(StandardCharsets.UTF_8), new byte[] {1});
    return new CommitQueue.Writer(b, 8, false, -1);
  }

  /** Polls {@code condition} on another thread, so that a lock it cannot get fails the test. */
  private void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    Future<?> polling =
        threads.submit(
            () -> {
              while (!condition.getAsBoolean()) {
                Thread.sleep(1);
              }
              return null;
            });
    try {
      polling.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting until " + what, e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the test never released the leader");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
