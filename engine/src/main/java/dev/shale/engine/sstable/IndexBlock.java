package dev.shale.engine.sstable;

import dev.shale.engine.coding.KeyWords;
import dev.shale.engine.coding.Varint;
import dev.shale.engine.keys.InternalKey;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A table's index block decoded once at open and pinned: the separator keys side by side in one
 * array, the data block handles in two more, so a lookup is a binary search over plain arrays.
 *
 * <p>Index entry (block layout: see {@link BlockBuilder}): key = separator, an encoded internal key
 * at or after the last key of its data block and before the first key of the next one; value = the
 * block's handle, offset (varint64) then size (varint64, without the trailer).
 */
final class IndexBlock implements TableIndex {

  private final byte[] keys;

  /** Separator {@code i} is {@code keys[keyStart[i], keyStart[i + 1])}. */
  private final int[] keyStart;

  private final long[] offsets;
  private final int[] sizes;
  private final int count;

  /** Length of the prefix that every separator's user key starts with. */
  private final int commonPrefix;

  /**
   * The 8 user-key bytes of each separator after the common prefix, big-endian, zero-padded: a
   * compact array that orders the separators (up to ties) so most of a search touches only it.
   */
  private final long[] words;

  private IndexBlock(byte[] keys, int[] keyStart, long[] offsets, int[] sizes, int count) {
    this.keys = keys;
    this.keyStart = keyStart;
    this.offsets = offsets;
    this.sizes = sizes;
    this.count = count;
    // The words cover every separator but the last: that one is often a short successor ("l"
    // after "key..."), which would leave no common prefix. find() checks it on its own.
    int covered = count - 1;
    if (covered <= 0) {
      commonPrefix = 0;
      words = new long[0];
      return;
    }
    // Separators are sorted, so the first and last covered share what all covered ones share.
    int firstUser = userLength(0);
    int lastUser = userLength(covered - 1);
    int min = Math.min(firstUser, lastUser);
    int from = keyStart[covered - 1];
    int m = Arrays.mismatch(keys, keyStart[0], keyStart[0] + min, keys, from, from + min);
    commonPrefix = m < 0 ? min : m;
    words = new long[covered];
    for (int i = 0; i < covered; i++) {
      words[i] = KeyWords.word(keys, keyStart[i], userLength(i), commonPrefix);
    }
  }

  private int userLength(int i) {
    return keyStart[i + 1] - keyStart[i] - InternalKey.TAG_SIZE;
  }

  /**
   * Decodes {@code block}, checking that separators strictly increase and that every handle lies in
   * {@code [0, dataEnd)}.
   *
   * @throws dev.shale.engine.DbException CORRUPTION naming the file
   */
  static IndexBlock parse(Block block, long dataEnd) {
    byte[] keys = new byte[Math.max(16, block.limit)];
    int[] keyStart = new int[17];
    long[] offsets = new long[16];
    int[] sizes = new int[16];
    int n = 0;
    int used = 0;
    BlockIterator it = new BlockIterator(block);
    for (it.seekToFirst(); it.isValid(); it.next()) {
      if (n + 1 == offsets.length) {
        offsets = Arrays.copyOf(offsets, 2 * offsets.length);
        sizes = Arrays.copyOf(sizes, offsets.length);
        keyStart = Arrays.copyOf(keyStart, offsets.length + 1);
      }
      int len = it.keyLength();
      if (n > 0
          && InternalKey.compareEncoded(
                  keys, keyStart[n - 1], used - keyStart[n - 1], it.keyBytes(), 0, len)
              >= 0) {
        throw block.corruption("index entry at " + it.entryOffset() + " is out of order");
      }
      if (used + len > keys.length) {
        keys = Arrays.copyOf(keys, Math.max(used + len, 2 * keys.length));
      }
      System.arraycopy(it.keyBytes(), 0, keys, used, len);
      keyStart[n] = used;
      used += len;
      ByteBuffer handle = ByteBuffer.wrap(it.data(), it.valueOffset(), it.valueLength());
      long offset;
      long size;
      try {
        offset = Varint.get64(handle);
        size = Varint.get64(handle);
      } catch (IllegalArgumentException e) {
        throw block.corruption("index entry at " + it.entryOffset() + ": " + e.getMessage());
      }
      if (handle.hasRemaining()
          || offset < 0
          || size < 0
          || size > Integer.MAX_VALUE - TableFormat.TRAILER_SIZE
          || size > dataEnd
          || offset > dataEnd - size - TableFormat.TRAILER_SIZE) {
        throw block.corruption(
            "index entry at " + it.entryOffset() + ": bad block handle " + offset + "+" + size);
      }
      offsets[n] = offset;
      sizes[n] = (int) size;
      n++;
    }
    keyStart[n] = used;
    return new IndexBlock(
        Arrays.copyOf(keys, used),
        Arrays.copyOf(keyStart, n + 1),
        Arrays.copyOf(offsets, n),
        Arrays.copyOf(sizes, n),
        n);
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public long offset(int i) {
    return offsets[i];
  }

  @Override
  public int size(int i) {
    return sizes[i];
  }

  /** The first block whose separator is at or after {@code t}; {@link #count()} if none. */
  @Override
  public int find(byte[] t, int tOff, int tLen) {
    if (count == 0) {
      return 0;
    }
    int i = findCovered(t, tOff, tLen);
    if (i < words.length) {
      return i;
    }
    int last = count - 1;
    int s = keyStart[last];
    boolean atOrBeforeLast =
        InternalKey.compareEncoded(keys, s, keyStart[count] - s, t, tOff, tLen) >= 0;
    return atOrBeforeLast ? last : count;
  }

  /** The first of the separators covered by {@code words} at or after {@code t}, or their count. */
  private int findCovered(byte[] t, int tOff, int tLen) {
    int covered = words.length;
    if (covered == 0) {
      return 0;
    }
    int tUser = tLen - InternalKey.TAG_SIZE;
    int n = Math.min(commonPrefix, tUser);
    int c = Arrays.compareUnsigned(t, tOff, tOff + n, keys, keyStart[0], keyStart[0] + n);
    if (c < 0 || (c == 0 && tUser < commonPrefix)) {
      return 0; // before every covered separator
    }
    if (c > 0) {
      return covered; // after every covered separator
    }
    // Words order keys strictly when they differ: a smaller word is a smaller key.
    long w = KeyWords.word(t, tOff, tUser, commonPrefix);
    int lo = 0;
    int hi = covered;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(words[mid], w) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    // lo is the first separator whose word is not below w; those with a larger word are after t.
    if (lo == covered || words[lo] != w) {
      return lo;
    }
    // Among the separators with the same word, [lo, hi), compare whole keys.
    int first = lo;
    hi = covered;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(words[mid], w) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    hi = lo;
    lo = first;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int s = keyStart[mid];
      if (InternalKey.compareEncoded(keys, s, keyStart[mid + 1] - s, t, tOff, tLen) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Separator {@code i}, encoded (a copy). */
  byte[] separator(int i) {
    return Arrays.copyOfRange(keys, keyStart[i], keyStart[i + 1]);
  }

  long sizeInBytes() {
    return keys.length
        + 4L * keyStart.length
        + 8L * offsets.length
        + 4L * sizes.length
        + 8L * words.length;
  }
}
