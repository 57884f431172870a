package dev.shale.engine.coding;

/**
 * The 64-bit hash of a key that bloom filters probe with: a table's filter block (where it is part
 * of the file format) and a memtable's key filter.
 */
public final class KeyHash {

  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private KeyHash() {}

  /**
   * The filter hash of {@code key[off, off + len)}: one lane of MurmurHash3 x64 over the key read
   * as little-endian 64-bit words (the last, short word zero-padded), seed 0, then the key length
   * and the fmix64 finalizer. Part of the table file format: changing it breaks every filter
   * written.
   */
  public static long hash(byte[] key, int off, int len) {
    long h = 0;
    int p = off;
    int end = off + len;
    for (; end - p >= 8; p += 8) {
      h ^= mixWord((long) LittleEndian.LONG.get(key, p));
      h = Long.rotateLeft(h, 27) * 5 + 0x52dce729;
    }
    if (p < end) {
      long w = 0;
      for (int i = end - 1; i >= p; i--) {
        w = w << 8 | (key[i] & 0xff);
      }
      h ^= mixWord(w);
    }
    h ^= len;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  private static long mixWord(long w) {
    return Long.rotateLeft(w * C1, 31) * C2;
  }
}
