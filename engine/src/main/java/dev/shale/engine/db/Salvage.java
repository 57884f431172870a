package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.Options;
import dev.shale.engine.SalvageReport;
import dev.shale.engine.env.Env;
import dev.shale.engine.env.FileNames;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.MergingIterator;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.memtable.MemTable;
import dev.shale.engine.sstable.BlockCache;
import dev.shale.engine.sstable.Table;
import dev.shale.engine.sstable.TableOptions;
import dev.shale.engine.version.CompactionPicker;
import dev.shale.engine.version.FileMetaData;
import dev.shale.engine.version.VersionEdit;
import dev.shale.engine.version.VersionSet;
import dev.shale.engine.wal.LogReader;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a damaged database from what can still be read, as LevelDB's RepairDB does, without
 * trusting the manifest: every table that reads whole (every block's checksum holding) and every
 * intact record of every log (damaged stretches skipped) are merged, newest version first, into one
 * new table, and a new manifest lists only it. The old tables, logs, manifests and CURRENT are
 * moved into a {@code salvage-<time>} directory inside the database's, never deleted. The report
 * names each loss.
 */
public final class Salvage {

  private static final Logger LOG = LoggerFactory.getLogger(Salvage.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Env env;
  private final DbDirectory dir;
  private final Options options;
  private final TableOptions tableOptions;
  private final List<String> losses = new ArrayList<>();
  private final List<Table> tables = new ArrayList<>();
  private final List<MemTable> logs = new ArrayList<>();
  private long logRecords;
  private long lastSequence;
  private long written;

  private Salvage(Env env, Path path, Options options) {
    this.env = env;
    this.dir = new DbDirectory(env, path);
    this.options = options;
    this.tableOptions = TableOutput.tableOptions(options);
  }

  /** See {@link dev.shale.engine.Db#salvage}. */
  public static SalvageReport run(Path dir, Options options) {
    Path path = dir.toAbsolutePath().normalize();
    Env env = options.env();
    try (Closeable lock = env.lock(FileNames.lockFile(path), options.lockTimeout())) {
      return new Salvage(env, path, options).run();
    } catch (IOException e) {
      throw new DbException(DbException.Kind.IO, "salvaging " + path + ": " + e, e);
    }
  }

  private SalvageReport run() throws IOException {
    List<DbDirectory.Entry> entries = dir.list();
    long maxNumber = entries.stream().mapToLong(DbDirectory.Entry::number).max().orElse(0);
    BlockCache cache = new BlockCache(0);
    try {
      for (DbDirectory.Entry e : entries) {
        if (e.kind() == FileNames.Kind.TABLE) {
          readTable(e, cache);
        } else if (e.kind() == FileNames.Kind.LOG) {
          readLog(e);
        }
      }
      Path aside = dir.path().resolve("salvage-" + LocalDateTime.now().format(STAMP));
      long number = maxNumber + 1;
      FileMetaData rebuilt = writeMerged(number);
      long entriesWritten = written;
      env.createDirectories(aside);
      for (DbDirectory.Entry e : entries) {
        env.rename(e.path(), aside.resolve(e.path().getFileName()));
      }
      Path current = FileNames.currentFile(dir.path());
      if (env.exists(current)) {
        env.rename(current, aside.resolve(FileNames.CURRENT));
      }
      env.syncDirectory(aside);
      env.syncDirectory(dir.path());
      try (VersionSet versions =
          VersionSet.recover(
              env,
              dir.path(),
              new CompactionPicker(
                  new CompactionPicker.Shape(
                      options.l0CompactionTrigger(),
                      options.maxBytesForLevelBase(),
                      options.levelSizeMultiplier())),
              () -> {},
              number + 1)) {
        VersionEdit edit = new VersionEdit().setLastSequence(lastSequence);
        if (rebuilt != null) {
          edit.addFile(0, rebuilt);
        }
        versions.logAndApply(edit);
      }
      SalvageReport report =
          new SalvageReport(tables.size(), logRecords, entriesWritten, List.copyOf(losses), aside);
      LOG.warn(
          "salvaged {}: kept {} table(s) and {} log record(s), {} entries; lost: {}; old files in {}",
          dir.path(),
          tables.size(),
          logRecords,
          entriesWritten,
          losses.isEmpty() ? "nothing" : losses,
          aside);
      return report;
    } finally {
      for (Table t : tables) {
        t.close();
      }
    }
  }

  /** Keeps {@code e} if it reads whole; else names it as lost. */
  private void readTable(DbDirectory.Entry e, BlockCache cache) throws IOException {
    Table table = null;
    try {
      table = Table.open(env, e.path(), e.number(), env.size(e.path()), cache, tableOptions);
      boolean ingested = true; // entries at sequence 0 only: written by an ingest
      boolean any = false;
      try (InternalIterator it = table.newIterator()) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          lastSequence = Math.max(lastSequence, it.key().sequence());
          ingested &= it.key().sequence() == 0;
          any = true;
        }
      }
      if (any && ingested) {
        // Its sequence is recorded only in the manifest: kept at 0, older versions of its keys in
        // other tables would read as newer. Set aside (moved, not deleted), as a loss.
        table.close();
        losses.add(
            "table "
                + e.path().getFileName()
                + " set aside: written by an ingest, whose sequence only the manifest holds");
        return;
      }
      for (RangeTombstone t : table.rangeTombstones()) {
        lastSequence = Math.max(lastSequence, t.sequence());
      }
      tables.add(table);
    } catch (DbException | IOException failure) {
      if (table != null) {
        table.close();
      }
      losses.add("table " + e.path().getFileName() + " set aside: " + failure.getMessage());
    }
  }

  /** Replays every intact record of log {@code e}, skipping damaged stretches. */
  private void readLog(DbDirectory.Entry e) throws IOException {
    byte[] bytes;
    try (InputStream in = env.newSequentialFile(e.path())) {
      bytes = in.readAllBytes();
    }
    MemTable mem = new MemTable();
    String name = e.path().getFileName().toString();
    long start = 0;
    while (start >= 0) {
      int from = (int) (start - start % 32768);
      LogReader reader =
          new LogReader(
              new ByteArrayInputStream(bytes, from, bytes.length - from),
              e.path().toString(),
              true,
              start);
      start = -1;
      try {
        for (byte[] r = reader.readRecord(); r != null; r = reader.readRecord()) {
          try {
            lastSequence = Math.max(lastSequence, WriteBatchCodec.decode(r, sink(mem)));
            logRecords++;
          } catch (DbException bad) {
            losses.add(
                "log "
                    + name
                    + ": record at offset "
                    + reader.lastRecordOffset()
                    + " skipped: "
                    + bad.getMessage());
          }
        }
        if (reader.droppedTailOffset() >= 0) {
          losses.add(
              "log "
                  + name
                  + ": torn tail from offset "
                  + reader.droppedTailOffset()
                  + " dropped ("
                  + (bytes.length - reader.droppedTailOffset())
                  + " bytes, never acknowledged if the damage is a crash's)");
        }
      } catch (DbException damaged) {
        if (reader.intactOffset() < 0) {
          throw damaged;
        }
        losses.add(
            "log "
                + name
                + ": bytes "
                + reader.damageOffset()
                + ".."
                + reader.intactOffset()
                + " damaged, the batches in them lost");
        start = reader.intactOffset();
      }
    }
    logs.add(mem);
  }

  private static boolean same(RangeTombstone a, RangeTombstone b) {
    return a.sequence() == b.sequence()
        && java.util.Arrays.equals(a.startUserKey(), b.startUserKey())
        && java.util.Arrays.equals(a.endUserKeyExclusive(), b.endUserKeyExclusive());
  }

  private static WriteBatchCodec.Handler sink(MemTable mem) {
    return new WriteBatchCodec.Handler() {
      @Override
      public void put(long sequence, byte[] key, byte[] value) {
        mem.put(sequence, key, value);
      }

      @Override
      public void delete(long sequence, byte[] key) {
        mem.delete(sequence, key);
      }

      @Override
      public void deleteRange(long sequence, byte[] begin, byte[] end) {
        mem.deleteRange(sequence, begin, end);
      }
    };
  }

  /**
   * Merges every kept table and replayed log into table {@code number}, each version once (a log
   * already flushed holds the same versions as its table); its description, or null if empty.
   */
  private FileMetaData writeMerged(long number) throws IOException {
    List<InternalIterator> children = new ArrayList<>();
    List<RangeTombstone> tombstones = new ArrayList<>();
    for (Table t : tables) {
      children.add(t.newIterator());
      tombstones.addAll(t.rangeTombstones());
    }
    for (MemTable m : logs) {
      children.add(m.newIterator());
      tombstones.addAll(m.rangeTombstones());
    }
    TableOutput out = new TableOutput(dir, number, tableOptions);
    try (InternalIterator it = new MergingIterator(children, () -> {})) {
      InternalKey previous = null;
      for (it.seekToFirst(); it.isValid(); it.next()) {
        InternalKey key = it.key();
        if (previous != null && previous.compareTo(key) == 0) {
          continue;
        }
        out.add(key, it.value());
        previous = key;
        written++;
      }
      List<RangeTombstone> seen = new ArrayList<>();
      for (RangeTombstone t : tombstones) {
        if (seen.stream().noneMatch(s -> same(s, t))) {
          seen.add(t);
          out.addRangeTombstone(t);
          written++;
        }
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
}
