package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.sstable.TableCache;
import dev.shale.engine.sstable.TableOptions;
import dev.shale.engine.version.Compaction;
import dev.shale.engine.version.FileMetaData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merges the inputs of one {@link Compaction} into new tables of its output level, dropping what no
 * reader can see any more:
 *
 * <ul>
 *   <li>a version shadowed by a newer version of the same key that every open snapshot sees;
 *   <li>a deletion that every snapshot sees, when no deeper level may hold the key (nothing is left
 *       for it to hide).
 * </ul>
 *
 * Output files are cut at the target size, but never between two versions of one user key, so the
 * files of a level keep disjoint user-key ranges.
 */
final class CompactionJob {

  private final Compaction compaction;
  private final DbDirectory dir;
  private final TableCache tables;
  private final TableOptions tableOptions;
  private final long targetFileBytes;
  private final DbImpl db;

  CompactionJob(
      Compaction compaction,
      DbDirectory dir,
      TableCache tables,
      TableOptions tableOptions,
      long targetFileBytes,
      DbImpl db) {
    this.compaction = compaction;
    this.dir = dir;
    this.tables = tables;
    this.tableOptions = tableOptions;
    this.targetFileBytes = targetFileBytes;
    this.db = db;
  }

  /**
   * Writes the output tables, synced; {@code oldestSnapshot} is the oldest sequence any reader may
   * still read at. On failure every output written so far is deleted.
   */
  List<FileMetaData> run(long oldestSnapshot) throws IOException {
    List<FileMetaData> outputs = new ArrayList<>();
    List<Long> numbers = new ArrayList<>();
    TableOutput out = null;
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
        }
        boolean drop =
            newerSequence <= oldestSnapshot
                || (key.type() == ValueType.DELETION
                    && key.sequence() <= oldestSnapshot
                    && compaction.isBottommostFor(key.userKey()));
        newerSequence = key.sequence();
        if (drop) {
          continue;
        }
        if (out != null && newUserKey && out.estimatedSize() >= targetFileBytes) {
          outputs.add(out.finish());
          out = null;
        }
        if (out == null) {
          long number = db.newFileNumber();
          numbers.add(number);
          out = new TableOutput(dir, number, tableOptions);
        }
        out.add(key, it.value());
      }
      if (out != null) {
        if (out.isEmpty()) {
          out.abandon();
        } else {
          outputs.add(out.finish());
        }
        out = null;
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
          java.nio.file.Files.deleteIfExists(dir.tableFile(number));
        }
      }
    }
  }
}
