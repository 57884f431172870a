package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Stats.Counter;
import dev.shale.engine.env.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flushes, levels and compaction, seen through the public API and the directory. */
class LsmTest {

  @TempDir Path dir;

  /** Small enough that a few thousand writes flush and compact through several levels. */
  private static Options tiny() {
    return Options.defaults()
        .withSync(false)
        .withWriteBufferBytes(16 << 10)
        .withBlockBytes(256)
        .withTargetFileBytes(8 << 10)
        .withMaxBytesForLevelBase(32 << 10)
        .withL0Triggers(2, 4, 8)
        .withBlockCacheBytes(16 << 10);
  }

  @Test
  void writesFlowIntoTablesAndLevelsAndStayReadable() throws IOException {
    writesFlowIntoTablesAndLevelsAndStayReadable(tiny());
  }

  @Test
  void writesFlowIntoTablesAndLevelsOfAnInMemoryEnvAndSurviveReopeningIt() throws IOException {
    writesFlowIntoTablesAndLevelsAndStayReadable(tiny().withEnv(Env.inMemory()));
  }

  /** The same database path as on disk: a full memtable freezes, flushes and compacts. */
  @Test
  void anInMemoryDatabaseFreezesFlushesAndCompacts() {
    int n = 20_000;
    try (Db db = Db.openInMemory(tiny())) {
      writeScatteredOverwritesAndDeletions(db, n);
      checkAll(db, n);
      db.flush(); // waits for the compactions that follow too
      Stats stats = db.stats();
      assertTrue(stats.get(Counter.FLUSHES) > 5, stats.toString());
      assertTrue(stats.get(Counter.COMPACTIONS) > 0, stats.toString());
      assertTrue(stats.get(Counter.LOG_BYTES_WRITTEN) > 0, stats.toString());
      checkAll(db, n);
      long deep = 0;
      for (int level = 1; level < 7; level++) {
        deep += db.stats().servedBy(2 + level);
      }
      assertTrue(deep > 0, "some reads were served below level 0: " + db.stats());
    }
  }

  private static void writeScatteredOverwritesAndDeletions(Db db, int n) {
    for (int i = 0; i < n; i++) {
      int k = i * 7919 % n; // every key once, in scattered order
      db.put(key(k), value(k, 0));
    }
    for (int i = 0; i < n; i += 3) {
      db.put(key(i), value(i, 1));
    }
    for (int i = 0; i < n; i += 5) {
      db.delete(key(i));
    }
  }

  private void writesFlowIntoTablesAndLevelsAndStayReadable(Options options) throws IOException {
    int n = 20_000;
    try (Db db = Db.open(dir, options)) {
      writeScatteredOverwritesAndDeletions(db, n);
      db.flush();
      Stats stats = db.stats();
      assertTrue(stats.get(Counter.FLUSHES) > 5, stats.toString());
      assertTrue(stats.get(Counter.COMPACTIONS) + stats.get(Counter.TRIVIAL_MOVES) > 0, "" + stats);
      assertTrue(stats.writeAmplification() > 1, stats.toString());
      checkAll(db, n);
    }
    try (Db db = Db.open(dir, options)) {
      checkAll(db, n);
      long deep = 0;
      for (int level = 1; level < 7; level++) {
        deep += db.stats().servedBy(2 + level);
      }
      assertTrue(deep > 0, "some reads were served below level 0: " + db.stats());
      assertTrue(db.stats().get(Counter.BLOOM_USEFUL) > 0, db.stats().toString());
    }
  }

  @Test
  void aFlushLetsItsLogGoAndReopenReadsTheTables() throws IOException {
    try (Db db = Db.open(dir, Options.defaults())) {
      for (int i = 0; i < 1000; i++) {
        db.put(key(i), value(i, 0));
      }
      db.flush();
      assertEquals(1, count(".log"), "only the current log is left");
      assertEquals(1, count(".sst"));
    }
    try (Db db = Db.open(dir, Options.defaults())) {
      assertArrayEquals(value(7, 0), db.get(key(7)));
      assertEquals(1, db.stats().servedBy(2), "served by level 0");
      assertNull(db.get(key(5000)));
    }
  }

  @Test
  void aSnapshotKeepsItsVersionsThroughCompactions() {
    try (Db db = Db.open(dir, tiny())) {
      for (int i = 0; i < 2000; i++) {
        db.put(key(i), value(i, 0));
      }
      Snapshot snapshot = db.getSnapshot();
      for (int round = 1; round <= 5; round++) {
        for (int i = 0; i < 2000; i++) {
          if (i % 2 == 0) {
            db.delete(key(i));
          } else {
            db.put(key(i), value(i, round));
          }
        }
        db.flush();
      }
      assertTrue(db.stats().get(Counter.COMPACTIONS) > 0, db.stats().toString());
      ReadOptions old = ReadOptions.DEFAULT.withSnapshot(snapshot);
      for (int i = 0; i < 2000; i++) {
        assertArrayEquals(value(i, 0), db.get(old, key(i)), "key " + i + " at the snapshot");
      }
      try (DbIterator it = db.newIterator(old)) {
        int i = 0;
        for (it.seekToFirst(); it.isValid(); it.next(), i++) {
          assertArrayEquals(key(i), it.key());
        }
        assertEquals(2000, i);
      }
      snapshot.close();
      for (int i = 0; i < 2000; i++) {
        byte[] expected = i % 2 == 0 ? null : value(i, 5);
        assertArrayEquals(expected, db.get(key(i)), "key " + i + " now");
      }
    }
  }

  @Test
  void aRangeDeletionHidesItsKeysThroughFlushesCompactionsAndReopen() {
    try (Db db = Db.open(dir, tiny())) {
      for (int i = 0; i < 5000; i++) {
        db.put(key(i), value(i, 0));
      }
      db.flush();
      Snapshot before = db.getSnapshot();
      db.deleteRange(key(1000), key(4000));
      db.put(key(2000), value(2000, 1)); // written after the deletion: lives
      assertEquals(1, db.stats().get(Counter.RANGE_DELETES));
      checkRangeDeleted(db);
      db.flush();
      for (int round = 0; round < 3; round++) {
        for (int i = 4000; i < 5000; i++) {
          db.put(key(i), value(i, round + 1));
        }
        db.flush();
      }
      checkRangeDeleted(db);
      ReadOptions old = ReadOptions.DEFAULT.withSnapshot(before);
      for (int i = 0; i < 5000; i += 7) {
        assertArrayEquals(value(i, 0), db.get(old, key(i)), "key " + i + " at the snapshot");
      }
      before.close();
      for (int i = 0; i < 1000; i++) {
        db.put(key(i), value(i, 9)); // more compaction, now free to drop what the range hides
      }
      db.flush();
    }
    try (Db db = Db.open(dir, tiny())) {
      checkRangeDeleted(db);
    }
  }

  private static void checkRangeDeleted(Db db) {
    for (int i = 990; i < 4010; i++) {
      boolean gone = i >= 1000 && i < 4000 && i != 2000;
      if (gone) {
        assertNull(db.get(key(i)), "key " + i + " was deleted by the range");
      } else {
        assertTrue(db.get(key(i)) != null, "key " + i + " lives");
      }
    }
    try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
      int live = 0;
      for (it.seekToFirst(); it.isValid(); it.next()) {
        live++;
      }
      assertEquals(5000 - 3000 + 1, live);
      it.seekForPrev(key(3999));
      assertArrayEquals(key(2000), it.key(), "backwards into the range lands on the survivor");
      it.prev();
      assertArrayEquals(key(999), it.key());
    }
  }

  /**
   * Writers update pairs of keys atomically while readers check, at snapshots, that both keys of
   * every pair agree, and flushes and compactions run underneath.
   */
  @Test
  void writersSnapshotReadersAndCompactionTogether() throws Exception {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("LsmTest concurrency seed=" + seed);
    int writers = 3;
    int pairs = 200;
    AtomicBoolean stop = new AtomicBoolean();
    try (Db db = Db.open(dir, tiny())) {
      ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        work.add(
            pool.submit(
                () -> {
                  Random random = new Random(seed + writer);
                  for (int round = 0; round < 3000; round++) {
                    int p = random.nextInt(pairs);
                    byte[] v = value(round, writer);
                    db.write(
                        new WriteBatch().put(pair(writer, p, 'a'), v).put(pair(writer, p, 'b'), v),
                        false);
                  }
                  return null;
                }));
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  int checked = 0;
                  while (!stop.get() || checked == 0) {
                    try (Snapshot s = db.getSnapshot();
                        DbIterator it = db.newIterator(ReadOptions.DEFAULT.withSnapshot(s))) {
                      for (it.seekToFirst(); it.isValid(); it.next()) {
                        byte[] a = it.key().clone();
                        byte[] va = it.value().clone();
                        it.next();
                        assertTrue(it.isValid(), "seed " + seed + ": pair cut after " + s(a));
                        assertEquals(s(va), s(it.value()), "seed " + seed + ": pair " + s(a));
                        assertEquals(
                            s(db.get(ReadOptions.DEFAULT.withSnapshot(s), a)),
                            s(va),
                            "seed " + seed + ": get agrees with the iterator at " + s(a));
                        checked++;
                      }
                    }
                  }
                  return checked;
                }));
      }
      for (Future<?> f : work) {
        f.get(2, TimeUnit.MINUTES);
      }
      stop.set(true);
      for (Future<?> f : readers) {
        assertTrue((Integer) f.get(2, TimeUnit.MINUTES) > 0);
      }
      pool.shutdown();
      assertTrue(db.stats().get(Counter.FLUSHES) > 0, db.stats().toString());
    }
  }

  @Test
  void aCorruptTableIsReportedNamingTheFileNeverAsWrongData() throws IOException {
    try (Db db = Db.open(dir, Options.defaults())) {
      for (int i = 0; i < 500; i++) {
        db.put(key(i), value(i, 0));
      }
      db.flush();
    }
    Path table;
    try (Stream<Path> files = Files.list(dir)) {
      table = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(table);
    bytes[bytes.length / 3] ^= 0x40; // inside a data block
    Files.write(table, bytes);
    try (Db db = Db.open(dir, Options.defaults())) {
      DbException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              DbException.class,
              () -> {
                try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
                  int i = 0;
                  for (it.seekToFirst(); it.isValid(); it.next(), i++) {
                    assertArrayEquals(key(i), it.key());
                    assertArrayEquals(value(i, 0), it.value());
                  }
                }
              });
      assertEquals(DbException.Kind.CORRUPTION, e.kind());
      assertTrue(e.getMessage().contains(table.getFileName().toString()), e.getMessage());
    }
  }

  /** Level 0 triggers at 4 files; the write buffer is large enough that only flush() flushes. */
  private static Options fourFilesPerCompaction() {
    return Options.defaults().withSync(false).withL0Triggers(4, 8, 12);
  }

  private static void putChunk(Db db, int from, int to, int version) {
    for (int i = from; i < to; i++) {
      db.put(key(i), value(i, version));
    }
    db.flush();
  }

  @Test
  void disjointLevel0FilesMoveDownTogetherWithoutARewrite() throws IOException {
    try (Db db = Db.open(dir, fourFilesPerCompaction())) {
      for (int chunk = 0; chunk < 4; chunk++) {
        putChunk(db, chunk * 500, chunk * 500 + 500, 0); // a sequential load: disjoint files
      }
      Stats stats = db.stats();
      assertEquals(4, stats.get(Counter.TRIVIAL_MOVES), stats.toString());
      assertEquals(0, stats.get(Counter.COMPACTIONS), stats.toString());
      assertEquals(0, stats.get(Counter.COMPACTION_BYTES_WRITTEN), stats.toString());
      for (int i = 0; i < 2000; i++) {
        assertArrayEquals(value(i, 0), db.get(key(i)), "key " + i);
      }
      assertEquals(2000, db.stats().servedBy(2 + 1), "every read served by level 1");
    }
    try (Db db = Db.open(dir, fourFilesPerCompaction())) {
      assertArrayEquals(value(1234, 0), db.get(key(1234)));
      assertEquals(1, db.stats().servedBy(2 + 1), "the move was recorded in the manifest");
    }
  }

  @Test
  void onlyLevel0FilesThatOverlapNothingMove() throws IOException {
    try (Db db = Db.open(dir, fourFilesPerCompaction())) {
      putChunk(db, 0, 500, 0); // alone: moves
      putChunk(db, 1000, 1500, 0); // overlapped by the fourth file: stays
      putChunk(db, 2000, 2500, 0); // alone: moves
      putChunk(db, 1200, 1300, 1); // newer versions inside the second file: stays
      Stats stats = db.stats();
      assertEquals(2, stats.get(Counter.TRIVIAL_MOVES), stats.toString());
      assertEquals(0, stats.get(Counter.COMPACTIONS), "two files left in level 0: " + stats);
      for (int i : new int[] {0, 499, 1000, 1199, 1200, 1299, 1300, 1499, 2000, 2499}) {
        int version = i >= 1200 && i < 1300 ? 1 : 0;
        assertArrayEquals(value(i, version), db.get(key(i)), "key " + i);
      }
      assertEquals(6, db.stats().servedBy(2), "level 0 served the overlapping files' keys");
      assertEquals(4, db.stats().servedBy(2 + 1), "level 1 the moved ones");
      // Two more overlapping files bring level 0 to the trigger: a real merge, newest wins.
      putChunk(db, 1250, 1260, 2);
      putChunk(db, 400, 1100, 3); // overlaps level 1 and level 0: must not move
      assertTrue(db.stats().get(Counter.COMPACTIONS) > 0, db.stats().toString());
      for (int i = 0; i < 2500; i++) {
        byte[] expected;
        if (i >= 400 && i < 1100) {
          expected = value(i, 3);
        } else if (i >= 1250 && i < 1260) {
          expected = value(i, 2);
        } else if (i >= 1200 && i < 1300) {
          expected = value(i, 1);
        } else if (i < 500 || i >= 1000 && i < 1500 || i >= 2000) {
          expected = value(i, 0);
        } else {
          expected = null;
        }
        assertArrayEquals(expected, db.get(key(i)), "key " + i);
      }
    }
  }

  private static void checkAll(Db db, int n) {
    int live = 0;
    for (int i = 0; i < n; i++) {
      byte[] expected = i % 5 == 0 ? null : value(i, i % 3 == 0 ? 1 : 0);
      assertArrayEquals(expected, db.get(key(i)), "key " + i);
      live += expected == null ? 0 : 1;
    }
    try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
      int seen = 0;
      byte[] previous = null;
      for (it.seekToFirst(); it.isValid(); it.next()) {
        assertTrue(previous == null || java.util.Arrays.compareUnsigned(previous, it.key()) < 0);
        previous = it.key().clone();
        seen++;
      }
      assertEquals(live, seen);
    }
  }

  private long count(String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(suffix)).count();
    }
  }

  static byte[] key(int i) {
    return String.format("key%08d", i).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] value(int i, int version) {
    return ("value-" + i + "-" + version + "-" + "x".repeat(i % 50))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] pair(int writer, int p, char side) {
    return String.format("w%d-%05d-%c", writer, p, side).getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }
}
