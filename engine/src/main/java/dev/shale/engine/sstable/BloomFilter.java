package dev.shale.engine.sstable;

import dev.shale.engine.coding.KeyHash;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The whole-table bloom filter over user keys, as read from a table's filter block (layout: see
 * {@link BloomFilterBuilder}): either a copy on the heap ({@link #parse}) or the block where it
 * lies in the table's mapping ({@link #mapped}), which whoever probes it must keep mapped meanwhile
 * (see {@link Table}). Immutable and thread safe.
 */
final class BloomFilter {

  /** The most probes a filter may ask for; more would only be a corrupt byte. */
  static final int MAX_PROBES = 30;

  private final ByteBuffer bits;
  private final int base;
  private final long bitCount;
  private final int probes;

  private BloomFilter(ByteBuffer bits, int base, int bytes, int probes) {
    this.bits = bits;
    this.base = base;
    this.bitCount = 8L * bytes;
    this.probes = probes;
  }

  /**
   * Parses filter block contents: the bit array followed by the probe count, copied onto the heap.
   * Returns null for an empty block (no filter was written).
   *
   * @throws IllegalArgumentException if the contents are malformed
   */
  static BloomFilter parse(byte[] contents, int off, int len) {
    if (len == 0) {
      return null;
    }
    int probes = probes(contents[off + len - 1], len);
    byte[] copy = Arrays.copyOfRange(contents, off, off + len - 1);
    return new BloomFilter(ByteBuffer.wrap(copy), 0, copy.length, probes);
  }

  /**
   * The filter block whose contents are {@code map[off, off + len)}, read in place; null for an
   * empty block.
   *
   * @throws IllegalArgumentException if the contents are malformed
   */
  static BloomFilter mapped(ByteBuffer map, int off, int len) {
    if (len == 0) {
      return null;
    }
    return new BloomFilter(map, off, len - 1, probes(map.get(off + len - 1), len));
  }

  private static int probes(byte last, int len) {
    int probes = last & 0xff;
    if (len < 2 || probes < 1 || probes > MAX_PROBES) {
      throw new IllegalArgumentException(
          "bad bloom filter: " + len + " bytes, " + probes + " probes");
    }
    return probes;
  }

  boolean mayContain(byte[] userKey) {
    long h = KeyHash.hash(userKey, 0, userKey.length);
    int h1 = (int) h;
    int h2 = (int) (h >>> 32);
    for (int i = 0; i < probes; i++) {
      long bit = index(h1 + i * h2, bitCount);
      if ((bits.get(base + (int) (bit >>> 3)) & (1 << (bit & 7))) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of the filter block. */
  int sizeInBytes() {
    return (int) (bitCount >>> 3) + 1;
  }

  /** Probe {@code g} (unsigned 32 bits) scaled onto {@code [0, bitCount)}: {@code g * n / 2^32}. */
  static long index(int g, long bitCount) {
    return ((g & 0xffffffffL) * bitCount) >>> 32;
  }
}
