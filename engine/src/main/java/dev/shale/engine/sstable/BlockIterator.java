package dev.shale.engine.sstable;

import dev.shale.engine.coding.LittleEndian;
import dev.shale.engine.keys.InternalKey;
import java.util.Arrays;

/**
 * A cursor over the entries of one {@link Block} whose keys are encoded internal keys. The current
 * key is rebuilt in a reusable buffer ({@link #keyBytes()}, {@link #keyLength()}); the value stays
 * in the block ({@link #valueOffset()}, {@link #valueLength()}). Nothing is allocated per entry
 * unless a key outgrows the buffer.
 *
 * <p>Every length read from the block is checked against the block's bounds; a malformed entry
 * throws {@code DbException(CORRUPTION)} naming the file and the block. A reused cursor is pointed
 * at another block with {@link #reset}.
 */
final class BlockIterator {

  private Block block;
  private byte[] data;
  private int restartsOffset;
  private int numRestarts;

  /** Offset of the current entry; {@code restartsOffset} when not valid. */
  private int current;

  /** Offset of the entry after the current one. */
  private int next;

  /** Index of the restart point at or before {@code current}. */
  private int restartIndex;

  /** Offset of restart point {@code restartIndex + 1}, or {@code restartsOffset} if none. */
  private int nextRestart;

  /**
   * Set by {@link #compareToTarget}: when the current key is below the target because its user key
   * has a smaller byte at index m (the bytes before it equal), m; otherwise -1.
   */
  private int mismatch;

  private byte[] key = new byte[64];
  private int keyLen;
  private int valueOff;
  private int valueLen;

  /** The three lengths of the last entry header read by {@link #readHeader}. */
  private int hShared;

  private int hNonShared;
  private int hValueLen;

  BlockIterator() {}

  BlockIterator(Block block) {
    reset(block);
  }

  void reset(Block block) {
    this.block = block;
    this.data = block.data;
    this.restartsOffset = block.restartsOffset;
    this.numRestarts = block.numRestarts;
    invalidate();
  }

  Block block() {
    return block;
  }

  /** Lets go of the block (a cursor kept for reuse must not pin an evicted block's bytes). */
  void release() {
    block = null;
    data = null;
    restartsOffset = 0;
    numRestarts = 0;
    current = 0;
    next = 0;
    restartIndex = 0;
    nextRestart = 0;
    keyLen = 0;
  }

  boolean isValid() {
    return current < restartsOffset;
  }

  void seekToFirst() {
    seekToRestart(0);
    parseNext();
  }

  void seekToLast() {
    seekToRestart(numRestarts - 1);
    while (parseNext() && next < restartsOffset) {
      // scan to the last entry
    }
  }

  /** Moves to the first entry whose key is at or after the encoded internal key {@code t}. */
  void seek(byte[] t, int tOff, int tLen) {
    int left = 0;
    int right = numRestarts - 1;
    if (isValid()) {
      // Reuse the current position to narrow the search (sequential seeks are common).
      int c = InternalKey.compareEncoded(key, 0, keyLen, t, tOff, tLen);
      if (c == 0) {
        return;
      }
      if (c < 0) {
        left = restartIndex;
      } else {
        right = restartIndex;
      }
    }
    // Find the last restart point whose key is before the target.
    while (left < right) {
      int mid = (left + right + 1) >>> 1;
      int p = readHeader(restart(mid));
      if (hShared != 0) {
        throw block.corruption("restart entry at " + restart(mid) + " shares a prefix");
      }
      if (InternalKey.compareEncoded(data, p, hNonShared, t, tOff, tLen) < 0) {
        left = mid;
      } else {
        right = mid - 1;
      }
    }
    seekToRestart(left);
    int m = -1;
    while (parseNext()) {
      // Keys ascend, so a key sharing more than m bytes with the previous one (which was below t
      // at user-key byte m) has the same smaller byte m: it is below t too, no need to compare.
      // The sharing may cover part of the tag only if the user keys are equal, so byte m (before
      // the previous user key's end) is in this user key as well.
      if (m >= 0 && hShared > m) {
        continue;
      }
      if (compareToTarget(t, tOff, tLen) >= 0) {
        return;
      }
      m = mismatch;
    }
  }

  /**
   * Compares the current key with the encoded internal key {@code t} as {@link
   * InternalKey#compareEncoded} does, and sets {@link #mismatch}.
   */
  private int compareToTarget(byte[] t, int tOff, int tLen) {
    int kUser = keyLen - InternalKey.TAG_SIZE;
    int tUser = tLen - InternalKey.TAG_SIZE;
    int n = Math.min(kUser, tUser);
    int d = Arrays.mismatch(key, 0, n, t, tOff, tOff + n);
    mismatch = -1;
    if (d >= 0) {
      int c = (key[d] & 0xff) - (t[tOff + d] & 0xff);
      if (c < 0) {
        mismatch = d;
      }
      return c;
    }
    if (kUser != tUser) {
      return kUser < tUser ? -1 : 1;
    }
    return Long.compareUnsigned(
        (long) LittleEndian.LONG.get(t, tOff + tUser), (long) LittleEndian.LONG.get(key, kUser));
  }

  /** Requires {@link #isValid()}. */
  void next() {
    parseNext();
  }

  /** Requires {@link #isValid()}. */
  void prev() {
    int original = current;
    int r = restartIndex;
    while (restart(r) >= original) {
      if (r == 0) {
        invalidate();
        return;
      }
      r--;
    }
    seekToRestart(r);
    while (parseNext() && next < original) {
      // scan to the entry just before the original one
    }
  }

  byte[] keyBytes() {
    return key;
  }

  int keyLength() {
    return keyLen;
  }

  byte[] data() {
    return data;
  }

  int valueOffset() {
    return valueOff;
  }

  int valueLength() {
    return valueLen;
  }

  byte[] value() {
    return Arrays.copyOfRange(data, valueOff, valueOff + valueLen);
  }

  /** Offset of the current entry in the block. */
  int entryOffset() {
    return current;
  }

  private int restart(int i) {
    return block.restart(i);
  }

  private void invalidate() {
    current = restartsOffset;
    next = restartsOffset;
    restartIndex = numRestarts;
    nextRestart = restartsOffset;
    keyLen = 0;
  }

  private void seekToRestart(int i) {
    keyLen = 0;
    restartIndex = i;
    nextRestart = i + 1 < numRestarts ? restart(i + 1) : restartsOffset;
    next = restart(i);
  }

  /** Decodes the entry at {@code next}; returns false (and invalidates) at the end of the block. */
  private boolean parseNext() {
    int p = next;
    current = p;
    if (p >= restartsOffset) {
      invalidate();
      return false;
    }
    p = readHeader(p);
    int shared = hShared;
    int nonShared = hNonShared;
    if (shared > keyLen) {
      throw block.corruption(
          "entry at " + current + " shares " + shared + " bytes of a " + keyLen + "-byte key");
    }
    int length = shared + nonShared;
    if (length < InternalKey.TAG_SIZE) {
      throw block.corruption("entry at " + current + " has a key shorter than its tag");
    }
    if (key.length < length) {
      key = Arrays.copyOf(key, Math.max(length, 2 * key.length));
    }
    System.arraycopy(data, p, key, shared, nonShared);
    keyLen = length;
    valueOff = p + nonShared;
    valueLen = hValueLen;
    next = valueOff + valueLen;
    while (nextRestart <= current) {
      restartIndex++;
      nextRestart = restartIndex + 1 < numRestarts ? restart(restartIndex + 1) : restartsOffset;
    }
    return true;
  }

  /**
   * Reads the three varint32 lengths of the entry at {@code p} into {@code hShared}, {@code
   * hNonShared}, {@code hValueLen}, checking that the key delta and value fit in the block; returns
   * the offset of the key delta.
   */
  private int readHeader(int p) {
    int shared;
    int nonShared;
    int valueLength;
    if (restartsOffset - p >= 3 && (data[p] | data[p + 1] | data[p + 2]) >= 0) {
      // Fast path: all three lengths below 128, one byte each.
      shared = data[p];
      nonShared = data[p + 1];
      valueLength = data[p + 2];
      p += 3;
    } else {
      long v = readVarint(p);
      shared = (int) v;
      p = (int) (v >>> 32);
      v = readVarint(p);
      nonShared = (int) v;
      p = (int) (v >>> 32);
      v = readVarint(p);
      valueLength = (int) v;
      p = (int) (v >>> 32);
    }
    if (shared < 0
        || nonShared < 0
        || valueLength < 0
        || nonShared > restartsOffset - p
        || valueLength > restartsOffset - p - nonShared) {
      throw block.corruption("entry at " + p + " runs past the end of the block");
    }
    hShared = shared;
    hNonShared = nonShared;
    hValueLen = valueLength;
    return p;
  }

  /** A varint32 at {@code p}: the value in the low 32 bits, the offset after it in the high. */
  private long readVarint(int p) {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (p >= restartsOffset) {
        throw block.corruption("varint at " + p + " runs past the end of the block");
      }
      int b = data[p++] & 0xff;
      if (shift == 28 && b > 0x0f) {
        break;
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (long) p << 32 | (result & 0xffffffffL);
      }
    }
    throw block.corruption("varint at " + p + " overflows 32 bits");
  }
}
