package dev.shale.engine.sstable;

/*
 * Block layout (after LevelDB's block format). Data, index and range-deletion blocks share it.
 *
 *   +---------+---------+-----+---------+------------+-----+------------+------------------+
 *   | entry 0 | entry 1 | ... | entry n | restart[0] | ... | restart[r] | num_restarts (4) |
 *   +---------+---------+-----+---------+------------+-----+------------+------------------+
 *
 *   entry:     shared (varint32) | non_shared (varint32) | value_length (varint32)
 *              | key_delta[non_shared] | value[value_length]
 *   shared     bytes the key shares with the previous entry's key; 0 at a restart point
 *   key        previous key[0, shared) + key_delta
 *   restart[i] fixed32 offset of the i-th restart entry; restart[0] = 0; strictly increasing
 *   num_restarts fixed32, >= 1 (an empty block is one restart at offset 0: 00000000 01000000)
 *
 * Every restartInterval-th entry (counting from 0) is a restart point: it stores its whole key.
 * A seek binary-searches the restart keys, then scans forward at most restartInterval entries.
 * Keys are added in increasing order (the table builder checks that); the block itself does not
 * know how keys compare. In a table, every block is followed by a 5-byte trailer: compression
 * type (0 = none) and the masked CRC32C of contents + type byte (see TableBuilder).
 *
 * Example, restart interval 2, keys "apple", "apricot", "banana" with values "1", "2", "3":
 *
 *   00 05 01 'apple' '1'        offset 0   restart
 *   02 05 01 'ricot' '2'        offset 9   shares "ap"
 *   00 06 01 'banana' '3'       offset 18  restart
 *   00000000 12000000 02000000  restarts 0 and 18, two of them
 */

import dev.shale.engine.coding.LittleEndian;
import dev.shale.engine.coding.Varint;
import java.util.Arrays;

/**
 * Accumulates the entries of one block in the layout drawn above. Reusable after {@link #reset}.
 */
final class BlockBuilder {

  private final int restartInterval;
  private byte[] buf = new byte[4096];
  private int size;
  private int[] restarts = new int[16];
  private int restartCount;
  private int sinceRestart;
  private byte[] lastKey = new byte[64];
  private int lastKeyLen;
  private int entries;

  BlockBuilder(int restartInterval) {
    if (restartInterval < 1) {
      throw new IllegalArgumentException("restartInterval must be positive");
    }
    this.restartInterval = restartInterval;
    reset();
  }

  void reset() {
    size = 0;
    restarts[0] = 0;
    restartCount = 1;
    sinceRestart = 0;
    lastKeyLen = 0;
    entries = 0;
  }

  boolean isEmpty() {
    return entries == 0;
  }

  int entries() {
    return entries;
  }

  /** Size of the contents {@link #finish} would produce now. */
  int estimatedSize() {
    return size + 4 * restartCount + 4;
  }

  void add(byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) {
    int shared = 0;
    if (sinceRestart < restartInterval) {
      int max = Math.min(lastKeyLen, keyLen);
      int m = Arrays.mismatch(lastKey, 0, max, key, keyOff, keyOff + max);
      shared = m < 0 ? max : m;
    } else {
      if (restartCount == restarts.length) {
        restarts = Arrays.copyOf(restarts, restartCount * 2);
      }
      restarts[restartCount++] = size;
      sinceRestart = 0;
    }
    int nonShared = keyLen - shared;
    ensure(3 * Varint.MAX_LENGTH_32 + nonShared + valueLen);
    size = Varint.put32(buf, size, shared);
    size = Varint.put32(buf, size, nonShared);
    size = Varint.put32(buf, size, valueLen);
    System.arraycopy(key, keyOff + shared, buf, size, nonShared);
    size += nonShared;
    System.arraycopy(value, valueOff, buf, size, valueLen);
    size += valueLen;

    if (lastKey.length < keyLen) {
      lastKey = Arrays.copyOf(lastKey, Math.max(keyLen, lastKey.length * 2));
    }
    System.arraycopy(key, keyOff + shared, lastKey, shared, nonShared);
    lastKeyLen = keyLen;
    sinceRestart++;
    entries++;
  }

  /**
   * Appends the restart array; the contents are {@code buffer()[0, returned length)} until the next
   * {@link #reset}.
   */
  int finish() {
    ensure(4 * restartCount + 4);
    for (int i = 0; i < restartCount; i++) {
      LittleEndian.INT.set(buf, size, restarts[i]);
      size += 4;
    }
    LittleEndian.INT.set(buf, size, restartCount);
    size += 4;
    return size;
  }

  byte[] buffer() {
    return buf;
  }

  private void ensure(int extra) {
    if (buf.length - size < extra) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }
}
