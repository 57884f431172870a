package dev.shale.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.env.Env;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlockCacheTest {

  @TempDir Path dir;

  /** An empty block of {@code length} content bytes (all before one restart at 0). */
  private static Block block(int length) {
    byte[] data = new byte[length];
    data[length - 4] = 1;
    return new Block(data, length, Path.of("x.sst"), 0);
  }

  @Test
  void keepsTheMostRecentlyUsedWithinCapacity() {
    Block b = block(1000);
    BlockCache cache = new BlockCache(3L * b.charge());
    cache.put(1, 0, block(1000));
    cache.put(1, 1000, block(1000));
    cache.put(2, 0, block(1000));
    assertEquals(3L * b.charge(), cache.usedBytes());

    assertNotNull(cache.get(1, 0)); // (1, 0) is now the most recent
    cache.put(2, 1000, block(1000)); // evicts the least recent: (1, 1000)

    assertNull(cache.get(1, 1000));
    assertNotNull(cache.get(1, 0));
    assertNotNull(cache.get(2, 0));
    assertNotNull(cache.get(2, 1000));
    assertEquals(3L * b.charge(), cache.usedBytes());
    assertEquals(4, cache.hits());
    assertEquals(1, cache.misses());
  }

  @Test
  void aBlockHitSinceItCameInSurvivesOneRoundOfEviction() {
    Block b = block(1000);
    BlockCache cache = new BlockCache(4L * b.charge());
    for (int i = 0; i < 4; i++) {
      cache.put(1, i, block(1000));
    }
    assertNotNull(cache.get(1, 0)); // the oldest, but used
    assertNotNull(cache.get(1, 2));
    cache.put(1, 4, block(1000)); // evicts (1, 1): the oldest unused
    cache.put(1, 5, block(1000)); // evicts (1, 3)
    assertNull(cache.get(1, 1));
    assertNull(cache.get(1, 3));
    for (long offset : new long[] {0, 2, 4, 5}) {
      assertNotNull(cache.get(1, offset), "offset " + offset);
    }
    assertEquals(4L * b.charge(), cache.usedBytes());
  }

  @Test
  void aScanRecyclesOnePlaceInsteadOfFlushingTheCache() {
    Block b = block(1000);
    BlockCache cache = new BlockCache(4L * b.charge());
    for (int i = 0; i < 4; i++) {
      cache.put(1, i, block(1000));
    }
    for (int i = 0; i < 10; i++) {
      cache.put(2, i, block(1000), true);
    }
    assertNull(cache.get(1, 0), "the oldest lookup block made room for the first scan block");
    for (int i = 1; i < 4; i++) {
      assertNotNull(cache.get(1, i), "lookup block " + i);
    }
    for (int i = 0; i < 9; i++) {
      assertNull(cache.get(2, i), "scan block " + i);
    }
    assertNotNull(cache.get(2, 9), "the last scan block stays until something needs its place");
    assertEquals(4L * b.charge(), cache.usedBytes());
  }

  @Test
  void aLookupFindsTheBlockLastPutUnderItsKey() {
    BlockCache cache = new BlockCache(3 << 20);
    Map<Long, Block> model = new HashMap<>();
    Random r = new Random(17);
    long hits = 0;
    long misses = 0;
    for (int i = 0; i < 100_000; i++) {
      long file = r.nextInt(10);
      long offset = r.nextInt(200) * 4096L;
      long key = file * 1_000_000_000L + offset;
      if (r.nextInt(3) == 0) {
        Block b = block(8 + r.nextInt(8000));
        cache.put(file, offset, b);
        model.put(key, b);
      } else {
        Block got = cache.get(file, offset);
        if (got != null) {
          assertSame(model.get(key), got);
          hits++;
        } else {
          misses++;
        }
      }
      if (i % 25_000 == 0) {
        cache.evictFile(file);
        assertNull(cache.get(file, offset));
        misses++;
      }
    }
    assertTrue(hits > 1000, "hits " + hits);
    assertEquals(hits, cache.hits());
    assertEquals(misses, cache.misses());
    assertTrue(cache.usedBytes() <= 3 << 20);
  }

  @Test
  void neverHoldsMoreThanItsCapacity() {
    for (long capacity : new long[] {10_000, 5L << 20, 64L << 20}) {
      BlockCache cache = new BlockCache(capacity);
      Random r = new Random(capacity);
      for (int i = 0; i < 20_000; i++) {
        cache.put(r.nextInt(50), r.nextInt(1000) * 4096L, block(8 + r.nextInt(8000)));
        assertTrue(cache.usedBytes() <= capacity, "used " + cache.usedBytes());
      }
      assertTrue(cache.usedBytes() > capacity / 2, "the cache is used: " + cache.usedBytes());
    }
  }

  @Test
  void replacingAndOversizedBlocksKeepTheAccountRight() {
    BlockCache cache = new BlockCache(10_000);
    cache.put(1, 0, block(100));
    cache.put(1, 0, block(200));
    assertEquals(block(200).charge(), cache.usedBytes());
    cache.put(1, 4096, block(20_000));
    assertNull(cache.get(1, 4096), "a block larger than the cache is not kept");
    assertEquals(block(200).charge(), cache.usedBytes());
  }

  @Test
  void evictFileDropsOnlyThatFile() {
    BlockCache cache = new BlockCache(1 << 20);
    for (int i = 0; i < 10; i++) {
      cache.put(7, i * 100L, block(50));
      cache.put(8, i * 100L, block(50));
    }
    cache.evictFile(7);
    assertEquals(10L * block(50).charge(), cache.usedBytes());
    assertNull(cache.get(7, 0));
    assertNotNull(cache.get(8, 900));
  }

  @Test
  void tableReadsGoThroughTheCache() throws IOException {
    TreeMap<InternalKey, byte[]> model = TableFixtures.randomEntries(new Random(3), 400);
    TableOptions options = TableOptions.defaults().withBlockBytes(256);
    Path file = dir.resolve("000005.sst");
    long size = TableFixtures.write(file, model, List.of(), options);
    BlockCache cache = new BlockCache(16 << 20);
    try (Table table = Table.open(Env.disk(), file, 5, size, cache, options)) {
      int blocks = table.blockCount();
      assertTrue(blocks > 10);
      TableFixtures.forward(table.newIterator());
      assertEquals(0, cache.hits());
      assertEquals(blocks, cache.misses(), "one miss per data block");
      TableFixtures.forward(table.newIterator());
      assertEquals(blocks, cache.hits(), "the second pass hits every block");
      assertEquals(blocks, cache.misses());

      InternalKey k = model.firstKey();
      Block cached = table.dataBlock(0);
      assertSame(cached, table.dataBlock(0));
      InternalIterator it = table.newIterator();
      it.seek(k);
      assertEquals(k, it.key());

      cache.evictFile(5);
      assertEquals(0, cache.usedBytes());
    }
  }
}
