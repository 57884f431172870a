package dev.shale.engine.memtable;

import java.util.Arrays;

/**
 * The memory a memtable's entries live in: a few large arrays ("chunks") that entries are carved
 * out of one after another, as LevelDB's and RocksDB's arenas and HBase's MSLAB do, rather than
 * several small objects per entry. A memtable holds tens of thousands of entries for seconds, long
 * enough to outlive young collections; as objects, each collection traced and copied every one of
 * them, and each link from an older node to a newer one went through the collector's write barrier.
 * A chunk is one object without references, copied whole or not at all.
 *
 * <p>A chunk is a {@code long[]}, and a block is a run of its words: an entry is one block, the
 * skip list's node and, right after it, the key's and the value's bytes packed into words (see
 * {@link SkipList}), so a reader stepping from node to node meets each entry's bytes in the lines
 * it already loads. Words, not bytes, because the node's links are read and written with acquire
 * and release while readers walk the list, and only a {@code long[]}'s elements promise that on
 * every Java release: a {@code byte[]} viewed as longs does not since Java 22 (its view allows
 * plain access only), and its alignment in memory is not promised at all.
 *
 * <p>An address is a {@code long}: the chunk's index in its high 32 bits, the word's position in it
 * in the low 32. No block starts at address 0 unless it is the first one made, the skip list's
 * head, which no link points to, so 0 also stands for "no node".
 *
 * <p>Chunks are 256 KiB at most, under half of G1's smallest region, so that none is a humongous
 * object, which would take a whole region; a block larger than a quarter of a chunk gets a chunk of
 * its own. One writer at a time allocates (the skip list's). Readers find chunks by address through
 * {@link #chunk}: a chunk is in the table before any node whose address leads to it is published
 * (with a release store that the reader's acquire load of the link pairs with), so a reader that
 * holds an address finds its chunk.
 */
final class Arena {

  /** The largest chunk: 256 KiB. */
  static final int MAX_CHUNK_BYTES = 256 << 10;

  /** The smallest chunk: 4 KiB, for tiny write buffers. */
  static final int MIN_CHUNK_BYTES = 4 << 10;

  private final int chunkWords;

  private volatile long[][] chunks = new long[4][];
  private int count; // chunks in the table
  private int current; // the chunk being carved (large blocks' chunks come after it)
  private int used; // its next free word

  /** An arena whose chunks are {@code chunkBytes} (rounded to a power of two within the limits). */
  Arena(long chunkBytes) {
    int c = (int) Math.min(MAX_CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, chunkBytes));
    this.chunkWords = Integer.highestOneBit(c) / 8;
    // The first chunk now, so that allocating has no branch for "none yet": taken once per
    // memtable, it was a branch the JIT had not seen and compiled the write path again for.
    newChunk(this.chunkWords);
  }

  /**
   * The chunk size for a memtable of about {@code writeBufferBytes}: a quarter of it, so that a
   * small buffer does not take a large chunk, within [4 KiB, 256 KiB].
   */
  static Arena forWriteBuffer(long writeBufferBytes) {
    return new Arena(writeBufferBytes / 4);
  }

  /** The address of a new zeroed block of {@code words} longs. */
  long allocate(int words) {
    if (words > chunkWords / 4) {
      int index = count;
      chunks = add(chunks, count++, new long[words]);
      return address(index, 0);
    }
    if (used + words > chunkWords) {
      newChunk(chunkWords);
    }
    long address = address(current, used);
    used += words;
    return address;
  }

  private void newChunk(int words) {
    chunks = add(chunks, count, new long[words]);
    current = count++;
    used = 0;
  }

  /** The chunk {@code address} lies in. */
  long[] chunk(long address) {
    return chunks[(int) (address >>> 32)];
  }

  /** The position of {@code address}'s first word in its chunk. */
  static int offset(long address) {
    return (int) address;
  }

  private static long address(int chunk, int offset) {
    return (long) chunk << 32 | offset;
  }

  /**
   * {@code table} with {@code chunk} at {@code index}: the same array, or a larger copy when it is
   * full. Either way every chunk already in it stays at its index, so a reader holding an older
   * table finds every chunk it can have an address into.
   */
  private static long[][] add(long[][] table, int index, long[] chunk) {
    long[][] t = index < table.length ? table : Arrays.copyOf(table, table.length * 2);
    t[index] = chunk;
    return t;
  }
}
