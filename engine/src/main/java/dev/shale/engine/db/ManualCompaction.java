package dev.shale.engine.db;

import dev.shale.engine.version.Compaction;
import dev.shale.engine.version.VersionSet;

/**
 * One {@link dev.shale.engine.Db#compactRange} request (LevelDB's {@code manual_compaction_}): the
 * background thread runs it a level at a time, between its flushes, so that it stays the only
 * writer of tables. Each step merges the tables of one level holding keys in the range with what
 * they overlap below; the steps go from level 0 down to the deepest level that held such keys when
 * the request began (at least level 1), so the range ends up in that level alone.
 */
final class ManualCompaction {

  private final byte[] begin;
  private final byte[] end;
  private final int lastLevel;

  /** The level the next step compacts; the background thread's alone. */
  private int level;

  private volatile boolean done;

  /** [{@code begin}, {@code end}] (null: unbounded) down to {@code deepest}, the deepest level. */
  ManualCompaction(byte[] begin, byte[] end, int deepest) {
    this.begin = begin;
    this.end = end;
    this.lastLevel = Math.max(1, deepest);
  }

  /**
   * The next step, or null once every level above the last is done; on the background thread. The
   * step holds a reference on its version (see {@link VersionSet#rangeCompaction}).
   */
  Compaction next(VersionSet versions) {
    while (level < lastLevel) {
      Compaction c = versions.rangeCompaction(level, begin, end);
      level++;
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  void finish() {
    done = true;
  }

  boolean isDone() {
    return done;
  }
}
