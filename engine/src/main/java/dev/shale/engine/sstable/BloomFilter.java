package dev.shale.engine.sstable;

import dev.shale.engine.coding.KeyHash;
import java.util.Arrays;

/**
 * The whole-table bloom filter over user keys, as read from a table's filter block (layout: see
 * {@link BloomFilterBuilder}). Immutable and thread safe.
 */
final class BloomFilter {

  /** The most probes a filter may ask for; more would only be a corrupt byte. */
  static final int MAX_PROBES = 30;

  private final byte[] bits;
  private final long bitCount;
  private final int probes;

  private BloomFilter(byte[] bits, int probes) {
    this.bits = bits;
    this.bitCount = 8L * bits.length;
    this.probes = probes;
  }

  /**
   * Parses filter block contents: the bit array followed by the probe count. Returns null for an
   * empty block (no filter was written).
   *
   * @throws IllegalArgumentException if the contents are malformed
   */
  static BloomFilter parse(byte[] contents, int off, int len) {
    if (len == 0) {
      return null;
    }
    int probes = contents[off + len - 1] & 0xff;
    if (len < 2 || probes < 1 || probes > MAX_PROBES) {
      throw new IllegalArgumentException(
          "bad bloom filter: " + len + " bytes, " + probes + " probes");
    }
    return new BloomFilter(Arrays.copyOfRange(contents, off, off + len - 1), probes);
  }

  boolean mayContain(byte[] userKey) {
    long h = KeyHash.hash(userKey, 0, userKey.length);
    int h1 = (int) h;
    int h2 = (int) (h >>> 32);
    for (int i = 0; i < probes; i++) {
      long bit = index(h1 + i * h2, bitCount);
      if ((bits[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
        return false;
      }
    }
    return true;
  }

  int sizeInBytes() {
    return bits.length + 1;
  }

  /** Probe {@code g} (unsigned 32 bits) scaled onto {@code [0, bitCount)}: {@code g * n / 2^32}. */
  static long index(int g, long bitCount) {
    return ((g & 0xffffffffL) * bitCount) >>> 32;
  }
}
