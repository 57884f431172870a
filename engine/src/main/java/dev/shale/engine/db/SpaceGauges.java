package dev.shale.engine.db;

import dev.shale.engine.Stats;
import dev.shale.engine.Stats.Counter;
import dev.shale.engine.version.FileMetaData;
import dev.shale.engine.version.Version;
import dev.shale.engine.version.VersionSet;

/**
 * The disk space gauges of {@link Stats}, read from the current version when asked: the bytes of
 * its tables, and of its deepest non-empty level, the estimate of the live data (in a leveled tree
 * nearly all of it sits in the last level; the levels above hold newer versions and tombstones of
 * it). Their ratio is {@link Stats#spaceAmplification()}.
 */
final class SpaceGauges {

  private SpaceGauges() {}

  static void bind(Stats stats, VersionSet versions) {
    stats.bind(Counter.TABLE_BYTES, () -> bytes(versions, false));
    stats.bind(Counter.LAST_LEVEL_BYTES, () -> bytes(versions, true));
  }

  private static long bytes(VersionSet versions, boolean lastLevelOnly) {
    Version v = versions.current();
    try {
      long total = 0;
      long deepest = 0;
      for (int level = 0; level < Version.NUM_LEVELS; level++) {
        long bytes = 0;
        for (FileMetaData f : v.files(level)) {
          bytes += f.size();
        }
        total += bytes;
        if (bytes > 0) {
          deepest = bytes;
        }
      }
      return lastLevelOnly ? deepest : total;
    } finally {
      v.unref();
    }
  }
}
