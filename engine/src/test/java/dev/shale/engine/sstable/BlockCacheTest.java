package dev.shale.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
    TableOptions options = TableOptions.defaults().withBlockSize(256);
    Path file = dir.resolve("000005.sst");
    long size = TableFixtures.write(file, model, List.of(), options);
    BlockCache cache = new BlockCache(16 << 20);
    try (Table table = Table.open(file, 5, size, cache, options)) {
      int blocks = table.index().count();
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
