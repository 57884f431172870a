package dev.shale.engine.db;

import static dev.shale.engine.db.CompactRangeTest.assertReadsAsModel;
import static dev.shale.engine.db.CompactRangeTest.b;
import static dev.shale.engine.db.CompactRangeTest.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Db;
import dev.shale.engine.DbException;
import dev.shale.engine.DbIterator;
import dev.shale.engine.Ingest;
import dev.shale.engine.IngestReport;
import dev.shale.engine.Options;
import dev.shale.engine.ReadOptions;
import dev.shale.engine.Snapshot;
import dev.shale.engine.Stats.Counter;
import dev.shale.engine.version.FileMetaData;
import dev.shale.engine.version.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Db#newIngest}: sorted rows straight into tables, installed as the newest state. */
class IngestTest {

  @TempDir Path dir;

  private static Options options() {
    return Options.defaults()
        .withSync(false)
        .withWriteBufferBytes(64 << 10)
        .withTargetFileBytes(32 << 10)
        .withMaxBytesForLevelBase(256 << 10)
        .withL0Triggers(4, 20, 30);
  }

  private static IngestReport ingest(
      Db db, TreeMap<String, String> model, int from, int to, String tag) {
    try (Ingest in = db.newIngest()) {
      for (int i = from; i < to; i++) {
        String v = tag + i;
        in.add(b(key(i)), b(v));
        model.put(key(i), v);
      }
      assertEquals(to - from, in.rows());
      return in.commit();
    }
  }

  @Test
  void rowsThatOverlapNothingGoToTheLastLevelAndSurviveAReopen() {
    TreeMap<String, String> model = new TreeMap<>();
    try (Db db = Db.open(dir, options())) {
      for (int i = 0; i < 100; i++) {
        db.put(b(key(i)), b("w" + i));
        model.put(key(i), "w" + i);
      }
      IngestReport r = ingest(db, model, 1000, 6000, "i");
      assertEquals(5000, r.rows());
      assertTrue(r.tables() > 1, "cut at the target size: " + r);
      assertEquals(Version.NUM_LEVELS - 1, r.level());
      assertEquals(5000, db.stats().get(Counter.INGESTED_ROWS));
      assertReadsAsModel(db, model);
      db.put(b(key(2000)), b("after"));
      model.put(key(2000), "after");
      assertReadsAsModel(db, model);
    }
    try (Db db = Db.open(dir, options())) {
      assertReadsAsModel(db, model);
      db.put(b(key(3000)), b("after reopen")); // a sequence above the ingest's
      model.put(key(3000), "after reopen");
      assertReadsAsModel(db, model);
      db.compactRange(null, null);
      assertReadsAsModel(db, model);
    }
  }

  @Test
  void ingestedRowsAreNewerThanEveryEarlierWriteAndOlderThanEveryLaterOne() {
    TreeMap<String, String> model = new TreeMap<>();
    try (Db db = Db.open(dir, options())) {
      for (int i = 0; i < 3000; i++) {
        db.put(b(key(i)), b("old" + i));
        model.put(key(i), "old" + i);
      }
      db.flush(); // in tables
      db.put(b(key(500)), b("in memtable"));
      db.deleteRange(b(key(700)), b(key(710))); // in the memtable, inside the ingest's range
      IngestReport r = ingest(db, model, 400, 800, "new");
      assertTrue(r.level() < Version.NUM_LEVELS - 1, "above the data it overlaps: " + r);
      assertReadsAsModel(db, model);
      db.put(b(key(450)), b("later"));
      model.put(key(450), "later");
      db.delete(b(key(451)));
      model.remove(key(451));
      assertReadsAsModel(db, model);
      db.flush();
      db.compactRange(null, null);
      assertReadsAsModel(db, model);
    }
    try (Db db = Db.open(dir, options())) {
      assertReadsAsModel(db, model);
    }
  }

  /**
   * The manifest keeps the tables' global sequence: after a reopen they still shadow older data.
   */
  @Test
  void anIngestOverOlderDataReadsTheSameAfterAReopen() {
    TreeMap<String, String> model = new TreeMap<>();
    try (Db db = Db.open(dir, options())) {
      for (int i = 0; i < 2000; i++) {
        db.put(b(key(i)), b("old" + i));
        model.put(key(i), "old" + i);
      }
      db.flush();
      ingest(db, model, 100, 300, "new");
    }
    try (Db db = Db.open(dir, options())) {
      assertReadsAsModel(db, model);
    }
  }

  @Test
  void aSnapshotOrIteratorOpenedBeforeTheCommitNeverSeesTheRows() {
    try (Db db = Db.open(dir, options())) {
      db.put(b("k1"), b("before"));
      db.flush();
      Ingest in = db.newIngest();
      in.add(b("k1"), b("ingested"));
      in.add(b("k2"), b("ingested"));
      Snapshot s = db.getSnapshot();
      DbIterator it = db.newIterator(ReadOptions.DEFAULT);
      assertNull(db.get(b("k2")), "nothing visible before the commit");
      in.commit();
      ReadOptions atS = ReadOptions.DEFAULT.withSnapshot(s);
      assertArrayEquals(b("before"), db.get(atS, b("k1")));
      assertNull(db.get(atS, b("k2")));
      it.seekToFirst();
      assertArrayEquals(b("k1"), it.key());
      assertArrayEquals(b("before"), it.value());
      it.next();
      assertFalse(it.isValid(), "the iterator sees only its moment");
      it.close();
      try (DbIterator now = db.newIterator(ReadOptions.DEFAULT)) {
        now.seekToFirst();
        // The ingested table's entries, read in place through its global-sequence view.
        assertArrayEquals(
            b("ingested"),
            now.readValue((buf, off, len) -> Arrays.copyOfRange(buf, off, off + len)));
        now.next();
        assertArrayEquals(b("k2"), now.key());
        assertArrayEquals(
            b("ingested"),
            now.readValue((buf, off, len) -> Arrays.copyOfRange(buf, off, off + len)));
      }
      try (DbIterator later = db.newIterator(atS)) {
        later.seek(b("k1"));
        assertArrayEquals(b("before"), later.value());
        later.next();
        assertFalse(later.isValid());
      }
      // Compaction keeps the version the snapshot reads.
      db.compactRange(null, null);
      assertArrayEquals(b("before"), db.get(atS, b("k1")));
      s.close();
      assertArrayEquals(b("ingested"), db.get(b("k1")));
      assertArrayEquals(b("ingested"), db.get(b("k2")));
      in.close();
    }
  }

  @Test
  void badRowsAreRefusedNamingTheLimitAndTheIngestGoesOn() {
    Options o = options().withMaxKeyBytes(16).withMaxValueBytes(100);
    try (Db db = Db.open(dir, o);
        Ingest in = db.newIngest()) {
      in.add(b("b"), b("1"));
      DbException tooLong = assertThrows(DbException.class, () -> in.add(new byte[17], b("v")));
      assertEquals(DbException.Kind.INVALID_ARGUMENT, tooLong.kind());
      assertTrue(tooLong.getMessage().contains("1..16"), tooLong.getMessage());
      DbException empty = assertThrows(DbException.class, () -> in.add(new byte[0], b("v")));
      assertEquals(DbException.Kind.INVALID_ARGUMENT, empty.kind());
      DbException big = assertThrows(DbException.class, () -> in.add(b("c"), new byte[101]));
      assertTrue(big.getMessage().contains("at most 100"), big.getMessage());
      DbException order = assertThrows(DbException.class, () -> in.add(b("a"), b("v")));
      assertEquals(DbException.Kind.INVALID_ARGUMENT, order.kind());
      assertTrue(
          order.getMessage().contains("'a'") && order.getMessage().contains("'b'"),
          order.getMessage());
      DbException same = assertThrows(DbException.class, () -> in.add(b("b"), b("v")));
      assertTrue(same.getMessage().contains("ascending"), same.getMessage());
      in.add(b("c"), b("3"));
      assertArrayEquals(b("c"), in.lastKey());
      assertEquals(2, in.rows());
      assertEquals(2, in.commit().rows());
      assertThrows(IllegalStateException.class, () -> in.add(b("d"), b("4")));
      assertArrayEquals(b("1"), db.get(b("b")));
      assertArrayEquals(b("3"), db.get(b("c")));
    }
  }

  @Test
  void anIngestClosedWithoutACommitOrCutByACrashLeavesNothing() throws IOException {
    try (Db db = Db.open(dir, options())) {
      db.put(b("x"), b("1"));
      Ingest in = db.newIngest();
      for (int i = 0; i < 3000; i++) {
        in.add(b(key(i)), b("v".repeat(50)));
      }
      assertTrue(tables() > 0, "tables written as rows come");
      in.close();
      assertEquals(0, tables());
      assertThrows(IllegalStateException.class, in::commit);
    }
    Db db = Db.open(dir, options());
    Ingest in = db.newIngest();
    for (int i = 0; i < 3000; i++) {
      in.add(b(key(i)), b("v".repeat(50)));
    }
    db.close(); // as a crash would: the ingest's tables stay, listed nowhere
    assertTrue(tables() > 0);
    try (Db reopened = Db.open(dir, options())) {
      assertNull(reopened.get(b(key(1))));
      assertArrayEquals(b("1"), reopened.get(b("x")));
      Version v = ((DbImpl) reopened).currentVersion();
      int live = 0;
      for (int level = 0; level < Version.NUM_LEVELS; level++) {
        live += v.files(level).size();
      }
      v.unref();
      assertEquals(live, tables(), "the ingest's tables deleted as obsolete at the open");
    }
  }

  /** The background thread's deletion of obsolete files keeps an ingest's tables. */
  @Test
  void obsoleteFileDeletionKeepsTheTablesOfAnIngestInProgress() {
    TreeMap<String, String> model = new TreeMap<>();
    try (Db db = Db.open(dir, options())) {
      Ingest in = db.newIngest();
      for (int i = 0; i < 3000; i++) {
        in.add(b(key(100_000 + i)), b("i" + i));
        model.put(key(100_000 + i), "i" + i);
      }
      for (int i = 0; i < 10_000; i++) {
        int k = (i * 7919) % 5000; // flushes, compactions, deletions of their inputs
        db.put(b(key(k)), b("x".repeat(100)));
        model.put(key(k), "x".repeat(100));
      }
      db.flush();
      assertTrue(db.stats().get(Counter.COMPACTIONS) > 0);
      in.commit();
      assertReadsAsModel(db, model);
    }
  }

  /** Salvage, which reads tables without the manifest, cannot know an ingest's sequence. */
  @Test
  void salvageSetsAnIngestedTableAsideAsALossRatherThanGuessItsSequence() {
    try (Db db = Db.open(dir, options())) {
      db.put(b(key(1)), b("old"));
      db.flush();
      ingest(db, new TreeMap<>(), 0, 10, "new");
    }
    dev.shale.engine.SalvageReport r = Db.salvage(dir, options());
    assertTrue(
        r.losses().stream().anyMatch(l -> l.contains("written by an ingest")),
        r.losses().toString());
    try (Db db = Db.open(dir, options())) {
      assertArrayEquals(b("old"), db.get(b(key(1))), "the older version shows again, as named");
    }
  }

  @Test
  void worksInMemory() {
    TreeMap<String, String> model = new TreeMap<>();
    try (Db db = Db.openInMemory(options())) {
      db.put(b(key(5)), b("w"));
      ingest(db, model, 0, 2000, "m");
      assertReadsAsModel(db, model);
    }
  }

  /**
   * Ingests while writers and compactions run: every level keeps disjoint tables, and every key
   * reads as the model (each writer owns its keys; ingests take ranges no writer touches, some
   * between and some inside the writers' key space).
   */
  @Test
  void ingestsDuringWritesAndCompactionsKeepTheLevelsDisjoint() throws Exception {
    long seed = System.nanoTime();
    System.out.println("IngestTest seed " + seed);
    Random random = new Random(seed);
    TreeMap<String, String> model = new TreeMap<>();
    try (Db db = Db.open(dir, options())) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> writers = new ArrayList<>();
      List<TreeMap<String, String>> written = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int id = w;
        TreeMap<String, String> mine = new TreeMap<>();
        written.add(mine);
        Random r = new Random(seed + w);
        Thread t =
            new Thread(
                () -> {
                  try {
                    for (int n = 0; !stop.get() || n < 2000; n++) {
                      // Keys i*10+id, i*10+id+2 .. : digits 0..3 of the last place.
                      String k = key(r.nextInt(20_000) * 10 + id);
                      String v = "w" + id + "-" + n + "-" + "p".repeat(r.nextInt(60));
                      db.put(b(k), b(v));
                      mine.put(k, v);
                    }
                  } catch (Throwable e) {
                    failure.set(e);
                  }
                });
        writers.add(t);
        t.start();
      }
      for (int round = 0; round < 12; round++) {
        // Keys ending in 5..9 within a random window: between the writers' keys.
        int from = random.nextInt(190_000);
        try (Ingest in = db.newIngest()) {
          for (int i = from; i < from + 2000; i++) {
            if (i % 10 >= 5) {
              String v = "g" + round + "-" + i;
              in.add(b(key(i)), b(v));
              model.put(key(i), v);
            }
          }
          in.commit();
        }
        assertLevelsDisjoint((DbImpl) db);
      }
      stop.set(true);
      for (Thread t : writers) {
        t.join();
      }
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      for (TreeMap<String, String> m : written) {
        model.putAll(m);
      }
      assertLevelsDisjoint((DbImpl) db);
      assertReadsAsModel(db, model);
      db.compactRange(null, null);
      assertReadsAsModel(db, model);
    }
  }

  static void assertLevelsDisjoint(DbImpl db) {
    Version v = db.currentVersion();
    try {
      for (int level = 1; level < Version.NUM_LEVELS; level++) {
        List<FileMetaData> files = v.files(level);
        for (int i = 1; i < files.size(); i++) {
          assertTrue(
              Arrays.compareUnsigned(
                      files.get(i - 1).largest().userKey(), files.get(i).smallest().userKey())
                  < 0,
              "level " + level + " tables overlap: " + files.get(i - 1) + " " + files.get(i));
        }
      }
    } finally {
      v.unref();
    }
  }

  private long tables() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".sst")).count();
    }
  }
}
