package dev.shale.engine.sstable;

import dev.shale.engine.DbException;
import dev.shale.engine.coding.LittleEndian;
import java.nio.file.Path;

/**
 * The checked, immutable contents of one block read from a table (layout: see {@link
 * BlockBuilder}). Shared between threads through the {@link BlockCache}; cursors over it are {@link
 * BlockIterator}s.
 */
final class Block {

  /** Rough heap cost of the objects around the bytes, charged to the cache with them. */
  private static final int OVERHEAD = 96;

  /** Holds the contents in {@code [0, limit)}; the block's trailer may follow them. */
  final byte[] data;

  final int limit;
  final int restartsOffset;
  final int numRestarts;
  final Path file;
  final long offset;

  /**
   * Checks the restart array: at least one restart, the first at 0, strictly increasing, all before
   * the array itself (an empty block has one restart at 0 and nothing before it).
   *
   * @throws DbException CORRUPTION naming the file and the block's offset
   */
  Block(byte[] data, int limit, Path file, long offset) {
    this.data = data;
    this.limit = limit;
    this.file = file;
    this.offset = offset;
    if (limit < 4) {
      throw corruption("block of " + limit + " bytes is shorter than its restart count");
    }
    int n = (int) LittleEndian.INT.get(data, limit - 4);
    if (n < 1 || n > (limit - 4) / 4) {
      throw corruption("bad restart count " + Integer.toUnsignedString(n));
    }
    numRestarts = n;
    restartsOffset = limit - 4 - 4 * n;
    int previous = -1;
    for (int i = 0; i < n; i++) {
      int r = restart(i);
      boolean ok = i == 0 ? r == 0 : r > previous && r < restartsOffset;
      if (!ok) {
        throw corruption("bad restart point " + i + ": " + Integer.toUnsignedString(r));
      }
      previous = r;
    }
  }

  int restart(int i) {
    return (int) LittleEndian.INT.get(data, restartsOffset + 4 * i);
  }

  /** What the block costs the cache. */
  int charge() {
    return data.length + OVERHEAD;
  }

  DbException corruption(String detail) {
    return TableFormat.corruption(file, offset, detail);
  }
}
