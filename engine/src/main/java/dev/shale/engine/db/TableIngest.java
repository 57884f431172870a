package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.Ingest;
import dev.shale.engine.IngestReport;
import dev.shale.engine.Options;
import dev.shale.engine.Stats;
import dev.shale.engine.Stats.Counter;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.sstable.TableOptions;
import dev.shale.engine.version.FileMetaData;
import dev.shale.engine.version.VersionSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk load straight into tables (RocksDB's external file ingestion, Pebble's {@code ingest.go}).
 *
 * <p>Rows go into tables of the database directory as they come, cut at the target file size, each
 * entry stored with sequence 0, since the sequence the rows will carry is not known yet; memory
 * stays that of one table being built. The table numbers are pinned ({@link FilePins}) before the
 * files are made, so the background thread's deletion of obsolete files leaves them alone; a crash
 * leaves unlisted tables, deleted at the next open.
 *
 * <p>{@link #commit} syncs the last table and the directory, then takes a turn in the commit order
 * alone ({@link CommitQueue.Exclusive}): no write is in flight and the writers queue behind it. At
 * that turn a memtable holding a key or a range deletion in the ingest's range is flushed first, so
 * the ingest is newer than everything in the tables and older than every later write. The sequence
 * S = last + 1 is taken; the tables are renamed to fresh numbers (level 0 orders its tables by
 * number, newest first, and the flushes just made have higher numbers than the tables' first ones)
 * and recorded in the manifest with S as their global sequence, at the level {@link
 * VersionSet#installIngest} picks; only once that record is synced is S published as the last
 * sequence. A snapshot or iterator opened before then reads below S, and every entry of the tables
 * reads as S, so it does not see them; every read after does.
 */
final class TableIngest implements Ingest {

  private static final Logger LOG = LoggerFactory.getLogger(TableIngest.class);

  private final DbImpl db;
  private final DbDirectory dir;
  private final VersionSet versions;
  private final TableOptions tableOptions;
  private final FilePins pins;
  private final Stats stats;
  private final int maxKey;
  private final int maxValue;
  private final long targetFileBytes;

  private final List<FileMetaData> written = new ArrayList<>();
  private TableOutput out;
  private byte[] first;
  private byte[] last;
  private long rows;
  private long bytes;
  private boolean committed;
  private boolean closed;

  TableIngest(
      DbImpl db,
      DbDirectory dir,
      VersionSet versions,
      TableOptions tableOptions,
      Options options,
      FilePins pins,
      Stats stats) {
    this.db = db;
    this.dir = dir;
    this.versions = versions;
    this.tableOptions = tableOptions;
    this.pins = pins;
    this.stats = stats;
    this.maxKey = options.maxKeyBytes();
    this.maxValue = options.maxValueBytes();
    this.targetFileBytes = options.targetFileBytes();
  }

  @Override
  public void add(byte[] key, byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    checkUsable();
    if (key.length < 1 || key.length > maxKey) {
      throw new DbException(
          DbException.Kind.INVALID_ARGUMENT,
          "key is " + key.length + " bytes; keys must be 1.." + maxKey + " bytes");
    }
    if (value.length > maxValue) {
      throw new DbException(
          DbException.Kind.INVALID_ARGUMENT,
          "value is " + value.length + " bytes; values must be at most " + maxValue + " bytes");
    }
    if (last != null && Arrays.compareUnsigned(key, last) <= 0) {
      throw new DbException(
          DbException.Kind.INVALID_ARGUMENT,
          "key "
              + show(key)
              + " is not after the last key added, "
              + show(last)
              + ": an ingest takes keys in strictly ascending order");
    }
    byte[] k = key.clone();
    try {
      if (out == null) {
        long number = versions.newFileNumber();
        pins.pinTable(number); // before the file exists
        out = new TableOutput(dir, number, tableOptions);
      }
      out.add(new InternalKey(k, 0, ValueType.VALUE), value);
      if (out.estimatedSize() >= targetFileBytes) {
        finishTable();
      }
    } catch (IOException e) {
      throw new DbException(
          DbException.Kind.IO, "writing an ingest table in " + dir.path() + ": " + e, e);
    }
    if (first == null) {
      first = k;
    }
    last = k;
    rows++;
  }

  private void finishTable() throws IOException {
    TableOutput o = out;
    out = null;
    try {
      written.add(o.finish());
    } catch (IOException | RuntimeException e) {
      o.abandon();
      throw e;
    }
  }

  @Override
  public byte[] lastKey() {
    return last == null ? null : last.clone();
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public IngestReport commit() {
    checkUsable();
    long start = System.nanoTime();
    if (rows == 0) {
      committed = true;
      return new IngestReport(0, 0, 0, -1, 0, System.nanoTime() - start);
    }
    try {
      if (out != null) {
        finishTable();
      }
      dir.sync(); // the tables' names are durable before the manifest lists them
    } catch (IOException e) {
      throw new DbException(
          DbException.Kind.IO, "writing an ingest table in " + dir.path() + ": " + e, e);
    }
    for (FileMetaData f : written) {
      bytes += f.size();
    }
    int[] level = {-1};
    long[] sequence = {0};
    db.runExclusive(() -> install(level, sequence));
    committed = true;
    long nanos = System.nanoTime() - start;
    stats.add(Counter.INGESTS, 1);
    stats.add(Counter.INGESTED_ROWS, rows);
    stats.add(Counter.INGESTED_BYTES, bytes);
    LOG.info(
        "ingested {} row(s), {} bytes in {} table(s) at L{} as sequence {}, commit {} ms",
        rows,
        bytes,
        written.size(),
        level[0],
        sequence[0],
        nanos / 1_000_000);
    return new IngestReport(rows, written.size(), bytes, level[0], sequence[0], nanos);
  }

  /** At the ingest's turn in the commit order, the mutex held: see the class comment. */
  private DbException install(int[] level, long[] sequence) {
    DbException refused = db.flushOverlapping(first, last);
    if (refused != null) {
      return refused;
    }
    long s = db.lastSequenceAtTurn() + 1;
    if (s > InternalKey.MAX_SEQUENCE) {
      return new DbException(DbException.Kind.IO, "sequence numbers exhausted in " + dir.path());
    }
    List<FileMetaData> renamed = new ArrayList<>(written.size());
    boolean recorded = false;
    db.mutex().unlock();
    try {
      for (FileMetaData f : written) {
        long number = versions.newFileNumber();
        pins.pinTable(number);
        dir.env().rename(dir.tableFile(f.number()), dir.tableFile(number));
        renamed.add(
            new FileMetaData(
                number,
                f.size(),
                new InternalKey(f.smallest().userKey(), s, ValueType.VALUE),
                new InternalKey(f.largest().userKey(), s, ValueType.VALUE),
                0,
                s));
      }
      dir.sync();
      try {
        level[0] = versions.installIngest(renamed, s);
        recorded = true;
      } catch (IOException | RuntimeException e) {
        // The record may have reached the manifest: keep the tables (pinned) and stop writes.
        renamed.clear();
        return db.manifestFailed(e);
      }
    } catch (IOException e) {
      return new DbException(
          DbException.Kind.IO, "installing an ingest in " + dir.path() + ": " + e, e);
    } finally {
      db.mutex().lock();
      if (recorded) {
        db.publishSequence(s);
        sequence[0] = s;
      }
      for (FileMetaData f : written) {
        pins.unpinTable(f.number()); // renamed, or deleted below
      }
      for (FileMetaData f : renamed) {
        pins.unpinTable(f.number()); // in the current version now, or deleted below
      }
      if (!recorded) {
        deleteQuietly(renamed);
      }
    }
    written.clear();
    written.addAll(renamed);
    return null;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (committed) {
      return;
    }
    if (out != null) {
      out.abandon();
      pins.unpinTable(out.number());
      out = null;
    }
    deleteQuietly(written);
    for (FileMetaData f : written) {
      pins.unpinTable(f.number());
    }
    written.clear();
  }

  private void deleteQuietly(List<FileMetaData> files) {
    for (FileMetaData f : files) {
      try {
        dir.delete(dir.tableFile(f.number()));
      } catch (IOException e) {
        LOG.warn("deleting ingest table {}: {}", f.number(), e.toString()); // obsolete at next open
      }
    }
  }

  private void checkUsable() {
    if (committed || closed) {
      throw new IllegalStateException("this ingest is " + (committed ? "committed" : "closed"));
    }
  }

  private static String show(byte[] key) {
    byte[] k = key.length > 64 ? Arrays.copyOf(key, 64) : key;
    boolean printable = true;
    for (byte b : k) {
      printable &= b >= 0x20 && b < 0x7f;
    }
    String s =
        printable
            ? "'" + new String(k, java.nio.charset.StandardCharsets.US_ASCII) + "'"
            : "0x" + HexFormat.of().formatHex(k);
    return key.length > 64 ? s + "..." : s;
  }
}
