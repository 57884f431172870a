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
 * <p>Two kinds of chunk: {@code long[]} chunks hold the skip list's nodes (see {@link SkipList}),
 * {@code byte[]} chunks the keys' and values' bytes. An address is a {@code long}, the chunk's
 * index in its high 32 bits and the position in it in the low 32; each kind has its own numbering.
 * Address 0 is the first node chunk's first node, the skip list's head, which no link points to, so
 * 0 also stands for "no node".
 *
 * <p>Chunks are 256 KiB at most, under half of G1's smallest region, so that none is a humongous
 * object, which would take a whole region; an entry's bytes larger than a quarter of a chunk get a
 * chunk of their own. One writer at a time allocates (the skip list's). Readers find chunks by
 * address through {@link #nodes} and {@link #bytes}: a chunk is in its table before any node whose
 * address leads to it is published (with a release store that the reader's acquire load of the link
 * pairs with), so a reader that holds an address finds its chunk.
 */
final class Arena {

  /** The largest chunk: 256 KiB. */
  static final int MAX_CHUNK_BYTES = 256 << 10;

  /** The smallest chunk: 4 KiB, for tiny write buffers. */
  static final int MIN_CHUNK_BYTES = 4 << 10;

  private final int byteChunkBytes;
  private final int nodeChunkLongs;

  private volatile long[][] nodeChunks = new long[4][];
  private volatile byte[][] byteChunks = new byte[4][];
  private int nodeCount; // chunks in nodeChunks
  private int byteCount; // chunks in byteChunks
  private int nodeUsed; // longs used of the last node chunk
  private int byteIndex; // the byte chunk being carved (large entries' chunks come after it)
  private int byteUsed; // bytes used of it

  /** An arena whose chunks are {@code chunkBytes} (rounded to a power of two within the limits). */
  Arena(long chunkBytes) {
    int c = (int) Math.min(MAX_CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, chunkBytes));
    this.byteChunkBytes = Integer.highestOneBit(c);
    this.nodeChunkLongs = byteChunkBytes / Long.BYTES;
    // The first chunks now, so that allocating has no branch for "none yet": taken once per
    // memtable, it was a branch the JIT had not seen and compiled the write path again for.
    nodeChunks = add(nodeChunks, nodeCount++, new long[nodeChunkLongs]);
    byteChunks = add(byteChunks, byteCount++, new byte[byteChunkBytes]);
  }

  /**
   * The chunk size for a memtable of about {@code writeBufferBytes}: a quarter of it, so that a
   * small buffer does not take a large chunk, within [4 KiB, 256 KiB].
   */
  static Arena forWriteBuffer(long writeBufferBytes) {
    return new Arena(writeBufferBytes / 4);
  }

  /** The address of {@code longs} new zeroed longs in a node chunk; {@code longs} ≤ a chunk's. */
  long allocateNode(int longs) {
    if (nodeUsed + longs > nodeChunkLongs) {
      nodeChunks = add(nodeChunks, nodeCount++, new long[nodeChunkLongs]);
      nodeUsed = 0;
    }
    long address = address(nodeCount - 1, nodeUsed);
    nodeUsed += longs;
    return address;
  }

  /** The address of {@code n} new bytes in a byte chunk. */
  long allocateBytes(int n) {
    if (n > byteChunkBytes / 4) {
      byteChunks = add(byteChunks, byteCount, new byte[n]);
      return address(byteCount++, 0);
    }
    if (byteUsed + n > byteChunkBytes) {
      byteChunks = add(byteChunks, byteCount, new byte[byteChunkBytes]);
      byteIndex = byteCount++;
      byteUsed = 0;
    }
    long address = address(byteIndex, byteUsed);
    byteUsed += n;
    return address;
  }

  /** The node chunk {@code address} lies in. */
  long[] nodes(long address) {
    return nodeChunks[(int) (address >>> 32)];
  }

  /** The byte chunk {@code address} lies in. */
  byte[] bytes(long address) {
    return byteChunks[(int) (address >>> 32)];
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
  private static <T> T[] add(T[] table, int index, T chunk) {
    T[] t = index < table.length ? table : Arrays.copyOf(table, table.length * 2);
    t[index] = chunk;
    return t;
  }
}
