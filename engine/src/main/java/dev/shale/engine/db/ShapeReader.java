package dev.shale.engine.db;

import dev.shale.engine.DbShape;
import dev.shale.engine.version.CompactionPicker;
import dev.shale.engine.version.FileMetaData;
import dev.shale.engine.version.Version;
import dev.shale.engine.version.VersionSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link DbShape} off the memtables and the current version: per level its tables, bytes, and
 * the score and target the {@link CompactionPicker} ranks it by (the same methods, so {@code
 * sys.levels} shows the numbers compaction acts on).
 */
final class ShapeReader {

  private ShapeReader() {}

  /** The shape of {@code versions}' current version under {@code memtables}. */
  static DbShape read(Memtables memtables, VersionSet versions, long lastSequence) {
    long frozenBytes = 0;
    for (Memtables.Frozen f : memtables.frozen()) {
      frozenBytes += f.mem().approximateMemoryUsage();
    }
    CompactionPicker picker = versions.picker();
    Version v = versions.current();
    try {
      List<DbShape.Level> levels = new ArrayList<>(Version.NUM_LEVELS);
      for (int level = 0; level < Version.NUM_LEVELS; level++) {
        List<DbShape.Table> tables = new ArrayList<>();
        for (FileMetaData f : v.files(level)) {
          tables.add(
              new DbShape.Table(
                  f.number(),
                  level,
                  f.size(),
                  f.smallest().userKey().clone(),
                  f.largest().userKey().clone(),
                  f.smallest().sequence(),
                  f.largest().sequence(),
                  f.rangeTombstones()));
        }
        levels.add(
            new DbShape.Level(
                level,
                List.copyOf(tables),
                v.levelBytes(level),
                picker.levelScore(v, level),
                picker.targetBytes(level)));
      }
      return new DbShape(
          memtables.mem().approximateMemoryUsage(),
          memtables.frozen().size(),
          frozenBytes,
          List.copyOf(levels),
          lastSequence);
    } finally {
      v.unref();
    }
  }
}
