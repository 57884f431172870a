package dev.shale.engine.sstable;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Data blocks read from tables, kept by least recent use within a byte budget. Thread safe.
 *
 * <p>Keyed by (table file number, block offset): one cache serves one database directory, whose
 * file numbers are never reused. A block costs its bytes plus a small fixed overhead. The cache is
 * split into shards (1 per MiB of capacity, at most 16, a power of two) each with its own lock and
 * an equal share of the budget; LRU order holds within a shard. Index, filter and range-deletion
 * blocks are not cached here: each open {@link Table} pins its own.
 */
public final class BlockCache {

  private static final long MIN_SHARD_BYTES = 1 << 20;
  private static final int MAX_SHARDS = 16;

  private final long capacity;
  private final Shard[] shards;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  public BlockCache(long capacityBytes) {
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("negative cache capacity: " + capacityBytes);
    }
    this.capacity = capacityBytes;
    int n = 1;
    while (n < MAX_SHARDS && capacityBytes / (2L * n) >= MIN_SHARD_BYTES) {
      n *= 2;
    }
    shards = new Shard[n];
    for (int i = 0; i < n; i++) {
      shards[i] = new Shard(capacityBytes / n);
    }
  }

  public long capacity() {
    return capacity;
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  public long usedBytes() {
    long used = 0;
    for (Shard s : shards) {
      used += s.used();
    }
    return used;
  }

  /** Drops every block of a table (its file was deleted). */
  public void evictFile(long fileNumber) {
    for (Shard s : shards) {
      s.evictFile(fileNumber);
    }
  }

  /** The cached block, or null; counts a hit or a miss. */
  Block get(long fileNumber, long offset) {
    Block b = shard(fileNumber, offset).get(new Key(fileNumber, offset));
    if (b != null) {
      hits.increment();
    } else {
      misses.increment();
    }
    return b;
  }

  /**
   * Caches {@code block}, evicting the least recently used; a block larger than a shard is not
   * kept.
   */
  void put(long fileNumber, long offset, Block block) {
    shard(fileNumber, offset).put(new Key(fileNumber, offset), block);
  }

  private Shard shard(long fileNumber, long offset) {
    if (shards.length == 1) {
      return shards[0];
    }
    long h = (fileNumber * 0x9e3779b97f4a7c15L) ^ offset;
    h *= 0xbf58476d1ce4e5b9L;
    return shards[(int) (h >>> 60) & (shards.length - 1)];
  }

  private record Key(long fileNumber, long offset) {}

  private static final class Shard {
    private final long capacity;
    private final LinkedHashMap<Key, Block> blocks = new LinkedHashMap<>(64, 0.75f, true);
    private long used;

    Shard(long capacity) {
      this.capacity = capacity;
    }

    synchronized Block get(Key key) {
      return blocks.get(key);
    }

    synchronized void put(Key key, Block block) {
      int charge = block.charge();
      if (charge > capacity) {
        return;
      }
      Block old = blocks.put(key, block);
      if (old != null) {
        used -= old.charge();
      }
      used += charge;
      Iterator<Block> lru = blocks.values().iterator();
      while (used > capacity) {
        used -= lru.next().charge();
        lru.remove();
      }
    }

    synchronized void evictFile(long fileNumber) {
      Iterator<Map.Entry<Key, Block>> it = blocks.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Key, Block> e = it.next();
        if (e.getKey().fileNumber() == fileNumber) {
          used -= e.getValue().charge();
          it.remove();
        }
      }
    }

    synchronized long used() {
      return used;
    }
  }
}
