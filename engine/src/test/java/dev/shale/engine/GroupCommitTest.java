package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.env.Env;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

  private static final int THREADS = 8;
  private static final int WRITES_PER_THREAD = 150;

  @TempDir Path dir;

  @Test
  void concurrentSyncedWritesAllSurviveReopen() throws Exception {
    Map<String, String> expected = new ConcurrentHashMap<>();
    try (Db db = Db.open(dir, Options.defaults())) {
      runConcurrently(
          thread -> {
            Map<String, String> mine = new TreeMap<>();
            for (int i = 0; i < WRITES_PER_THREAD; i++) {
              String k = "t" + thread + "-" + i;
              if (i % 10 == 9) {
                // A batch: two puts and the deletion of an earlier key of this thread.
                String gone = "t" + thread + "-" + (i - 5);
                db.write(
                    new WriteBatch()
                        .put(b(k), b("v" + i))
                        .put(b(k + "b"), b("w" + i))
                        .delete(b(gone)),
                    i % 20 != 19); // mostly synced, some not, in the same groups
                mine.put(k, "v" + i);
                mine.put(k + "b", "w" + i);
                mine.remove(gone);
              } else {
                db.put(b(k), b("v" + i));
                mine.put(k, "v" + i);
              }
            }
            expected.putAll(mine);
          });
      assertEquals(new TreeMap<>(expected), contents(db), "before reopening");
    }
    try (Db db = Db.open(dir, Options.defaults())) {
      assertEquals(new TreeMap<>(expected), contents(db), "after reopening");
    }
  }

  /**
   * While the leader syncs the log (slowly, here: 3 ms a sync), the other synced writers queue; the
   * next leader commits them all as one group with one sync. Were every writer to commit alone,
   * there would be as many groups and syncs as writes.
   */
  @Test
  void concurrentSyncedWritersShareWriteGroupsAndLogSyncs() throws Exception {
    int perThread = 40;
    Options options = Options.defaults().withEnv(new SlowSyncEnv(Env.inMemory(), 3));
    try (Db db = Db.open(dir, options)) {
      runConcurrently(
          thread -> {
            for (int i = 0; i < perThread; i++) {
              db.write(new WriteBatch().put(b("t" + thread + "-" + i), b("v" + i)), true);
            }
          });
      Stats stats = db.stats();
      long writes = (long) THREADS * perThread;
      assertEquals(writes, stats.get(Stats.Counter.PUTS), stats.toString());
      long groups = stats.get(Stats.Counter.WRITE_GROUPS);
      long syncs = stats.get(Stats.Counter.LOG_SYNCS);
      assertTrue(groups <= writes / 2, "write groups " + groups + " of " + writes + " writes");
      assertTrue(syncs <= writes / 2, "log syncs " + syncs + " of " + writes + " writes");
      assertEquals(groups, syncs, "every group had a synced writer, so one sync each");
      for (int t = 0; t < THREADS; t++) {
        for (int i = 0; i < perThread; i++) {
          assertEquals("v" + i, s(db.get(b("t" + t + "-" + i))));
        }
      }
    }
  }

  /**
   * Writers move an amount between two keys in one batch; readers must always see the total
   * unchanged, through get with a snapshot and through iterators, which would fail if a batch
   * became visible before all of it was applied.
   */
  @Test
  void readersNeverSeeHalfABatch() throws Exception {
    try (Db db = Db.openInMemory(Options.defaults())) {
      int accounts = 3 * THREADS;
      for (int a = 0; a < accounts; a++) {
        db.put(b("acct" + a), b("100"));
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService readers = Executors.newFixedThreadPool(2);
      List<Future<?>> reads = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        reads.add(
            readers.submit(
                () -> {
                  while (writing.get()) {
                    int total = 0;
                    try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
                      for (it.seekToLast(); it.isValid(); it.prev()) {
                        total += Integer.parseInt(s(it.value()));
                      }
                    }
                    if (total != 100 * accounts) {
                      problems.add("iterator saw a total of " + total);
                    }
                    try (Snapshot snap = db.getSnapshot()) {
                      int sum = 0;
                      for (int a = 0; a < accounts; a++) {
                        sum +=
                            Integer.parseInt(
                                s(db.get(ReadOptions.DEFAULT.withSnapshot(snap), b("acct" + a))));
                      }
                      if (sum != 100 * accounts) {
                        problems.add("snapshot saw a total of " + sum);
                      }
                    }
                  }
                }));
      }
      Map<Integer, Integer> balances = new ConcurrentHashMap<>();
      for (int a = 0; a < accounts; a++) {
        balances.put(a, 100);
      }
      runConcurrently(
          thread -> {
            java.util.Random random = new java.util.Random(thread);
            for (int i = 0; i < 300; i++) {
              // A thread moves money only among its own accounts (a % THREADS == thread), so
              // it knows their balances without reading.
              int from = thread + THREADS * random.nextInt(3);
              int to = thread + THREADS * random.nextInt(3);
              if (from == to) {
                continue;
              }
              int amount = random.nextInt(10);
              int f = balances.get(from) - amount;
              int t = balances.get(to) + amount;
              db.write(
                  new WriteBatch().put(b("acct" + from), b("" + f)).put(b("acct" + to), b("" + t)),
                  false);
              balances.put(from, f);
              balances.put(to, t);
            }
          });
      writing.set(false);
      for (Future<?> f : reads) {
        f.get(1, TimeUnit.MINUTES);
      }
      readers.shutdown();
      assertTrue(problems.isEmpty(), problems.toString());
    }
  }

  private interface Body {
    void run(int thread) throws Exception;
  }

  private static void runConcurrently(Body body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                body.run(thread);
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
  }

  private static Map<String, String> contents(Db db) {
    Map<String, String> out = new TreeMap<>();
    try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        out.put(s(it.key()), s(it.value()));
      }
    }
    return out;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
