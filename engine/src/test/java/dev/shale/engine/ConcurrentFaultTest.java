package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shale.engine.FaultInjectionEnv.Fault;
import dev.shale.engine.FaultInjectionEnv.Mode;
import dev.shale.engine.FaultInjectionEnv.Op;
import dev.shale.engine.env.Env;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link FaultInjectionTest}'s promise with concurrent writers: several threads write batches to
 * one database over a {@link FaultInjectionEnv} that fails an operation or crashes the machine at a
 * random one; after a reopen, each thread's keys hold exactly the state after a prefix of its
 * writes that has every write it had acknowledged with sync, and none it never sent.
 *
 * <p>Random from a printed seed ({@code -Dshale.seed=N}); {@code -Dshale.faults.concurrent=N} sets
 * the number of cases (CI: 60).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConcurrentFaultTest {

  private static final Path DIR = Path.of("/concurrent-fault-db").toAbsolutePath();
  private static final int THREADS = 3;
  private static final int WRITES = 120;
  private static final int CASES = Integer.getInteger("shale.faults.concurrent", 60);

  /** What one thread saw: writes [0, acked) returned, write {@code acked} threw if one did. */
  private record Outcome(int acked, boolean threw, int lastSyncedAck) {}

  private static Options options(Env env) {
    return Options.defaults()
        .withEnv(env)
        .withWriteBufferBytes(1024)
        .withTargetFileBytes(2048)
        .withMaxBytesForLevelBase(8192)
        .withL0Triggers(2, 6, 10);
  }

  private static String key(int thread, int i) {
    return String.format("t%d-k%03d", thread, i);
  }

  @Test
  void concurrentWritersKeepEveryAcknowledgedSyncedWriteThroughFaultsAndCrashes() throws Exception {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("ConcurrentFaultTest seed " + seed + " (replay: -Dshale.seed=" + seed + ")");
    Random rnd = new Random(seed);
    List<List<Mutation[]>> work = new ArrayList<>();
    List<boolean[]> syncs = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<Mutation[]> batches = new ArrayList<>();
      boolean[] s = new boolean[WRITES];
      for (int i = 0; i < WRITES; i++) {
        int n = rnd.nextInt(8) == 0 ? 2 : 1;
        Mutation[] batch = new Mutation[n];
        for (int j = 0; j < n; j++) {
          int k = rnd.nextInt(60);
          int r = rnd.nextInt(100);
          batch[j] =
              r < 80
                  ? new Mutation('p', key(t, k), "v" + i + "-" + "x".repeat(rnd.nextInt(40)))
                  : r < 95
                      ? new Mutation('d', key(t, k), null)
                      : new Mutation('r', key(t, k), key(t, k + 1 + rnd.nextInt(8)));
        }
        batches.add(batch);
        s[i] = rnd.nextInt(3) == 0;
      }
      work.add(batches);
      syncs.add(s);
    }

    FaultInjectionEnv counting = new FaultInjectionEnv(Env.inMemory(), null);
    counting.inject(null);
    Outcome[] clean = run(counting, work, syncs);
    for (Outcome o : clean) {
      assertEquals(WRITES, o.acked(), "with no fault every write succeeds");
    }
    long any = counting.count(Op.ANY);
    long appends = counting.count(Op.APPEND);
    long syncCount = counting.count(Op.SYNC);
    int[] outcomes = new int[2];
    for (int c = 0; c < CASES; c++) {
      Random caseRnd = new Random(seed + c);
      Fault fault =
          switch (c % 4) {
            case 0, 1 -> Fault.at(Op.ANY, 1 + (long) (caseRnd.nextDouble() * any), Mode.CRASH);
            case 2 -> Fault.at(Op.SYNC, 1 + caseRnd.nextInt((int) syncCount), Mode.FAIL_ONCE);
            default -> Fault.at(Op.APPEND, 1 + caseRnd.nextInt((int) appends), Mode.FAIL_FROM);
          };
      String what = "seed " + seed + ", case " + c + ", " + fault;
      FaultInjectionEnv env = new FaultInjectionEnv(Env.inMemory(), c % 2 == 0 ? null : caseRnd);
      env.inject(fault);
      Outcome[] got = run(env, work, syncs);
      env.crash();
      env.restart();
      TreeMap<String, String> found = new TreeMap<>();
      try (Db db = Db.open(DIR, options(env))) {
        try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
          for (it.seekToFirst(); it.isValid(); it.next()) {
            found.put(s(it.key()), s(it.value()));
          }
        }
      } catch (DbException e) {
        throw new AssertionError(what + ": reopening after the crash failed: " + e, e);
      }
      boolean anyThrew = false;
      for (int t = 0; t < THREADS; t++) {
        checkThread(
            new TreeMap<>(found.subMap("t" + t + "-", "t" + t + ".")),
            work.get(t),
            got[t],
            what,
            t);
        anyThrew |= got[t].threw();
      }
      outcomes[anyThrew ? 1 : 0]++;
    }
    System.out.println(
        "ConcurrentFaultTest: "
            + CASES
            + " cases of "
            + THREADS
            + " writers ("
            + outcomes[1]
            + " in which a write was refused, "
            + outcomes[0]
            + " in which every write returned)");
  }

  private static void checkThread(
      TreeMap<String, String> found, List<Mutation[]> batches, Outcome o, String what, int t) {
    int lo = o.lastSyncedAck() + 1;
    int hi = o.acked() + (o.threw() ? 1 : 0);
    TreeMap<String, String> model = new TreeMap<>();
    for (int i = 0; i <= hi; i++) {
      if (i >= lo && model.equals(found)) {
        return;
      }
      if (i < hi) {
        for (Mutation m : batches.get(i)) {
          m.applyTo(model);
        }
      }
    }
    fail(
        what
            + ": thread "
            + t
            + " recovered a state after no prefix of "
            + lo
            + ".."
            + hi
            + " of its writes (acked "
            + o.acked()
            + ", last synced ack "
            + o.lastSyncedAck()
            + ")");
  }

  /** Opens the database and runs every thread's writes at once; each stops at its first failure. */
  private static Outcome[] run(
      FaultInjectionEnv env, List<List<Mutation[]>> work, List<boolean[]> syncs)
      throws InterruptedException {
    Db db;
    try {
      db = Db.open(DIR, options(env));
    } catch (DbException e) {
      Outcome[] none = new Outcome[THREADS];
      java.util.Arrays.fill(none, new Outcome(0, false, -1));
      return none;
    }
    Outcome[] out = new Outcome[THREADS];
    Thread[] threads = new Thread[THREADS];
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      threads[t] =
          new Thread(
              () -> {
                int acked = 0;
                int lastSynced = -1;
                boolean threw = false;
                for (int i = 0; i < WRITES; i++) {
                  WriteBatch b = new WriteBatch();
                  for (Mutation m : work.get(thread).get(i)) {
                    m.addTo(b);
                  }
                  try {
                    db.write(b, syncs.get(thread)[i]);
                  } catch (DbException e) {
                    threw = true;
                    break;
                  }
                  acked++;
                  if (syncs.get(thread)[i]) {
                    lastSynced = i;
                  }
                }
                out[thread] = new Outcome(acked, threw, lastSynced);
              },
              "writer " + t);
      threads[t].start();
    }
    for (Thread th : threads) {
      th.join();
    }
    env.crash();
    try {
      db.close();
    } catch (DbException e) {
      // The machine is down: closing may fail to write.
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
