package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Stats.Counter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One memory budget for memtables, block cache and the blocks open tables pin. */
class MemoryBudgetTest {

  private static final long MIB = 1L << 20;

  @TempDir Path dir;

  @Test
  void theDefaultsShareTheDefaultBudget() {
    Options o = Options.defaults();
    assertEquals(64 * MIB, o.memoryBudgetBytes());
    assertEquals(8 * MIB, o.writeBufferBytes());
    assertEquals(16 * MIB, o.blockCacheBytes());
    assertEquals(64 * MIB - 3 * 8 * MIB - 16 * MIB, o.tableMetadataBytes());
    o.checkMemoryBudget();
  }

  @Test
  void derivedSharesFollowTheBudgetAndExplicitKnobsWin() {
    Options big = Options.defaults().withMemoryBudgetBytes(256 * MIB);
    assertEquals(32 * MIB, big.writeBufferBytes()); // 3/8 of the budget over 3 memtables
    assertEquals(64 * MIB, big.blockCacheBytes());
    assertEquals(96 * MIB, big.tableMetadataBytes());

    Options set = big.withWriteBufferBytes(4 * MIB).withBlockCacheBytes(0);
    assertEquals(4 * MIB, set.writeBufferBytes());
    assertEquals(0, set.blockCacheBytes());
    assertEquals(256 * MIB - 12 * MIB, set.tableMetadataBytes());
    // Explicit knobs stay when the budget changes afterwards.
    assertEquals(4 * MIB, set.withMemoryBudgetBytes(64 * MIB).writeBufferBytes());
    assertEquals(0, set.withMemoryBudgetBytes(64 * MIB).blockCacheBytes());
    assertTrue(set.toString().contains("memoryBudgetBytes=268435456"), set.toString());
  }

  @Test
  void aBudgetTheOtherKnobsOverrunIsRefusedAtOpen() {
    Options tooMuch = Options.defaults().withWriteBufferBytes(16 * MIB); // 48 MiB + 16 MiB cache
    DbException e = assertThrows(DbException.class, () -> Db.open(dir, tooMuch));
    assertEquals(DbException.Kind.INVALID_ARGUMENT, e.kind());
    assertTrue(e.getMessage().contains("memoryBudgetBytes (67108864)"), e.getMessage());
    // 48 MiB of memtables fixed, the cache a quarter of the budget, 1/8 left: 48 MiB x 8/5.
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("at least (\\d+) ").matcher(e.getMessage());
    assertTrue(m.find(), e.getMessage());
    long least = Long.parseLong(m.group(1));
    assertTrue(Math.abs(least - 48 * MIB * 8 / 5) <= 8, e.getMessage());
    e = assertThrows(DbException.class, () -> Db.openInMemory(tooMuch));
    assertEquals(DbException.Kind.INVALID_ARGUMENT, e.kind());
    // The figure the message names is enough, and a little less is not.
    try (Db db = Db.open(dir, tooMuch.withMemoryBudgetBytes(least))) {
      db.put(b("k"), b("v"));
    }
    assertThrows(DbException.class, () -> Db.open(dir, tooMuch.withMemoryBudgetBytes(least - 1)));
  }

  @Test
  void aBudgetBelowOneMebibyteIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Options.defaults().withMemoryBudgetBytes(MIB - 1));
    assertTrue(e.getMessage().contains("memoryBudgetBytes"), e.getMessage());
  }

  /**
   * Many small tables whose indexes and filters together are far over a 1 MiB budget's share: read
   * all over, the open tables' pinned blocks stay within it (the tables past it read in place, or,
   * with that off, closed), and every read is right.
   */
  @Test
  void pinnedTableBlocksStayWithinTheBudgetAsDataGrows() {
    long seed = System.nanoTime();
    System.out.println("MemoryBudgetTest seed " + seed);
    SplittableRandom random = new SplittableRandom(seed);
    Options small =
        Options.defaults()
            .withSync(false)
            .withMemoryBudgetBytes(MIB)
            .withBlockBytes(256)
            .withTargetFileBytes(128 << 10);
    long bound = small.tableMetadataBytes();
    assertEquals(MIB - 3 * (MIB / 8 * 3 / 3) - MIB / 4, bound);
    int n = 150_000;
    try (Db db = Db.open(dir, small)) {
      for (int i = 0; i < n; i++) {
        db.put(key(i), value(i));
      }
      db.flush();
      long maxPinned = 0;
      for (int r = 0; r < 60_000; r++) {
        int i = random.nextInt(n);
        assertArrayEquals(value(i), db.get(key(i)), "key " + i);
        maxPinned = Math.max(maxPinned, db.stats().get(Counter.TABLE_PINNED_BYTES));
      }
      assertTrue(maxPinned <= bound, maxPinned + " pinned, over " + bound);
      assertTrue(maxPinned > bound / 2, "the bound was reached: " + maxPinned);
      assertTrue(
          db.stats().get(Counter.TABLES_MAPPED) > 0, "the tables past the bound are read in place");
    }
    // Reading in place off: the table cache closes tables instead, and stays within the bound too.
    try (Db db = Db.open(dir, small.withMaxMappedTables(0))) {
      long maxPinned = 0;
      for (int r = 0; r < 20_000; r++) {
        int i = random.nextInt(n);
        assertArrayEquals(value(i), db.get(key(i)), "key " + i);
        maxPinned = Math.max(maxPinned, db.stats().get(Counter.TABLE_PINNED_BYTES));
      }
      assertTrue(maxPinned <= bound, maxPinned + " pinned, over " + bound);
      assertEquals(0, db.stats().get(Counter.TABLES_MAPPED));
    }
    // The same data under a large budget keeps every table open: more than the small bound.
    try (Db db = Db.open(dir, small.withMemoryBudgetBytes(256 * MIB))) {
      for (int r = 0; r < 60_000; r++) {
        int i = random.nextInt(n);
        assertArrayEquals(value(i), db.get(key(i)), "key " + i);
      }
      long pinned = db.stats().get(Counter.TABLE_PINNED_BYTES);
      assertTrue(pinned > 2 * bound, "unbounded, the tables pin " + pinned);
    }
  }

  private static byte[] key(int i) {
    return String.format("key%09d", i).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(int i) {
    return ("v" + i + "-" + "x".repeat(i % 40)).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
