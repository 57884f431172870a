package dev.shale.engine.sstable;

/*
 * Filter block layout: one bloom filter over every distinct user key of the table.
 *
 *   +-----------------------+------------+
 *   | bits[m / 8]           | probes (1) |
 *   +-----------------------+------------+
 *
 *   m       number of bits: max(64, keys * bitsPerKey) rounded up to a multiple of 8
 *   probes  k = clamp(floor(bitsPerKey * 0.69), 1, 30)
 *   key     h = KeyHash.hash(user key) (64 bits); h1 = low 32 bits, h2 = high 32 bits;
 *           probe i (0 <= i < k) sets bit  ((h1 + i * h2) mod 2^32) * m / 2^32,
 *           bit b being (bits[b / 8] >> (b % 8)) & 1
 *
 * With bitsPerKey = 0 the filter block is empty (contents of length 0): no filter, every key
 * may be present.
 */

import dev.shale.engine.coding.KeyHash;
import java.util.Arrays;

/** Collects the hashes of a table's user keys and lays out its filter block. */
final class BloomFilterBuilder {

  private final int bitsPerKey;
  private long[] hashes = new long[1024];
  private int count;

  BloomFilterBuilder(int bitsPerKey) {
    if (bitsPerKey < 1) {
      throw new IllegalArgumentException("bitsPerKey must be positive");
    }
    this.bitsPerKey = bitsPerKey;
  }

  /** Adds a user key; the caller adds each distinct user key once. */
  void add(byte[] key, int off, int len) {
    if (count == hashes.length) {
      hashes = Arrays.copyOf(hashes, 2 * count);
    }
    hashes[count++] = KeyHash.hash(key, off, len);
  }

  int estimatedSize() {
    return (int) Math.min(Integer.MAX_VALUE, bitCount() / 8 + 1);
  }

  /** The filter block's contents. */
  byte[] finish() {
    long m = bitCount();
    if (m / 8 + 1 > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("bloom filter too large: " + count + " keys");
    }
    int probes = Math.min(BloomFilter.MAX_PROBES, Math.max(1, (int) (bitsPerKey * 0.69)));
    byte[] out = new byte[(int) (m / 8) + 1];
    for (int j = 0; j < count; j++) {
      long h = hashes[j];
      int h1 = (int) h;
      int h2 = (int) (h >>> 32);
      for (int i = 0; i < probes; i++) {
        long bit = BloomFilter.index(h1 + i * h2, m);
        out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
      }
    }
    out[out.length - 1] = (byte) probes;
    return out;
  }

  private long bitCount() {
    long m = Math.max(64L, (long) count * bitsPerKey);
    return (m + 7) / 8 * 8;
  }
}
