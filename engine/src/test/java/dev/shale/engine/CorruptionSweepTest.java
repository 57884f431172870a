package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shale.engine.env.Env;
import dev.shale.engine.wal.LogReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage anywhere, checked against an exact model: a real database on disk (thousands of rows in
 * several tables over levels, point and range deletions, a live log of hundreds of records, a
 * manifest, {@code CURRENT}), then trial after trial a copy of it with one file damaged — a flipped
 * bit or an overwritten run of bytes in the log, a table's data blocks, index, filter, footer or
 * range-deletion block, the manifest, or {@code CURRENT} — opened and read whole (a scan, a get of
 * every key ever written, {@link Db#verify}). Each trial either fails with a corruption naming the
 * damaged file (and, if the open fails, leaves every file in place) or reads exactly the model's
 * data; never other data, never a row missing or back from the dead.
 *
 * <p>The one exception the format allows: damage that reaches the log's last record is what a crash
 * while appending it leaves, so opening drops the log from the first damaged record on. That is
 * counted apart ({@code torn-tail}), and the data must then be exactly the model after the records
 * before the damage.
 *
 * <p>Random from a printed seed ({@code -Dshale.seed=N} replays it); {@code -Dshale.flips.trials=N}
 * sets the number of trials (CI: 160, 20 per kind).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CorruptionSweepTest {

  private static final int TRIALS = Integer.getInteger("shale.flips.trials", 160);
  private static final int KEYS = 3000;
  private static final int LOG_WRITES = 300;

  /** The part of the directory a trial damages. */
  enum Target {
    WAL,
    DATA_BLOCK,
    INDEX_BLOCK,
    FILTER_BLOCK,
    FOOTER,
    RANGE_DEL_BLOCK,
    MANIFEST,
    CURRENT
  }

  enum Outcome {
    /** Open or a read failed with CORRUPTION naming the damaged file. */
    DETECTED,
    /**
     * Everything read, exactly the model (the damage hit nothing read, or nothing that matters).
     */
    INTACT,
    /** Damage reaching the log's last record, dropped from the first damaged record as torn. */
    TORN_TAIL
  }

  @TempDir Path tmp;

  private static final Options OPTIONS =
      Options.defaults()
          .withSync(false)
          .withWriteBufferBytes(4 << 20) // no switch of logs but at flush()
          .withBlockBytes(1024)
          .withTargetFileBytes(16 << 10)
          .withMaxBytesForLevelBase(64 << 10)
          .withL0Triggers(4, 8, 12);

  /** A region of one file: [from, to). */
  private record Region(Path file, long from, long to) {}

  private long seed;
  private Random rnd;

  /** The model after the tables, and the batches of the live log in order. */
  private TreeMap<String, String> beforeLog;

  private final List<Mutation[]> logBatches = new ArrayList<>();
  private TreeMap<String, String> model;

  @Test
  void everyDamagedFileIsReportedOrReadsExactlyAsTheModel() throws IOException {
    seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("CorruptionSweepTest seed " + seed + " (replay: -Dshale.seed=" + seed + ")");
    rnd = new Random(seed);
    Path clean = tmp.resolve("clean");
    build(clean);
    Path log = onlyFile(clean, ".log");
    long[] recordStarts = recordStarts(log);
    assertEquals(LOG_WRITES, recordStarts.length, "one log record per write");

    Map<Target, Map<Outcome, Integer>> counts = new EnumMap<>(Target.class);
    for (Target t : Target.values()) {
      counts.put(t, new EnumMap<>(Outcome.class));
    }
    Target[] targets = Target.values();
    for (int trial = 0; trial < TRIALS; trial++) {
      Target target = targets[trial % targets.length];
      Path dir = tmp.resolve("trial-" + trial);
      copy(clean, dir);
      Region region = pick(dir, target);
      byte[] undamaged = Files.readAllBytes(region.file());
      long[] damage = damage(region);
      String what =
          "seed "
              + seed
              + ", trial "
              + trial
              + ", "
              + target
              + " "
              + region.file().getFileName()
              + " bytes ["
              + damage[0]
              + ", "
              + damage[1]
              + ")";
      TreeMap<String, String> tornTail = null;
      if (target == Target.WAL && damage[1] > recordStarts[recordStarts.length - 1]) {
        tornTail = stateAfterRecordsBefore(damage[0], recordStarts, Files.size(log));
      }
      Outcome o = check(dir, region.file(), undamaged, tornTail, what);
      counts.get(target).merge(o, 1, Integer::sum);
      deleteTree(dir);
    }
    StringBuilder s = new StringBuilder("CorruptionSweepTest seed " + seed + ", " + TRIALS);
    s.append(" trials:");
    for (Map.Entry<Target, Map<Outcome, Integer>> e : counts.entrySet()) {
      s.append("\n  ").append(e.getKey()).append(": ").append(e.getValue());
    }
    System.out.println(s);
  }

  /**
   * A database of {@link #KEYS} keys over several flushes and compactions (so tables at several
   * levels, some holding range tombstones), then {@link #LOG_WRITES} writes left in the log.
   */
  private void build(Path dir) throws IOException {
    model = new TreeMap<>();
    try (Db db = Db.open(dir, OPTIONS)) {
      Snapshot keepTombstones = null;
      for (int round = 0; round < 10; round++) {
        if (round == 8) {
          // Range deletions are pushed down to the last level and dropped there, unless a
          // snapshot still needs what they delete: keep some in the tables.
          keepTombstones = db.getSnapshot();
        }
        for (int i = 0; i < 700; i++) {
          write(db, randomBatch(round * 1000 + i));
        }
        db.flush();
      }
      keepTombstones.close();
      beforeLog = new TreeMap<>(model);
      for (int i = 0; i < LOG_WRITES; i++) {
        Mutation[] batch = randomBatch(100_000 + i);
        logBatches.add(batch);
        write(db, batch);
      }
      assertEquals(model, contents(db), "the clean database");
    }
    int tables = 0;
    int withTombstones = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (f.toString().endsWith(".sst")) {
          tables++;
          withTombstones += footer(f)[3] > 8 ? 1 : 0;
        }
      }
    }
    System.out.println(
        "CorruptionSweepTest database: "
            + model.size()
            + " keys, "
            + tables
            + " tables ("
            + withTombstones
            + " with range tombstones), "
            + LOG_WRITES
            + " records in the log");
    assertTrue(tables >= 4 && withTombstones >= 1, tables + " tables, " + withTombstones);
  }

  private Mutation[] randomBatch(int serial) {
    int n = rnd.nextInt(8) == 0 ? 2 + rnd.nextInt(3) : 1;
    Mutation[] batch = new Mutation[n];
    for (int j = 0; j < n; j++) {
      int k = rnd.nextInt(KEYS);
      int r = rnd.nextInt(100);
      batch[j] =
          r < 85
              ? new Mutation('p', key(k), "v" + serial + "-" + "x".repeat(rnd.nextInt(80)))
              : r < 97 ? new Mutation('d', key(k), null) : new Mutation('r', key(k), key(k + 40));
    }
    return batch;
  }

  private void write(Db db, Mutation[] batch) {
    WriteBatch b = new WriteBatch();
    for (Mutation m : batch) {
      m.addTo(b);
      m.applyTo(model);
    }
    db.write(b);
  }

  /** The model after the log records that end at or before {@code damageStart}. */
  private TreeMap<String, String> stateAfterRecordsBefore(
      long damageStart, long[] starts, long logSize) {
    TreeMap<String, String> m = new TreeMap<>(beforeLog);
    for (int i = 0; i < starts.length; i++) {
      long end = i + 1 < starts.length ? starts[i + 1] : logSize;
      if (end > damageStart) {
        break;
      }
      for (Mutation mu : logBatches.get(i)) {
        mu.applyTo(m);
      }
    }
    return m;
  }

  /**
   * Opens {@code dir} and reads everything; returns the outcome, or fails the test on wrong data, a
   * failure that is not a corruption naming {@code damaged}, or a failed open that deleted or
   * changed a file ({@code CURRENT} aside: the open may have started a new manifest of the same
   * state, which the reopen after the repair then reads).
   */
  private Outcome check(
      Path dir, Path damaged, byte[] undamaged, TreeMap<String, String> tornTail, String what)
      throws IOException {
    Map<String, byte[]> before = snapshot(dir);
    Db db;
    try {
      db = Db.open(dir, OPTIONS);
    } catch (DbException e) {
      assertCorruptionNaming(e, damaged, what);
      Map<String, byte[]> after = snapshot(dir);
      assertTrue(
          after.keySet().containsAll(before.keySet()),
          what + ": a failed open deleted files: " + before.keySet() + " -> " + after.keySet());
      for (Map.Entry<String, byte[]> f : before.entrySet()) {
        if (!f.getKey().equals("CURRENT") || damaged.endsWith("CURRENT")) {
          assertArrayEquals(f.getValue(), after.get(f.getKey()), what + ": " + f.getKey());
        }
      }
      Files.write(damaged, undamaged);
      try (Db repaired = Db.open(dir, OPTIONS)) {
        assertEquals(model, contents(repaired), what + ": reopened with the damage repaired");
      }
      return Outcome.DETECTED;
    }
    try (db) {
      TreeMap<String, String> found = contents(db);
      TreeMap<String, String> want;
      Outcome outcome;
      if (found.equals(model)) {
        want = model;
        outcome = Outcome.INTACT;
      } else if (tornTail != null && found.equals(tornTail)) {
        want = tornTail;
        outcome = Outcome.TORN_TAIL;
      } else {
        throw new AssertionError(what + ": read other data than the model: " + diff(model, found));
      }
      TreeMap<String, String> backwards = new TreeMap<>();
      try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
        for (it.seekToLast(); it.isValid(); it.prev()) {
          backwards.put(s(it.key()), s(it.value()));
        }
      }
      assertEquals(want, backwards, what + ": a backward scan");
      for (int k = 0; k < KEYS + 40; k++) {
        byte[] v = db.get(b(key(k)));
        String got = v == null ? null : s(v);
        if (!java.util.Objects.equals(want.get(key(k)), got)) {
          fail(what + ": get " + key(k) + " = " + got + ", the model has " + want.get(key(k)));
        }
      }
      db.verify();
      return outcome;
    } catch (DbException e) {
      assertCorruptionNaming(e, damaged, what);
      return Outcome.DETECTED;
    }
  }

  private static void assertCorruptionNaming(DbException e, Path damaged, String what) {
    if (e.kind() != DbException.Kind.CORRUPTION
        || !e.getMessage().contains(damaged.getFileName().toString())) {
      throw new AssertionError(what + ": expected a corruption naming the file, got " + e, e);
    }
  }

  private static String diff(Map<String, String> want, Map<String, String> got) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : want.entrySet()) {
      String g = got.get(e.getKey());
      if (g == null) {
        out.add("missing " + e.getKey());
      } else if (!g.equals(e.getValue())) {
        out.add("changed " + e.getKey() + " " + e.getValue() + " -> " + g);
      }
    }
    for (String k : got.keySet()) {
      if (!want.containsKey(k)) {
        out.add("back from the dead " + k + "=" + got.get(k));
      }
    }
    return out.size() + " differences, first " + out.subList(0, Math.min(5, out.size()));
  }

  /** The region of a file of {@code dir} of the kind {@code target}, the file chosen at random. */
  private Region pick(Path dir, Target target) throws IOException {
    if (target == Target.WAL) {
      Path log = onlyFile(dir, ".log");
      return new Region(log, 0, Files.size(log));
    }
    if (target == Target.MANIFEST) {
      Path m = onlyFile(dir, "MANIFEST-");
      return new Region(m, 0, Files.size(m));
    }
    if (target == Target.CURRENT) {
      Path c = dir.resolve("CURRENT");
      return new Region(c, 0, Files.size(c));
    }
    List<Path> tables = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        if (f.toString().endsWith(".sst")
            && (target != Target.RANGE_DEL_BLOCK || footer(f)[3] > 8)) {
          tables.add(f);
        }
      }
    }
    Path t = tables.get(rnd.nextInt(tables.size()));
    long[] h = footer(t);
    long size = Files.size(t);
    int trailer = 5;
    return switch (target) {
      case DATA_BLOCK -> new Region(t, 0, h[0]);
      case FILTER_BLOCK -> new Region(t, h[0], h[0] + h[1] + trailer);
      case RANGE_DEL_BLOCK -> new Region(t, h[2], h[2] + h[3] + trailer);
      case INDEX_BLOCK -> new Region(t, h[4], h[4] + h[5] + trailer);
      case FOOTER -> new Region(t, size - 52, size);
      default -> throw new AssertionError(target);
    };
  }

  /**
   * Flips one bit, or overwrites 1 to 32 bytes with random ones, inside {@code r}; returns the
   * damaged bytes [first, last + 1), which differ from what was there.
   */
  private long[] damage(Region r) throws IOException {
    byte[] bytes = Files.readAllBytes(r.file());
    int at = (int) (r.from() + rnd.nextInt((int) (r.to() - r.from())));
    int first;
    int last;
    if (rnd.nextBoolean()) {
      bytes[at] ^= (byte) (1 << rnd.nextInt(8));
      first = at;
      last = at;
    } else {
      int len = (int) Math.min(1 + rnd.nextInt(32), r.to() - at);
      first = -1;
      last = -1;
      for (int i = at; i < at + len; i++) {
        byte old = bytes[i];
        bytes[i] = (byte) rnd.nextInt(256);
        if (bytes[i] != old) {
          first = first < 0 ? i : first;
          last = i;
        }
      }
      if (first < 0) {
        bytes[at] ^= 1;
        first = at;
        last = at;
      }
    }
    Files.write(r.file(), bytes);
    return new long[] {first, last + 1};
  }

  /**
   * The footer's handles (filter offset, size, range-del offset, size, index offset, size), read as
   * {@code engine/FORMAT.md} lays them out; sizes exclude the 5-byte trailers.
   */
  private static long[] footer(Path table) throws IOException {
    byte[] all = Files.readAllBytes(table);
    ByteBuffer f = ByteBuffer.wrap(all, all.length - 52, 52).order(ByteOrder.LITTLE_ENDIAN);
    long[] h = new long[6];
    for (int i = 0; i < 3; i++) {
      h[2 * i] = f.getLong();
      h[2 * i + 1] = f.getInt() & 0xffffffffL;
    }
    return h;
  }

  private static long[] recordStarts(Path log) throws IOException {
    List<Long> starts = new ArrayList<>();
    try (LogReader reader = LogReader.open(Env.disk(), log, false)) {
      while (reader.readRecord() != null) {
        starts.add(reader.lastRecordOffset());
      }
    }
    return starts.stream().mapToLong(Long::longValue).toArray();
  }

  private static Path onlyFile(Path dir, String part) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found =
          files.filter(f -> f.getFileName().toString().contains(part)).sorted().toList();
      assertEquals(1, found.size(), "files named *" + part + "* in " + dir + ": " + found);
      return found.get(0);
    }
  }

  private static TreeMap<String, String> contents(Db db) {
    TreeMap<String, String> out = new TreeMap<>();
    try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        out.put(s(it.key()), s(it.value()));
      }
    }
    return out;
  }

  private static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.toList()) {
        out.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return out;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> list = Files.list(from)) {
      for (Path f : list.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, c) -> c.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String key(int i) {
    return String.format("key%05d", i);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
