package dev.shale.engine.sstable;

import dev.shale.engine.coding.LittleEndian;
import dev.shale.engine.keys.InternalKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A table's index block searched where it lies in the table's read-only mapping, so an open table
 * keeps none of its index on the heap (the page cache holds it, and gives it back under pressure).
 * Every entry of an index block is a restart point ({@link TableFormat#INDEX_RESTART_INTERVAL}), so
 * entry {@code i} starts at restart {@code i} and a lookup is a binary search over the restart
 * array. Built only over a block that {@link IndexBlock#parse} has checked, and compared against it
 * entry by entry ({@link #sameAs}) before use.
 *
 * <p>Not guarded itself: whoever calls it must keep the mapping from being unmapped meanwhile (see
 * {@link Table}).
 */
final class MappedIndex implements TableIndex {

  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final ByteBuffer map;
  private final int base;
  private final int restarts;
  private final int count;

  /**
   * The index block whose contents are {@code map[base, base + limit)}, {@code count} entries.
   *
   * @throws IllegalArgumentException if the block does not have one restart per entry, or the
   *     buffer is not big-endian
   */
  MappedIndex(ByteBuffer map, int base, int limit, int count) {
    if (map.order() != ByteOrder.BIG_ENDIAN) {
      throw new IllegalArgumentException("the mapping must be big-endian");
    }
    int numRestarts = littleEndianInt(map, base + limit - 4);
    if (numRestarts != Math.max(1, count)) {
      throw new IllegalArgumentException(
          "index block has " + numRestarts + " restarts for " + count + " entries");
    }
    this.map = map;
    this.base = base;
    this.restarts = base + limit - 4 - 4 * numRestarts;
    this.count = count;
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public long offset(int i) {
    int p = valueAt(i);
    return varint64(p);
  }

  @Override
  public int size(int i) {
    int p = valueAt(i);
    p += varintLength(p);
    return (int) varint64(p);
  }

  @Override
  public int find(byte[] t, int tOff, int tLen) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int e = entryAt(mid);
      if (compare(keyAt(e), keyLength(e), t, tOff, tLen) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Whether every entry reads here as {@code parsed} has it: same count, separators and handles.
   */
  boolean sameAs(IndexBlock parsed) {
    if (parsed.count() != count) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      byte[] sep = parsed.separator(i);
      int e = entryAt(i);
      if (map.get(e) != 0) {
        return false; // a restart stores its whole key: its shared length is one zero byte
      }
      int keyLen = keyLength(e);
      if (keyLen != sep.length
          || compare(keyAt(e), keyLen, sep, 0, keyLen) != 0
          || offset(i) != parsed.offset(i)
          || size(i) != parsed.size(i)) {
        return false;
      }
    }
    return true;
  }

  private int entryAt(int i) {
    return base + littleEndianInt(map, restarts + 4 * i);
  }

  /**
   * The key length of the entry at {@code e}: right after its shared length, one zero byte at a
   * restart (as {@link #sameAs} checked of every entry).
   */
  private int keyLength(int e) {
    return (int) varint64(e + 1);
  }

  /** Where the key of the entry at {@code e} starts: after its shared, key and value lengths. */
  private int keyAt(int e) {
    int p = e + 1;
    p += varintLength(p);
    return p + varintLength(p);
  }

  /** Where entry {@code i}'s value (the block handle) starts. */
  private int valueAt(int i) {
    int e = entryAt(i);
    return keyAt(e) + keyLength(e);
  }

  private int varintLength(int p) {
    int n = 1;
    while (map.get(p + n - 1) < 0) {
      n++;
    }
    return n;
  }

  private long varint64(int p) {
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = map.get(p++);
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
  }

  /**
   * {@link InternalKey#compareEncoded} of the key {@code map[p, p + len)} against {@code t[tOff,
   * tOff + tLen)}: user keys as unsigned bytes, eight at a time, then the larger tag first.
   */
  private int compare(int p, int len, byte[] t, int tOff, int tLen) {
    int aUser = len - InternalKey.TAG_SIZE;
    int bUser = tLen - InternalKey.TAG_SIZE;
    int n = Math.min(aUser, bUser);
    int i = 0;
    for (; i + Long.BYTES <= n; i += Long.BYTES) {
      long a = map.getLong(p + i);
      long b = (long) BIG_ENDIAN_LONG.get(t, tOff + i);
      if (a != b) {
        return Long.compareUnsigned(a, b);
      }
    }
    for (; i < n; i++) {
      int c = (map.get(p + i) & 0xff) - (t[tOff + i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    if (aUser != bUser) {
      return aUser - bUser;
    }
    long aTag = Long.reverseBytes(map.getLong(p + aUser));
    long bTag = (long) LittleEndian.LONG.get(t, tOff + bUser);
    return Long.compareUnsigned(bTag, aTag);
  }

  private static int littleEndianInt(ByteBuffer b, int at) {
    return Integer.reverseBytes(b.getInt(at));
  }
}
