package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shale.engine.FaultInjectionEnv.Fault;
import dev.shale.engine.FaultInjectionEnv.Mode;
import dev.shale.engine.FaultInjectionEnv.Op;
import dev.shale.engine.env.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine over a {@link FaultInjectionEnv}: whatever operation fails or wherever the machine
 * stops, a write either throws or is durable as promised, and what a reopen finds is the state
 * after a prefix of the writes (every write acknowledged with sync among them), as a {@link
 * TreeMap} model says.
 *
 * <p>Random: the workload comes from a seed, printed; {@code -Dshale.seed=N} replays it. CI size
 * samples the k of each kind; {@code -Dshale.faults.full=true} tries every k, and crashes at more
 * random points; {@code -Dshale.faults.writes=N} makes the workload longer (300 writes by default).
 * An engine that waits forever after a failure (a write stalled on background work that died) fails
 * by the timeout.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FaultInjectionTest {

  private static final Path DIR = Path.of("/fault-db").toAbsolutePath();
  private static final boolean FULL = Boolean.getBoolean("shale.faults.full");
  private static final int WRITES = Integer.getInteger("shale.faults.writes", 300);
  private static final int KS_PER_KIND = FULL ? Integer.MAX_VALUE : 25;
  private static final int RANDOM_CRASHES = FULL ? 1000 : 150;

  private static long seed;
  private static List<Mutation[]> workload;

  /**
   * What a run acknowledged: writes [0, acked) returned, write {@code acked} threw (if any did).
   */
  private record Outcome(int acked, boolean oneThrew, int lastSyncedAck) {}

  @BeforeAll
  static void makeWorkload() {
    seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("FaultInjectionTest seed " + seed + " (replay: -Dshale.seed=" + seed + ")");
    Random rnd = new Random(seed);
    workload = new ArrayList<>();
    for (int i = 0; i < WRITES; i++) {
      int n = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(4) : 1;
      Mutation[] batch = new Mutation[n];
      for (int j = 0; j < n; j++) {
        String key = key(rnd.nextInt(200));
        int r = rnd.nextInt(100);
        batch[j] =
            r < 80
                ? new Mutation('p', key, "v" + i + "-" + "x".repeat(rnd.nextInt(60)))
                : r < 95
                    ? new Mutation('d', key, null)
                    : new Mutation(
                        'r', key, key(Integer.parseInt(key.substring(1)) + 1 + rnd.nextInt(15)));
      }
      workload.add(batch);
    }
  }

  private static String key(int i) {
    return String.format("k%03d", i);
  }

  private static Options options(Env env) {
    return Options.defaults()
        .withEnv(env)
        .withWriteBufferBytes(1024)
        .withTargetFileBytes(2048)
        .withMaxBytesForLevelBase(8192)
        .withL0Triggers(2, 6, 10);
  }

  /** Whether write i asks for a sync: always, never, or at random, by the case. */
  private static boolean[] syncs(int policy, Random rnd) {
    boolean[] s = new boolean[WRITES];
    for (int i = 0; i < WRITES; i++) {
      s[i] = policy == 0 || (policy == 2 && rnd.nextInt(4) == 0);
    }
    return s;
  }

  /**
   * Opens a database on {@code env} and runs the workload. Once a write has thrown, the next few
   * must throw too: after a failure the engine cannot know what is durable, so it refuses writes.
   */
  private static Outcome run(FaultInjectionEnv env, boolean[] sync, String what) {
    Db db;
    try {
      db = Db.open(DIR, options(env));
    } catch (DbException e) {
      env.crash(); // opening failed: nothing was acknowledged
      return new Outcome(0, false, -1);
    }
    int acked = 0;
    int lastSynced = -1;
    boolean threw = false;
    try {
      for (int i = 0; i < WRITES; i++) {
        WriteBatch batch = new WriteBatch();
        for (Mutation m : workload.get(i)) {
          m.addTo(batch);
        }
        try {
          db.write(batch, sync[i]);
          if (threw) {
            fail(what + ": write " + i + " succeeded after write " + acked + " threw");
          }
          acked++;
          if (sync[i]) {
            lastSynced = i;
          }
        } catch (DbException e) {
          if (!threw) {
            threw = true;
          } else if (i > acked + 5) {
            break;
          }
        }
      }
    } finally {
      env.crash();
      try {
        db.close();
      } catch (DbException e) {
        // The machine is down: closing may fail to write.
      }
    }
    return new Outcome(acked, threw, lastSynced);
  }

  /**
   * After the crash of a run: reopens with no fault and checks the state is the model's after a
   * prefix of the writes that holds every synced acknowledged write and no write that was refused.
   */
  private static void checkRecovered(FaultInjectionEnv env, Outcome o, String what)
      throws IOException {
    env.restart();
    TreeMap<String, String> found;
    try (Db db = Db.open(DIR, options(env))) {
      found = contents(db);
    } catch (DbException e) {
      throw new AssertionError(what + ": reopening after the crash failed: " + e, e);
    }
    int lo = o.lastSyncedAck() + 1;
    int hi = o.acked() + (o.oneThrew() ? 1 : 0);
    TreeMap<String, String> model = new TreeMap<>();
    for (int i = 0; i <= hi; i++) {
      if (i >= lo && model.equals(found)) {
        return;
      }
      if (i < hi) {
        for (Mutation m : workload.get(i)) {
          m.applyTo(model);
        }
      }
    }
    fail(
        what
            + ": recovered state is not the state after any prefix of "
            + lo
            + ".."
            + hi
            + " writes (acked "
            + o.acked()
            + ", last synced ack "
            + o.lastSyncedAck()
            + "); recovered "
            + found.size()
            + " keys, after all acked: "
            + prefixState(o.acked()).size());
  }

  private static TreeMap<String, String> prefixState(int n) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      for (Mutation mu : workload.get(i)) {
        mu.applyTo(m);
      }
    }
    return m;
  }

  @Test
  void everyFailedOperationLeavesEachWriteThrownOrDurable() throws IOException {
    // How many operations of each kind the workload does when nothing fails.
    FaultInjectionEnv counting = new FaultInjectionEnv(Env.inMemory(), null);
    counting.inject(null);
    Outcome clean = run(counting, syncs(0, new Random(seed)), "no fault");
    assertEquals(WRITES, clean.acked(), "with no fault every write succeeds");
    Map<Op, Long> counts = new TreeMap<>();
    for (Op op : Op.values()) {
      counts.put(op, counting.count(op));
    }
    System.out.println("FaultInjectionTest operations with no fault: " + counts);
    int cases = 0;
    Random rnd = new Random(seed ^ 0x5eed);
    for (Op op : Op.values()) {
      if (op == Op.ANY) {
        continue;
      }
      long n = counts.get(op) + 1; // and one k that never comes
      long stride = Math.max(1, n / KS_PER_KIND);
      for (long k = 1 + rnd.nextInt((int) stride); k <= n; k += stride) {
        for (Mode mode : new Mode[] {Mode.FAIL_ONCE, Mode.FAIL_FROM}) {
          int policy = cases % 3;
          Random caseRnd = new Random(seed + cases);
          String what =
              "seed " + seed + ", " + mode + " at " + op + " #" + k + ", sync policy " + policy;
          FaultInjectionEnv env =
              new FaultInjectionEnv(Env.inMemory(), cases % 2 == 0 ? null : caseRnd);
          env.inject(Fault.at(op, k, mode));
          Outcome o = run(env, syncs(policy, caseRnd), what);
          checkRecovered(env, o, what);
          cases++;
        }
      }
    }
    System.out.println("FaultInjectionTest fault cases: " + cases);
  }

  @Test
  void aCrashAtAnyOperationKeepsAPrefixWithEveryAcknowledgedSyncedWrite() throws IOException {
    FaultInjectionEnv counting = new FaultInjectionEnv(Env.inMemory(), null);
    counting.inject(null);
    run(counting, syncs(1, new Random(seed)), "no fault");
    long any = counting.count(Op.ANY);
    Random rnd = new Random(seed ^ 0xc7a54L);
    for (int c = 0; c < RANDOM_CRASHES; c++) {
      long k = 1 + (long) (rnd.nextDouble() * any * 1.1);
      int policy = c % 3;
      String what = "seed " + seed + ", crash at operation #" + k + ", sync policy " + policy;
      FaultInjectionEnv env = new FaultInjectionEnv(Env.inMemory(), new Random(seed + c));
      env.inject(Fault.at(Op.ANY, k, Mode.CRASH));
      Outcome o = run(env, syncs(policy, new Random(seed - c)), what);
      checkRecovered(env, o, what);
    }
  }

  @Test
  void aCrashWhileRecoveringFromACrashLosesNothingTheFirstRecoveryWouldHaveKept()
      throws IOException {
    Random rnd = new Random(seed ^ 0x2ec0L);
    for (int c = 0; c < RANDOM_CRASHES / 3; c++) {
      int policy = c % 3;
      FaultInjectionEnv env = new FaultInjectionEnv(Env.inMemory(), new Random(seed + c));
      env.inject(Fault.at(Op.ANY, 200 + rnd.nextInt(800), Mode.CRASH));
      Outcome o = run(env, syncs(policy, new Random(seed - c)), "first run");
      env.restart();
      // A recovery here takes some tens of operations (replay into tables, manifest, log).
      long k = 1 + rnd.nextInt(40);
      String what =
          "seed " + seed + ", case " + c + ", crash at operation #" + k + " of the recovery";
      env.inject(Fault.at(Op.ANY, k, Mode.CRASH));
      try {
        Db db = Db.open(DIR, options(env));
        env.crash();
        try {
          db.close();
        } catch (DbException e) {
          // down
        }
      } catch (DbException e) {
        assertTrue(env.crashed(), what + ": opening failed without the crash: " + e);
      }
      checkRecovered(env, o, what);
    }
  }

  // The fsync gate and the regressions: small deterministic cases.

  private static final Predicate<Path> LOGS = p -> p.getFileName().toString().endsWith(".log");
  private static final Predicate<Path> TABLES = p -> p.getFileName().toString().endsWith(".sst");
  private static final Predicate<Path> MANIFESTS =
      p -> p.getFileName().toString().startsWith("MANIFEST");

  private static void assertRefusesWrites(Db db, String after) {
    for (boolean sync : new boolean[] {true, false, true}) {
      assertThrows(
          DbException.class,
          () -> db.write(new WriteBatch().put(b("later"), b("x")), sync),
          "a write after " + after + " must be refused until reopening");
    }
  }

  /** Reopens after a crash (no fault): {@code acked} are all there, {@code refused} is not. */
  private static void assertAfterCrash(
      FaultInjectionEnv env, Db db, Map<String, String> acked, String maybe) throws IOException {
    env.crash();
    try {
      db.close();
    } catch (DbException e) {
      // down
    }
    env.restart();
    try (Db again = Db.open(DIR, options(env))) {
      TreeMap<String, String> found = contents(again);
      assertNull(found.remove("later"), "a refused write is never there");
      if (maybe != null) {
        found.remove(maybe);
      }
      assertEquals(new TreeMap<>(acked), found);
      again.put(b("after"), b("reopen"));
      assertArrayEquals(b("reopen"), again.get(b("after")), "writes again once reopened");
    }
  }

  @Test
  void aFailedLogSyncIsReportedAndRefusesEveryLaterWriteUntilReopened() throws IOException {
    FaultInjectionEnv env = new FaultInjectionEnv(Env.inMemory(), null);
    Db db = Db.open(DIR, options(env));
    db.write(new WriteBatch().put(b("a"), b("1")), true);
    env.inject(new Fault(Op.SYNC, 1, Mode.FAIL_ONCE, LOGS));
    assertThrows(DbException.class, () -> db.write(new WriteBatch().put(b("b"), b("2")), true));
    assertRefusesWrites(db, "a failed log sync");
    assertEquals(1, env.count(Op.SYNC), "the failed sync is not retried");
    assertAfterCrash(env, db, Map.of("a", "1"), "b");
  }

  @Test
  void aFlushAfterAFailedLogSyncFailsWithoutSyncingTheLogAgain() throws IOException {
    FaultInjectionEnv env = new FaultInjectionEnv(Env.inMemory(), null);
    Db db = Db.open(DIR, options(env));
    db.write(new WriteBatch().put(b("a"), b("1")), true);
    env.inject(new Fault(Op.SYNC, 1, Mode.FAIL_ONCE, LOGS));
    assertThrows(DbException.class, () -> db.write(new WriteBatch().put(b("b"), b("2")), true));
    assertThrows(DbException.class, db::flush);
    assertEquals(1, env.count(Op.SYNC), "the failed log is not synced again");
    assertRefusesWrites(db, "a failed log sync and a flush");
    assertAfterCrash(env, db, Map.of("a", "1"), "b");
  }

  @Test
  void aFailedLogAppendRefusesEveryLaterWriteUntilReopened() throws IOException {
    FaultInjectionEnv env = new FaultInjectionEnv(Env.inMemory(), null);
    Db db = Db.open(DIR, options(env));
    db.write(new WriteBatch().put(b("a"), b("1")), true);
    env.inject(new Fault(Op.APPEND, 1, Mode.FAIL_ONCE, LOGS));
    assertThrows(DbException.class, () -> db.write(new WriteBatch().put(b("b"), b("2")), false));
    assertRefusesWrites(db, "a failed log append");
    assertAfterCrash(env, db, Map.of("a", "1"), null);
  }

  @Test
  void aFailedTableWriteOfAFlushRefusesEveryLaterWrite() throws IOException {
    FaultInjectionEnv env = new FaultInjectionEnv(Env.inMemory(), null);
    Db db = Db.open(DIR, options(env));
    db.write(new WriteBatch().put(b("a"), b("1")), true);
    env.inject(new Fault(Op.SYNC, 1, Mode.FAIL_ONCE, TABLES));
    assertThrows(DbException.class, db::flush);
    assertRefusesWrites(db, "a failed flush");
    assertAfterCrash(env, db, Map.of("a", "1"), null);
  }

  @Test
  void aFailedManifestSyncRefusesEveryLaterWrite() throws IOException {
    FaultInjectionEnv env = new FaultInjectionEnv(Env.inMemory(), null);
    Db db = Db.open(DIR, options(env));
    db.write(new WriteBatch().put(b("a"), b("1")), true);
    env.inject(new Fault(Op.SYNC, 1, Mode.FAIL_ONCE, MANIFESTS));
    assertThrows(DbException.class, db::flush);
    assertRefusesWrites(db, "a failed manifest sync");
    assertAfterCrash(env, db, Map.of("a", "1"), null);
  }

  /** Fills the memtable with unsynced writes so the next write starts a new log. */
  private static void fillMemtable(Db db, Map<String, String> model) {
    for (int i = 0; i < 12; i++) {
      String v = "filler " + "y".repeat(100);
      db.write(new WriteBatch().put(b("f" + i), b(v)), false);
      model.put("f" + i, v);
    }
  }

  @Test
  void aSyncedWriteToANewLogSurvivesACrash() throws IOException {
    FaultInjectionEnv env = new FaultInjectionEnv(Env.inMemory(), null);
    Db db = Db.open(DIR, options(env));
    Map<String, String> model = new TreeMap<>();
    // The frozen memtable's flush waits, so only the logs hold the writes at the crash.
    env.pauseCreates(TABLES);
    fillMemtable(db, model);
    db.write(new WriteBatch().put(b("synced"), b("1")), true);
    model.put("synced", "1");
    assertTrue(db.stats().get(Stats.Counter.LOG_SYNCS) > 0);
    env.crash();
    env.resumeCreates();
    assertAfterCrash(env, db, model, null);
  }

  @Test
  void aFlushedTableSurvivesACrashBeforeItsLogIsDeleted() throws IOException {
    FaultInjectionEnv env = new FaultInjectionEnv(Env.inMemory(), null);
    Db db = Db.open(DIR, options(env));
    Map<String, String> model = new TreeMap<>();
    for (int i = 0; i < 5; i++) {
      db.write(new WriteBatch().put(b("s" + i), b("v" + i)), true);
      model.put("s" + i, "v" + i);
    }
    // The machine stops when the flush, its table recorded, deletes the log it covers.
    env.inject(new Fault(Op.DELETE, 1, Mode.CRASH, LOGS));
    try {
      db.flush();
    } catch (DbException e) {
      // The crash may reach the flush.
    }
    assertTrue(env.crashed(), "the flush deleted a log");
    assertAfterCrash(env, db, model, null);
  }

  private static TreeMap<String, String> contents(Db db) {
    TreeMap<String, String> m = new TreeMap<>();
    try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        m.put(s(it.key()), s(it.value()));
      }
    }
    return m;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
