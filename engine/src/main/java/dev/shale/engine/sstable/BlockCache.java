package dev.shale.engine.sstable;

/**
 * Data blocks read from tables, kept within a byte budget by approximate least recent use. Thread
 * safe.
 *
 * <p>Keyed by (table file number, block offset): one cache serves one database directory, whose
 * file numbers are never reused. A block costs its bytes plus a small fixed overhead. The cache is
 * split into shards (1 per MiB of capacity, at most 16, a power of two) each with its own lock and
 * an equal share of the budget. Within a shard, eviction is second chance (CLOCK): blocks queue in
 * the order they came in; a hit only marks its block, and eviction takes the oldest unmarked block,
 * sending marked ones to the back of the queue unmarked. So a hit costs no list surgery, and a
 * block used since it last reached the front survives. A block read by a scan (an iterator stepping
 * from one block into the next) joins at the front instead: a long scan, such as a compaction,
 * recycles one place rather than flushing the cache. Index, filter and range-deletion blocks are
 * not cached here: each open {@link Table} pins its own.
 */
public final class BlockCache {

  private static final long MIN_SHARD_BYTES = 1 << 20;
  private static final int MAX_SHARDS = 16;

  private final long capacity;
  private final Shard[] shards;

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
    long n = 0;
    for (Shard s : shards) {
      n += s.hits();
    }
    return n;
  }

  public long misses() {
    long n = 0;
    for (Shard s : shards) {
      n += s.misses();
    }
    return n;
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
    long h = hash(fileNumber, offset);
    return shard(h).get(fileNumber, offset, (int) h);
  }

  /**
   * Caches {@code block}, evicting as needed; a block larger than a shard is not kept. A block read
   * by a scan ({@code scan}: an iterator stepping into the next block) joins the queue at the
   * front, to be evicted first unless it is hit again: one long scan (a compaction, a full read)
   * then recycles one place instead of flushing the cache.
   */
  void put(long fileNumber, long offset, Block block, boolean scan) {
    long h = hash(fileNumber, offset);
    shard(h).put(fileNumber, offset, (int) h, block, scan);
  }

  /** {@link #put(long, long, Block, boolean)} of a block read by a lookup. */
  void put(long fileNumber, long offset, Block block) {
    put(fileNumber, offset, block, false);
  }

  /** Mixes a block's key into 64 well-spread bits: the high ones pick a shard, the low a bucket. */
  private static long hash(long fileNumber, long offset) {
    long h = fileNumber * 0x9e3779b97f4a7c15L + offset;
    h ^= h >>> 32;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 29;
    return h;
  }

  private Shard shard(long h) {
    return shards[(int) (h >>> 60) & (shards.length - 1)];
  }

  /** A cached block: its key, its charge, and its links in a bucket's chain and the queue. */
  private static final class Entry {
    final long fileNumber;
    final long offset;
    final int hash;
    final int charge;
    final Block block;

    /** Hit since it was queued: passed over once by eviction. */
    boolean referenced;

    Entry chain;
    Entry newer;
    Entry older;

    Entry(long fileNumber, long offset, int hash, Block block, int charge) {
      this.fileNumber = fileNumber;
      this.offset = offset;
      this.hash = hash;
      this.block = block;
      this.charge = charge;
    }
  }

  /**
   * One shard: a chained hash table keyed by (file number, offset) without boxing, its entries also
   * on a doubly linked queue, oldest first. All under the shard's lock.
   */
  private static final class Shard {
    private final long capacity;
    private Entry[] buckets = new Entry[64];
    private int size;
    private long used;
    private long hits;
    private long misses;

    /**
     * Sentinel of the queue: {@code queue.newer} is the oldest block, {@code queue.older} the
     * newest.
     */
    private final Entry queue = new Entry(-1, -1, 0, null, 0);

    Shard(long capacity) {
      this.capacity = capacity;
      queue.newer = queue;
      queue.older = queue;
    }

    synchronized Block get(long fileNumber, long offset, int hash) {
      Entry e = buckets[hash & (buckets.length - 1)];
      while (e != null) {
        if (e.offset == offset && e.fileNumber == fileNumber) {
          hits++;
          if (!e.referenced) {
            e.referenced = true;
          }
          return e.block;
        }
        e = e.chain;
      }
      misses++;
      return null;
    }

    synchronized void put(long fileNumber, long offset, int hash, Block block, boolean scan) {
      int charge = block.charge();
      if (charge > capacity) {
        return;
      }
      for (Entry e = buckets[hash & (buckets.length - 1)]; e != null; e = e.chain) {
        if (e.offset == offset && e.fileNumber == fileNumber) {
          remove(e);
          break;
        }
      }
      while (used + charge > capacity) {
        Entry victim = queue.newer;
        if (victim.referenced) {
          victim.referenced = false; // a second chance
          unlink(victim);
          linkNewest(victim);
        } else {
          remove(victim);
        }
      }
      Entry fresh = new Entry(fileNumber, offset, hash, block, charge);
      int i = hash & (buckets.length - 1);
      fresh.chain = buckets[i];
      buckets[i] = fresh;
      if (scan) {
        linkOldest(fresh);
      } else {
        linkNewest(fresh);
      }
      used += charge;
      if (++size > buckets.length - (buckets.length >>> 2)) {
        grow();
      }
    }

    synchronized void evictFile(long fileNumber) {
      for (Entry e = queue.newer; e != queue; ) {
        Entry next = e.newer;
        if (e.fileNumber == fileNumber) {
          remove(e);
        }
        e = next;
      }
    }

    synchronized long used() {
      return used;
    }

    synchronized long hits() {
      return hits;
    }

    synchronized long misses() {
      return misses;
    }

    /** Drops {@code e} from its bucket and the queue. */
    private void remove(Entry e) {
      int i = e.hash & (buckets.length - 1);
      Entry p = buckets[i];
      if (p == e) {
        buckets[i] = e.chain;
      } else {
        while (p.chain != e) {
          p = p.chain;
        }
        p.chain = e.chain;
      }
      unlink(e);
      e.chain = null;
      e.newer = null;
      e.older = null;
      used -= e.charge;
      size--;
    }

    private static void unlink(Entry e) {
      e.older.newer = e.newer;
      e.newer.older = e.older;
    }

    private void linkOldest(Entry e) {
      Entry bottom = queue.newer;
      e.newer = bottom;
      e.older = queue;
      bottom.older = e;
      queue.newer = e;
    }

    private void linkNewest(Entry e) {
      Entry top = queue.older;
      e.older = top;
      e.newer = queue;
      top.newer = e;
      queue.older = e;
    }

    private void grow() {
      Entry[] old = buckets;
      Entry[] b = new Entry[old.length * 2];
      int mask = b.length - 1;
      for (Entry head : old) {
        for (Entry e = head; e != null; ) {
          Entry next = e.chain;
          int i = e.hash & mask;
          e.chain = b[i];
          b[i] = e;
          e = next;
        }
      }
      buckets = b;
    }
  }
}
