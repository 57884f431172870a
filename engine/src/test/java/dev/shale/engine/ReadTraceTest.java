package dev.shale.engine;

import static dev.shale.engine.DbShapeTest.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link ReadTrace}: one thread's reads, where they were answered and what they read. */
class ReadTraceTest {

  private static Options tables() {
    // Tables stay in level 0: what each read touches is easy to predict.
    return DbShapeTest.tiny().withL0Triggers(100, 200, 300).withWriteBufferBytes(4 << 20);
  }

  private static void load(Db db, int n) {
    for (int i = 0; i < n; i += 2) { // even keys only: odd ones are missing
      db.put(key(i), ("value-" + i).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aFlushedTableIsOpenBeforeItsFirstRead() {
    try (Db db = Db.openInMemory(tables())) {
      load(db, 100);
      db.flush();
      try (ReadTrace t = ReadTrace.start()) {
        assertEquals("value-2", new String(db.get(key(2)), StandardCharsets.UTF_8));
        t.stop();
        assertEquals(1, t.servedBy(2), "answered by the flushed table in level 0");
        assertEquals(0, t.tablesOpened(), "the flush opened its table");
      }
    }
  }

  @Test
  void getsSayWhereTheyWereAnswered() {
    try (Db db = Db.openInMemory(tables())) {
      load(db, 100);
      db.flush();
      db.put(key(1), new byte[] {1});
      try (ReadTrace t = ReadTrace.start()) {
        db.get(key(1)); // memtable
        db.get(key(2)); // level 0
        db.get(key(3)); // nowhere
        t.stop();
        assertEquals(3, t.gets());
        assertEquals(2, t.getsFound());
        assertEquals(1, t.servedBy(0));
        assertEquals(1, t.servedBy(2));
        assertEquals(1, t.getsAnsweredByNothing());
        assertEquals(3, t.reads().size());
        assertEquals(ReadTrace.Read.Kind.GET, t.reads().get(1).kind());
        assertEquals("k000002", new String(t.reads().get(1).key(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void theBloomFilterAnswersForMissingKeysOfAFlushedTable() {
    try (Db db = Db.openInMemory(tables())) {
      load(db, 2000);
      db.flush();
      ReadTrace t = ReadTrace.start();
      int missing = 0;
      for (int i = 1; i < 1998; i += 2) { // within the table's key range
        assertNull(db.get(key(i)));
        missing++;
      }
      t.stop();
      ReadTrace.LevelCounts l0 = t.level(0);
      assertEquals(missing, l0.probes());
      assertEquals(1, l0.tablesConsulted());
      assertEquals(missing, l0.filterUseful() + l0.filterFalsePositive());
      assertTrue(l0.filterUseful() > missing * 0.9, l0.toString());
      // Only a false positive reads a block.
      assertTrue(
          l0.blocksFromCache() + l0.blocksFromFile() <= 2 * l0.filterFalsePositive(),
          l0.toString());
      assertEquals(missing, t.getsAnsweredByNothing());
    }
  }

  @Test
  void aSecondReadOfABlockComesFromTheCache() {
    try (Db db = Db.openInMemory(tables())) {
      load(db, 2000);
      db.flush();
      ReadTrace first = ReadTrace.start();
      db.get(key(500));
      first.stop();
      ReadTrace second = ReadTrace.start();
      db.get(key(500));
      second.stop();
      assertEquals(1, first.level(0).blocksFromFile(), first.level(0).toString());
      assertTrue(first.level(0).bytesFromFile() > 0);
      assertEquals(0, first.level(0).blocksFromCache());
      assertEquals(0, second.level(0).blocksFromFile());
      assertEquals(1, second.level(0).blocksFromCache());
      assertEquals(0, second.bytesFromFile());
    }
  }

  @Test
  void aRangeReadTouchesOnlyTheBlocksOfItsRange() {
    try (Db db = Db.openInMemory(tables())) {
      load(db, 4000);
      db.flush();
      long narrow = blocksOfScan(db, 1000, 1010);
      long wide = blocksOfScan(db, 1000, 3000);
      assertTrue(narrow >= 1 && narrow <= 2, "narrow " + narrow);
      assertTrue(wide > 10 * narrow, "narrow " + narrow + " wide " + wide);
    }
  }

  private static long blocksOfScan(Db db, int from, int to) {
    ReadTrace t = ReadTrace.start();
    int rows = 0;
    try (DbIterator it =
        db.newIterator(ReadOptions.DEFAULT.withLowerBound(key(from)).withUpperBound(key(to)))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        rows++;
      }
    }
    t.stop();
    assertEquals((to - from) / 2, rows);
    assertEquals(1, t.seeks());
    assertEquals(rows, t.steps());
    assertEquals(ReadTrace.Read.Kind.SEEK, t.reads().get(0).kind());
    return t.level(0).blocksFromCache() + t.level(0).blocksFromFile();
  }

  @Test
  void iteratorsCountWhatTheyPassOver() {
    try (Db db = Db.openInMemory(tables())) {
      byte[] v = {1};
      db.put(key(1), v);
      db.put(key(1), v); // an older version of key 1 stays in the memtable
      db.put(key(2), v);
      db.delete(key(2));
      db.put(key(3), v);
      db.deleteRange(key(3), key(4));
      db.put(key(5), v);
      ReadTrace t = ReadTrace.start();
      int rows = 0;
      try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          rows++;
        }
      }
      t.stop();
      assertEquals(2, rows);
      assertEquals(2, t.skippedVersions(), "older version of 1, older value of 2");
      assertEquals(1, t.skippedDeletions());
      assertEquals(1, t.skippedRangeDeleted());
    }
  }

  @Test
  void onlyTheStartingThreadsReadsCountAndNothingOnceStopped() throws Exception {
    try (Db db = Db.openInMemory(tables())) {
      load(db, 10);
      ReadTrace t = ReadTrace.start();
      CompletableFuture.runAsync(() -> db.get(key(2))).get();
      assertEquals(0, t.gets());
      db.get(key(4));
      t.stop();
      db.get(key(6));
      assertEquals(1, t.gets());
      assertNull(ReadTrace.current());
    }
  }

  @Test
  void anInnerTraceTakesOverUntilStopped() {
    try (Db db = Db.openInMemory(tables())) {
      load(db, 10);
      ReadTrace outer = ReadTrace.start();
      ReadTrace inner = ReadTrace.start();
      assertSame(inner, ReadTrace.current());
      db.get(key(2));
      inner.stop();
      assertSame(outer, ReadTrace.current());
      db.get(key(4));
      outer.stop();
      assertEquals(1, inner.gets());
      assertEquals(1, outer.gets());
    }
  }
}
