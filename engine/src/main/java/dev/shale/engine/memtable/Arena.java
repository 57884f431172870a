package dev.shale.engine.memtable;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The memory a memtable's entries live in: a few large byte arrays ("chunks") that entries are
 * carved out of one after another, as LevelDB's and RocksDB's arenas and HBase's MSLAB do, rather
 * than several small objects per entry. A memtable holds tens of thousands of entries for seconds,
 * long enough to outlive young collections; as objects, each collection traced and copied every one
 * of them, and each link from an older node to a newer one went through the collector's write
 * barrier. A chunk is one object without references, copied whole or not at all.
 *
 * <p>An entry is one block: the skip list's node and, right after it, the key's and the value's
 * bytes (see {@link SkipList}), so a reader stepping from node to node meets each entry's bytes in
 * the lines it already loads. Every block starts 8-aligned in memory ({@link #BASE}), so the node's
 * links can be read and written as longs with acquire and release.
 *
 * <p>An address is a {@code long}: the chunk's index in its high 32 bits, the position in it in the
 * low 32. No block starts at address 0 unless it is the first one made, the skip list's head, which
 * no link points to, so 0 also stands for "no node".
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

  /**
   * The first index of a byte array that is 8-aligned in memory: 0 where arrays' elements start at
   * 16 bytes (compressed class pointers), 4 where they start at 12 (compact object headers).
   * Objects are 8-aligned and keep their alignment when moved, so this holds for every array.
   */
  static final int BASE = (8 - ByteBuffer.wrap(new byte[16]).alignmentOffset(0, 8)) & 7;

  private final int chunkBytes;

  private volatile byte[][] chunks = new byte[4][];
  private int count; // chunks in the table
  private int current; // the chunk being carved (large blocks' chunks come after it)
  private int used; // its next free position

  /** An arena whose chunks are {@code chunkBytes} (rounded to a power of two within the limits). */
  Arena(long chunkBytes) {
    int c = (int) Math.min(MAX_CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, chunkBytes));
    this.chunkBytes = Integer.highestOneBit(c);
    // The first chunk now, so that allocating has no branch for "none yet": taken once per
    // memtable, it was a branch the JIT had not seen and compiled the write path again for.
    newChunk(this.chunkBytes);
  }

  /**
   * The chunk size for a memtable of about {@code writeBufferBytes}: a quarter of it, so that a
   * small buffer does not take a large chunk, within [4 KiB, 256 KiB].
   */
  static Arena forWriteBuffer(long writeBufferBytes) {
    return new Arena(writeBufferBytes / 4);
  }

  /** The address of a new zeroed block of {@code bytes}, 8-aligned in memory. */
  long allocate(int bytes) {
    int size = (bytes + 7) & ~7;
    if (size > chunkBytes / 4) {
      int index = count;
      chunks = add(chunks, count++, new byte[BASE + size]);
      return address(index, BASE);
    }
    if (used + size > BASE + chunkBytes) {
      newChunk(chunkBytes);
    }
    long address = address(current, used);
    used += size;
    return address;
  }

  private void newChunk(int bytes) {
    chunks = add(chunks, count, new byte[BASE + bytes]);
    current = count++;
    used = BASE;
  }

  /** The chunk {@code address} lies in. */
  byte[] chunk(long address) {
    return chunks[(int) (address >>> 32)];
  }

  /** The position of {@code address} in its chunk. */
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
  private static byte[][] add(byte[][] table, int index, byte[] chunk) {
    byte[][] t = index < table.length ? table : Arrays.copyOf(table, table.length * 2);
    t[index] = chunk;
    return t;
  }
}
