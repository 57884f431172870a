package dev.shale.engine.sstable;

import dev.shale.engine.DbException;
import dev.shale.engine.ValueReader;
import dev.shale.engine.coding.Buffers;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;

/**
 * The two-level iterator over a table: a position in the table's index picks a data block, a reused
 * {@link BlockIterator} walks it. Blocks come through the table's cache; moving within a block
 * touches neither. Not thread safe.
 */
final class TableIterator implements InternalIterator {

  private final Table table;
  private final BlockIterator data = new BlockIterator();

  /** Index of the data block {@code data} is on; -1 or {@code table.blockCount()} when none. */
  private int blockIndex = -1;

  private boolean loaded;
  private byte[] target = new byte[64];
  private int targetLen;
  private InternalKey key;

  TableIterator(Table table) {
    this.table = table;
  }

  @Override
  public boolean isValid() {
    return loaded && data.isValid();
  }

  @Override
  public void seekToFirst() {
    try {
      load(0);
      if (loaded) {
        data.seekToFirst();
      }
      skipForward();
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw malformed(e);
    }
  }

  @Override
  public void seekToLast() {
    try {
      load(table.blockCount() - 1);
      if (loaded) {
        data.seekToLast();
      }
      skipBackward();
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw malformed(e);
    }
  }

  @Override
  public void seek(InternalKey t) {
    try {
      encodeTarget(t);
      load(table.findBlock(target, 0, targetLen));
      if (loaded) {
        data.seek(target, 0, targetLen);
      }
      skipForward();
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw malformed(e);
    }
  }

  @Override
  public void seekForPrev(InternalKey t) {
    seek(t);
    if (!isValid()) {
      seekToLast();
      return;
    }
    if (InternalKey.compareEncoded(data.keyBytes(), 0, data.keyLength(), target, 0, targetLen)
        > 0) {
      prev();
    }
  }

  @Override
  public void next() {
    checkValid();
    try {
      data.next();
      skipForward();
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw malformed(e);
    }
  }

  @Override
  public void prev() {
    checkValid();
    try {
      data.prev();
      skipBackward();
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw malformed(e);
    }
  }

  @Override
  public InternalKey key() {
    checkValid();
    if (key == null) {
      key = Table.entryKey(data);
    }
    return key;
  }

  @Override
  public byte[] value() {
    checkValid();
    return data.value();
  }

  @Override
  public <T> T readValue(ValueReader<T> reader) {
    checkValid();
    return reader.read(data.data(), data.valueOffset(), data.valueLength());
  }

  private void checkValid() {
    if (!isValid()) {
      throw new IllegalStateException("iterator is not positioned on an entry");
    }
  }

  /** Points {@code data} at block {@code i}, or marks the iterator invalid if there is none. */
  private void load(int i) {
    load(i, false);
  }

  /** {@link #load(int)}; {@code scan}: stepping in from the block before or after. */
  private void load(int i, boolean scan) {
    key = null;
    if (i < 0 || i >= table.blockCount()) {
      blockIndex = i < 0 ? -1 : table.blockCount();
      loaded = false;
      return;
    }
    if (!loaded || blockIndex != i) {
      data.reset(table.dataBlock(i, scan));
    }
    blockIndex = i;
    loaded = true;
  }

  private void skipForward() {
    key = null;
    while (loaded && !data.isValid()) {
      load(blockIndex + 1, true);
      if (loaded) {
        data.seekToFirst();
      }
    }
  }

  private void skipBackward() {
    key = null;
    while (loaded && !data.isValid()) {
      load(blockIndex - 1, true);
      if (loaded) {
        data.seekToLast();
      }
    }
  }

  private void encodeTarget(InternalKey t) {
    targetLen = t.encodedLength();
    target = Buffers.atLeast(target, targetLen);
    t.encodeTo(target, 0);
  }

  private DbException malformed(RuntimeException e) {
    String where = loaded ? "block at offset " + data.block().offset : "index";
    return new DbException(
        DbException.Kind.CORRUPTION,
        "corrupt table " + table.file() + ": " + where + ": malformed: " + e,
        e);
  }
}
