package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Stats.Counter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a write does with the caller's arrays and what it counts, from memtable to tables. */
class WritePathTest {

  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theCallersArraysStayTheCallers() {
    try (Db db = Db.open(dir, Options.defaults().withSync(false))) {
      byte[] key = b("key");
      byte[] value = b("value");
      db.put(key, value);
      key[0] = 'X';
      value[0] = 'X';
      assertArrayEquals(b("value"), db.get(b("key")), "the memtable kept its own copy");
      assertNull(db.get(b("Xey")));

      byte[] begin = b("m");
      byte[] end = b("n");
      db.put(b("m1"), b("v"));
      db.put(b("p"), b("v"));
      db.deleteRange(begin, end);
      end[0] = 'z'; // [m, z) would cover p
      assertNull(db.get(b("m1")));
      assertArrayEquals(b("v"), db.get(b("p")), "the range deletion kept its own end key");
    }
  }

  @Test
  void everyReadReturnsItsOwnArray() {
    try (Db db = Db.open(dir, Options.defaults().withSync(false))) {
      db.put(b("k"), b("value"));
      byte[] fromMemtable = db.get(b("k"));
      fromMemtable[0] = 'X';
      assertArrayEquals(b("value"), db.get(b("k")), "memtable");
      db.flush();
      byte[] first = db.get(b("k"));
      byte[] second = db.get(b("k"));
      assertNotSame(first, second);
      first[0] = 'X';
      assertArrayEquals(b("value"), db.get(b("k")), "table, through the block cache");
      assertEquals(3, db.stats().servedBy(2), "the last three reads came from level 0");
    }
  }

  @Test
  void aSmallWriteAfterALargeOneLogsOnlyItself() {
    // The leader encodes every group's record into one buffer it keeps: what follows a large
    // record must log its own bytes, not the rest of the large one.
    byte[] large = new byte[100_000];
    java.util.Arrays.fill(large, (byte) 'L');
    try (Db db = Db.open(dir, Options.defaults().withSync(false))) {
      db.put(b("large"), large);
      long before = db.stats().get(Counter.LOG_BYTES_WRITTEN);
      db.put(b("s"), b("v"));
      assertEquals(
          12 + 1 + (1 + 1) + (1 + 1),
          db.stats().get(Counter.LOG_BYTES_WRITTEN) - before,
          "header, type, key and value with their lengths");
      db.put(b("medium"), new byte[300]);
    }
    try (Db db = Db.open(dir, Options.defaults().withSync(false))) { // replays the log
      assertArrayEquals(large, db.get(b("large")));
      assertArrayEquals(b("v"), db.get(b("s")));
      assertArrayEquals(new byte[300], db.get(b("medium")));
    }
  }

  @Test
  void aBatchIsCountedOnceAndOnlyWhenItCommits() {
    try (Db db = Db.openInMemory(Options.defaults().withMaxValueBytes(10))) {
      WriteBatch batch =
          new WriteBatch()
              .put(b("a"), b("12345"))
              .put(b("bb"), b(""))
              .delete(b("ccc"))
              .deleteRange(b("d"), b("ee"));
      db.write(batch);
      Stats stats = db.stats();
      assertEquals(2, stats.get(Counter.PUTS));
      assertEquals(1, stats.get(Counter.DELETES));
      assertEquals(1, stats.get(Counter.RANGE_DELETES));
      assertEquals(1 + 5 + 2 + 3 + 1 + 2, stats.get(Counter.USER_BYTES_WRITTEN));
      assertEquals(4, stats.keySizes().count());
      assertEquals(2, stats.valueSizes().count());
      assertEquals((1 + 2 + 3 + 1) / 4.0, stats.keySizes().mean());
      assertEquals((5 + 0) / 2.0, stats.valueSizes().mean());
      assertEquals(7, stats.valueSizes().quantileUpperBound(1.0), "5 is in the bucket [4, 7]");
      assertEquals(1, stats.get(Counter.WRITE_GROUPS));
      long logged = stats.get(Counter.LOG_BYTES_WRITTEN);
      assertTrue(logged > 1 + 5 + 2 + 3 + 1 + 2, "the record holds every key and value: " + logged);

      WriteBatch bad = new WriteBatch().put(b("x"), b("1")).put(b("y"), b("12345678901"));
      DbException e = assertThrows(DbException.class, () -> db.write(bad));
      assertEquals(DbException.Kind.INVALID_ARGUMENT, e.kind());
      assertEquals(2, stats.get(Counter.PUTS), "a refused batch counts nothing");
      assertEquals(4, stats.keySizes().count());
      assertNull(db.get(b("x")), "and writes nothing");
      assertArrayEquals(b("12345"), db.get(b("a")));

      Snapshot before = db.getSnapshot();
      db.put(b("a"), b("1"));
      WriteBatch stale = new WriteBatch().put(b("a"), b("22"));
      e = assertThrows(DbException.class, () -> db.writeIfUnchanged(stale, before, false));
      assertEquals(DbException.Kind.CONFLICT, e.kind());
      before.close();
      assertEquals(3, stats.get(Counter.PUTS), "a batch refused for a conflict counts nothing");
      assertEquals(5, stats.keySizes().count());
      assertEquals(2, stats.get(Counter.WRITE_GROUPS));
    }
  }
}
