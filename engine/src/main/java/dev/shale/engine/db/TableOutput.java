package dev.shale.engine.db;

import dev.shale.engine.Options;
import dev.shale.engine.env.WritableFile;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.memtable.MemTable;
import dev.shale.engine.sstable.TableBuilder;
import dev.shale.engine.sstable.TableOptions;
import dev.shale.engine.version.FileMetaData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One table file being written by a flush or a compaction: entries go in in order; {@link #finish}
 * writes the rest of the table, fsyncs it and describes it. {@link #abandon} deletes it.
 */
final class TableOutput implements MemTable.EntrySink {

  private final long number;
  private final DbDirectory dir;
  private final Path file;
  private final WritableFile channel;
  private final TableBuilder builder;
  private InternalKey smallest;
  private InternalKey largest;
  private InternalKey lastPoint;

  TableOutput(DbDirectory dir, long number, TableOptions options) throws IOException {
    this.number = number;
    this.dir = dir;
    this.file = dir.tableFile(number);
    this.channel = dir.env().newWritableFile(file);
    this.builder = new TableBuilder(channel, options);
  }

  /** The table format knobs of {@code options}. */
  static TableOptions tableOptions(Options options) {
    return TableOptions.defaults()
        .withBlockBytes(options.blockBytes())
        .withBlockRestartInterval(options.blockRestartInterval())
        .withBloomBitsPerKey(options.bloomBitsPerKey());
  }

  /** Writes all of {@code mem} as table {@code number}; its description, or null if it is empty. */
  static FileMetaData write(MemTable mem, DbDirectory dir, long number, TableOptions options)
      throws IOException {
    TableOutput out = new TableOutput(dir, number, options);
    try {
      out.addAll(mem);
      for (RangeTombstone t : mem.rangeTombstones()) {
        out.addRangeTombstone(t);
      }
      if (out.isEmpty()) {
        out.abandon();
        return null;
      }
      return out.finish();
    } catch (IOException | RuntimeException e) {
      out.abandon();
      throw e;
    }
  }

  long number() {
    return number;
  }

  /** Adds every point entry of {@code mem}, without an object per entry; none added yet. */
  private void addAll(MemTable mem) {
    mem.forEachEntry(this);
    InternalKey last = builder.lastKey();
    if (last != null) {
      largest = last;
      lastPoint = last;
    }
  }

  @Override
  public void entry(
      byte[] key, int keyOff, int keyLen, long tag, byte[] value, int valueOff, int valueLen) {
    if (smallest == null) {
      smallest = InternalKey.ofTag(Arrays.copyOfRange(key, keyOff, keyOff + keyLen), tag);
    }
    builder.add(key, keyOff, keyLen, tag, value, valueOff, valueLen);
  }

  void add(InternalKey key, byte[] value) {
    if (smallest == null) {
      smallest = key;
    }
    largest = key;
    lastPoint = key;
    builder.add(key, value);
  }

  /**
   * Adds a range deletion. The table's bounds grow to hold it: from before every version of its
   * start to before every version of its (exclusive) end, so no entry of the end key is claimed.
   */
  void addRangeTombstone(RangeTombstone t) {
    builder.addRangeTombstone(
        new InternalKey(t.startUserKey(), t.sequence(), ValueType.RANGE_DELETION),
        t.endUserKeyExclusive());
    InternalKey lo = InternalKey.beforeAllVersions(t.startUserKey());
    InternalKey hi = InternalKey.beforeAllVersions(t.endUserKeyExclusive());
    if (smallest == null || lo.compareTo(smallest) < 0) {
      smallest = lo;
    }
    if (largest == null || hi.compareTo(largest) > 0) {
      largest = hi;
    }
  }

  boolean isEmpty() {
    return smallest == null;
  }

  long estimatedSize() {
    return builder.estimatedFileSize();
  }

  /** The last point entry added, or null. */
  InternalKey lastPoint() {
    return lastPoint;
  }

  /** Completes, syncs and closes the file; its description for a version edit. */
  FileMetaData finish() throws IOException {
    try {
      long size = builder.finish();
      channel.sync();
      return new FileMetaData(number, size, smallest, largest, builder.rangeTombstoneCount());
    } finally {
      channel.close();
    }
  }

  /** Closes and deletes the unfinished file. */
  void abandon() {
    try {
      channel.close();
      dir.delete(file);
    } catch (IOException e) {
      // Harmless: an unlisted table is deleted as obsolete on the next open.
    }
  }
}
