package dev.shale.engine.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Db;
import dev.shale.engine.DbException;
import dev.shale.engine.DbIterator;
import dev.shale.engine.Options;
import dev.shale.engine.ReadOptions;
import dev.shale.engine.Snapshot;
import dev.shale.engine.Stats.Counter;
import dev.shale.engine.version.FileMetaData;
import dev.shale.engine.version.Version;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Db#compactRange}: the range ends up in one level, with nothing no reader can see. */
class CompactRangeTest {

  @TempDir Path dir;

  private static Options options() {
    return Options.defaults()
        .withSync(false)
        .withWriteBufferBytes(64 << 10)
        .withTargetFileBytes(32 << 10)
        .withL0Triggers(30, 40, 50)
        .withMaxBytesForLevelBase(64 << 20);
  }

  @Test
  void aFullCompactionLeavesOneLevelWithOnlyTheLiveData() {
    long seed = System.nanoTime();
    System.out.println("CompactRangeTest seed " + seed);
    Random random = new Random(seed);
    TreeMap<String, String> model = new TreeMap<>();
    try (Db db = Db.open(dir, options())) {
      for (int i = 0; i < 4000; i++) {
        put(db, model, key(i), "v0-" + i + "-" + "x".repeat(80));
      }
      db.compactRange(null, null); // the first version of every key in level 1, the rest above
      for (int round = 1; round <= 3; round++) {
        for (int n = 0; n < 1500; n++) {
          int i = random.nextInt(4000);
          if (random.nextInt(3) == 0) {
            db.delete(b(key(i)));
            model.remove(key(i));
          } else {
            put(db, model, key(i), "v" + round + "-" + i + "-" + "y".repeat(80));
          }
        }
        db.flush();
      }
      // Left in the memtable: a table holding it would be pushed down by the background thread.
      int from = random.nextInt(3900);
      db.deleteRange(b(key(from)), b(key(from + 50)));
      model.subMap(key(from), key(from + 50)).clear();
      long tableBytesBefore = db.stats().get(Counter.TABLE_BYTES);
      long entriesBefore = db.verify().entries();
      assertTrue(
          entriesBefore > model.size(),
          entriesBefore + " entries, " + model.size() + " keys, " + ((DbImpl) db).currentVersion());
      assertTrue(levelsWithData((DbImpl) db) > 1, "data in more than one level");

      db.compactRange(null, null);

      assertEquals(1, levelsWithData((DbImpl) db), "one level holds all the data");
      assertEquals(1.0, db.stats().spaceAmplification(), 1e-9);
      assertEquals(model.size(), db.verify().entries(), "no overwritten version, no tombstone");
      assertTrue(db.verify().entries() < entriesBefore);
      assertTrue(db.stats().get(Counter.TABLE_BYTES) < tableBytesBefore);
      assertNoRangeTombstones((DbImpl) db);
      assertReadsAsModel(db, model);
    }
    try (Db db = Db.open(dir, options())) {
      assertReadsAsModel(db, model);
    }
  }

  @Test
  void aBoundedRangeRewritesOnlyTheTablesItOverlaps() {
    TreeMap<String, String> model = new TreeMap<>();
    try (Db db = Db.open(dir, options())) {
      for (int i = 0; i < 4000; i++) {
        put(db, model, key(i), "v0-" + "x".repeat(100));
      }
      db.compactRange(null, null);
      Set<Long> before = files((DbImpl) db, null);
      assertTrue(before.size() > 6, "several tables: " + before.size());
      for (int i = 1000; i < 1100; i++) {
        put(db, model, key(i), "v1");
      }
      db.flush();
      for (int i = 3000; i < 3010; i++) {
        put(db, model, key(i), "v1"); // outside the range: stays in level 0
      }
      db.flush();
      byte[] lo = b(key(1000));
      byte[] hi = b(key(1100));
      Set<Long> outside = files((DbImpl) db, new byte[][] {lo, hi});

      db.compactRange(lo, hi);

      Set<Long> after = files((DbImpl) db, null);
      assertTrue(after.containsAll(outside), "tables outside the range are kept as they are");
      for (long n : before) {
        if (!outside.contains(n)) {
          assertFalse(after.contains(n), "table " + n + " in the range was rewritten");
        }
      }
      DbImpl impl = (DbImpl) db;
      Version v = impl.currentVersion();
      try {
        assertEquals(1, v.files(0).size(), "the level-0 table outside the range stays");
        assertTrue(v.overlapping(0, lo, hi).isEmpty());
      } finally {
        v.unref();
      }
      assertReadsAsModel(db, model);
    }
  }

  /** One table alone is rewritten, not moved: its deletions and old versions go. */
  @Test
  void aLoneTableIsRewrittenNotMoved() {
    try (Db db = Db.open(dir, options())) {
      db.put(b("k"), b("1"));
      db.put(b("k"), b("2"));
      db.delete(b("never"));
      db.flush();
      assertEquals(3, db.verify().entries());
      db.compactRange(null, null);
      assertEquals(1, db.verify().entries());
      assertArrayEquals(b("2"), db.get(b("k")));
    }
  }

  @Test
  void aSnapshotKeepsWhatItSeesThroughACompaction() {
    try (Db db = Db.open(dir, options())) {
      db.put(b("k"), b("old"));
      db.flush();
      try (Snapshot s = db.getSnapshot()) {
        db.put(b("k"), b("new"));
        db.delete(b("gone"));
        db.compactRange(null, null);
        assertArrayEquals(b("old"), db.get(ReadOptions.DEFAULT.withSnapshot(s), b("k")));
        assertArrayEquals(b("new"), db.get(b("k")));
      }
    }
  }

  @Test
  void writesGoOnDuringACompactionAndCloseStopsOneCleanly() throws Exception {
    TreeMap<String, String> model = new TreeMap<>();
    Db db = Db.open(dir, options());
    for (int i = 0; i < 20_000; i++) {
      put(db, model, key(i), "v0-" + "x".repeat(100));
    }
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; i < 2000; i++) {
                db.put(b(key(i)), b("w"));
              }
            });
    writer.start();
    db.compactRange(null, null);
    writer.join();
    for (int i = 0; i < 2000; i++) {
      model.put(key(i), "w");
    }
    assertReadsAsModel(db, model);

    for (int i = 0; i < 20_000; i += 2) {
      put(db, model, key(i), "v2-" + "z".repeat(100));
    }
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread compacting =
        new Thread(
            () -> {
              try {
                db.compactRange(null, null);
              } catch (Throwable t) {
                outcome.set(t);
              }
            });
    compacting.start();
    Thread.sleep(20);
    db.close();
    compacting.join(30_000);
    assertFalse(compacting.isAlive(), "compactRange returns once closed");
    if (outcome.get() != null) {
      assertTrue(
          outcome.get() instanceof DbException d && d.kind() == DbException.Kind.CLOSED,
          outcome.get().toString());
    }
    try (Db reopened = Db.open(dir, options())) {
      assertReadsAsModel(reopened, model);
    }
  }

  private static int levelsWithData(DbImpl db) {
    Version v = db.currentVersion();
    try {
      int n = 0;
      for (int level = 0; level < Version.NUM_LEVELS; level++) {
        n += v.files(level).isEmpty() ? 0 : 1;
      }
      return n;
    } finally {
      v.unref();
    }
  }

  private static void assertNoRangeTombstones(DbImpl db) {
    Version v = db.currentVersion();
    try {
      for (int level = 0; level < Version.NUM_LEVELS; level++) {
        for (FileMetaData f : v.files(level)) {
          assertEquals(0, f.rangeTombstones(), "table " + f.number());
        }
      }
    } finally {
      v.unref();
    }
  }

  /** The tables of every level; with {@code outside}, only those not overlapping [lo, hi]. */
  private static Set<Long> files(DbImpl db, byte[][] outside) {
    Version v = db.currentVersion();
    try {
      Set<Long> out = new HashSet<>();
      for (int level = 0; level < Version.NUM_LEVELS; level++) {
        for (FileMetaData f : v.files(level)) {
          if (outside == null || !f.overlaps(outside[0], outside[1])) {
            out.add(f.number());
          }
        }
      }
      return out;
    } finally {
      v.unref();
    }
  }

  static void assertReadsAsModel(Db db, TreeMap<String, String> model) {
    for (Map.Entry<String, String> e : model.entrySet()) {
      assertArrayEquals(b(e.getValue()), db.get(b(e.getKey())), e.getKey());
    }
    try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
      var expected = model.entrySet().iterator();
      for (it.seekToFirst(); it.isValid(); it.next()) {
        assertTrue(expected.hasNext(), "no more keys than the model");
        var e = expected.next();
        assertEquals(e.getKey(), new String(it.key(), StandardCharsets.UTF_8));
        assertEquals(e.getValue(), new String(it.value(), StandardCharsets.UTF_8));
      }
      assertFalse(expected.hasNext(), "no fewer keys than the model");
    }
  }

  private static void put(Db db, TreeMap<String, String> model, String k, String v) {
    db.put(b(k), b(v));
    model.put(k, v);
  }

  static String key(int i) {
    return String.format("key%08d", i);
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
