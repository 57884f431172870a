package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.Stats;
import dev.shale.engine.Stats.Counter;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.sstable.TableCache;
import dev.shale.engine.sstable.TableOptions;
import dev.shale.engine.version.Compaction;
import dev.shale.engine.version.FileMetaData;
import dev.shale.engine.version.VersionSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the inputs of one {@link Compaction} into new tables of its output level, dropping what no
 * reader can see any more:
 *
 * <ul>
 *   <li>a version shadowed by a newer version of the same key that every open snapshot sees;
 *   <li>a version deleted by an input range tombstone that every open snapshot sees;
 *   <li>a deletion, or a range tombstone, that every snapshot sees, when no deeper level may hold a
 *       key it deletes (nothing is left for it to hide).
 * </ul>
 *
 * Output files are cut at the target size, but never between two versions of one user key, so the
 * files of a level keep disjoint user-key ranges. Range tombstones that stay are cut at the same
 * boundaries: output {@code i} holds their parts within [first key of output i, first key of output
 * i+1), so its bounds cover what it deletes without reaching into its neighbours.
 *
 * <p>Between two user keys the job lets a frozen memtable waiting for its flush go first ({@link
 * Interruption}), as LevelDB's compaction does: the background thread does both, and a compaction
 * may take hundreds of milliseconds, during which writers would otherwise fill every memtable and
 * stop.
 */
final class CompactionJob {

  /** What a compaction lets run between two user keys: the flush of a waiting memtable. */
  interface Interruption {
    void run() throws IOException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(CompactionJob.class);

  private final Compaction compaction;
  private final DbDirectory dir;
  private final TableCache tables;
  private final TableOptions tableOptions;
  private final long targetFileBytes;
  private final DbImpl db;
  private final Interruption flushWaiting;

  private final List<FileMetaData> outputs = new ArrayList<>();
  private final List<Long> numbers = new ArrayList<>();
  private List<RangeTombstone> keptTombstones;
  private TableOutput out;
  private byte[] outputStart; // first user key of the current output; null for the first

  CompactionJob(
      Compaction compaction,
      DbDirectory dir,
      TableCache tables,
      TableOptions tableOptions,
      long targetFileBytes,
      DbImpl db,
      Interruption flushWaiting) {
    this.compaction = compaction;
    this.dir = dir;
    this.tables = tables;
    this.tableOptions = tableOptions;
    this.targetFileBytes = targetFileBytes;
    this.db = db;
    this.flushWaiting = flushWaiting;
  }

  /**
   * Runs the compaction and installs its result in {@code versions}: moves its file down as it is,
   * or merges its inputs ({@link #run}); either is counted in {@code stats}. Gives back the
   * compaction's reference on its version.
   */
  void runAndInstall(VersionSet versions, Stats stats, long oldestSnapshot) throws IOException {
    Compaction c = compaction;
    long start = System.nanoTime();
    try {
      if (c.isTrivialMove()) {
        versions.logAndApply(c.edit(List.of()));
        stats.add(Counter.TRIVIAL_MOVES, c.inputs().size());
        LOG.info(
            "moved {} table(s) from L{} to L{}: {}",
            c.inputs().size(),
            c.level(),
            c.outputLevel(),
            versions);
        return;
      }
      List<FileMetaData> outputs = run(oldestSnapshot);
      versions.logAndApply(c.edit(outputs));
      long written = 0;
      for (FileMetaData f : outputs) {
        written += f.size();
      }
      stats.add(Counter.COMPACTIONS, 1);
      stats.add(Counter.COMPACTION_BYTES_READ, c.inputBytes());
      stats.add(Counter.COMPACTION_BYTES_WRITTEN, written);
      LOG.info(
          "compacted{} L{} -> L{}: {}+{} table(s) -> {}, {} bytes read, {} written, {} ms: {}",
          c.manual() ? " (manual)" : "",
          c.level(),
          c.outputLevel(),
          c.inputs().size(),
          c.nextInputs().size(),
          outputs.size(),
          c.inputBytes(),
          written,
          (System.nanoTime() - start) / 1_000_000,
          versions);
    } finally {
      versions.compactionDone(c);
      c.version().unref();
      stats.add(Counter.COMPACTION_NANOS, System.nanoTime() - start);
    }
  }

  /**
   * Writes the output tables, synced; {@code oldestSnapshot} is the oldest sequence any reader may
   * still read at. On failure every output written so far is deleted.
   */
  List<FileMetaData> run(long oldestSnapshot) throws IOException {
    List<RangeTombstone> tombstones = compaction.rangeTombstones(tables);
    RangeTombstoneSet seenByAll = RangeTombstoneSet.of(tombstones, oldestSnapshot);
    keptTombstones = new ArrayList<>();
    for (RangeTombstone t : tombstones) {
      boolean obsolete =
          t.sequence() <= oldestSnapshot
              && compaction.isBottommostFor(t.startUserKey(), t.endUserKeyExclusive());
      if (!obsolete) {
        keptTombstones.add(t);
      }
    }
    boolean done = false;
    try (InternalIterator it = compaction.newInputIterator(tables)) {
      byte[] currentKey = null;
      long newerSequence = Long.MAX_VALUE; // of the previous version of currentKey
      for (it.seekToFirst(); it.isValid(); it.next()) {
        InternalKey key = it.key();
        boolean newUserKey = currentKey == null || !Arrays.equals(key.userKey(), currentKey);
        if (newUserKey) {
          currentKey = key.userKey();
          newerSequence = Long.MAX_VALUE;
          if (db.isClosing()) {
            throw new DbException(DbException.Kind.CLOSED, "compaction stopped by close");
          }
          flushWaiting.run();
        }
        boolean drop =
            newerSequence <= oldestSnapshot
                || seenByAll.covers(key.userKey(), key.sequence())
                || (key.type() == ValueType.DELETION
                    && key.sequence() <= oldestSnapshot
                    && compaction.isBottommostFor(key.userKey()));
        newerSequence = key.sequence();
        if (drop) {
          continue;
        }
        if (out != null && newUserKey && out.estimatedSize() >= targetFileBytes) {
          finishOutput(key.userKey());
        }
        if (out == null) {
          startOutput();
        }
        out.add(key, it.value());
      }
      if (out == null && !keptTombstones.isEmpty()) {
        startOutput();
      }
      if (out != null) {
        finishOutput(null);
      }
      dir.sync();
      done = true;
      return outputs;
    } finally {
      if (out != null) {
        out.abandon();
      }
      if (!done) {
        for (long number : numbers) {
          dir.delete(dir.tableFile(number));
        }
      }
    }
  }

  private void startOutput() throws IOException {
    long number = db.newFileNumber();
    numbers.add(number);
    out = new TableOutput(dir, number, tableOptions);
  }

  /** Adds the kept tombstones' parts in [outputStart, next) and finishes the current output. */
  private void finishOutput(byte[] next) throws IOException {
    for (RangeTombstone t : keptTombstones) {
      byte[] start = max(t.startUserKey(), outputStart);
      byte[] end = next == null ? t.endUserKeyExclusive() : min(t.endUserKeyExclusive(), next);
      if (Arrays.compareUnsigned(start, end) < 0) {
        out.addRangeTombstone(new RangeTombstone(start, end, t.sequence()));
      }
    }
    if (!out.isEmpty()) {
      outputs.add(out.finish());
    } else {
      out.abandon();
    }
    out = null;
    outputStart = next;
  }

  private static byte[] max(byte[] a, byte[] b) {
    return b == null || Arrays.compareUnsigned(a, b) >= 0 ? a : b;
  }

  private static byte[] min(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
  }
}
