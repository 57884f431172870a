package dev.shale.engine.version;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses the next compaction (after LevelDB's {@code VersionSet::PickCompaction}): the level whose
 * score is highest, where level 0 scores its file count over the compaction trigger and each deeper
 * level its bytes over its target size; below 1 nothing needs compacting. Level-0 files that
 * overlap nothing move down as they are; otherwise all of level 0, or on a deeper level its next
 * file in round-robin key order, merges with what it overlaps in the level below. When no level
 * scores 1, a table that reads found due ({@link ReadSamples}, LevelDB's seek compaction) merges
 * with what it overlaps below (all of level 0, if it is in level 0); failing that, a file with
 * range deletions above the deepest level is pushed down (score 1), so the space of what they
 * delete comes back.
 */
public final class CompactionPicker {

  /** Level sizing; see {@code dev.shale.engine.Options}. */
  public record Shape(
      int l0CompactionTrigger, long maxBytesForLevelBase, int levelSizeMultiplier) {}

  private final Shape shape;

  /** Per level, the largest user key of its last compaction; guarded by this. */
  private final byte[][] compactPointer = new byte[Version.NUM_LEVELS][];

  public CompactionPicker(Shape shape) {
    this.shape = shape;
  }

  /** The score of the level of {@code v} most in need of compaction. */
  public double score(Version v) {
    return choose(v).score();
  }

  /**
   * What to compact: {@code level} with {@code score}; {@code file} the one table to start from
   * when the choice fell on a table rather than a level (one that reads found due, then {@code
   * dueToReads}, or one with range deletions to push down), null otherwise.
   */
  private record Choice(int level, double score, FileMetaData file, boolean dueToReads) {

    Choice(int level, double score) {
      this(level, score, null, false);
    }
  }

  private Choice choose(Version v) {
    int bestLevel = -1;
    double best = 0;
    for (int level = 0; level < Version.NUM_LEVELS - 1; level++) {
      double score = levelScore(v, level);
      if (score > best) {
        best = score;
        bestLevel = level;
      }
    }
    if (best >= 1) {
      return new Choice(bestLevel, best);
    }
    Version.Due due = v.readDue();
    if (due != null && due.level() < Version.NUM_LEVELS - 1) {
      return new Choice(due.level(), 1, due.file(), true);
    }
    FileMetaData pushDown = rangeDeletionToPushDown(v);
    if (pushDown != null) {
      return new Choice(levelOf(v, pushDown), 1, pushDown, false);
    }
    return new Choice(bestLevel, best);
  }

  /**
   * A file with range deletions above the deepest non-empty level, or null. Its deletions free
   * nothing until they meet the data below them, and a level that stays below its size never
   * compacts on its own; so when nothing else needs compacting, such a file merges into the level
   * below, level by level, until its deletions reach the last level and are dropped with what they
   * delete. Each step moves the file's data one level deeper, so this ends.
   */
  private static FileMetaData rangeDeletionToPushDown(Version v) {
    int deepest = 0;
    for (int level = 1; level < Version.NUM_LEVELS; level++) {
      if (!v.files(level).isEmpty()) {
        deepest = level;
      }
    }
    for (int level = 0; level < deepest; level++) {
      for (FileMetaData f : v.files(level)) {
        if (f.rangeTombstones() > 0) {
          return f;
        }
      }
    }
    return null;
  }

  private static int levelOf(Version v, FileMetaData file) {
    for (int level = 0; level < Version.NUM_LEVELS; level++) {
      if (v.files(level).contains(file)) {
        return level;
      }
    }
    throw new IllegalStateException(file + " is in no level");
  }

  /**
   * The score {@link #pick} ranks {@code level} of {@code v} by: level 0 its file count over the
   * compaction trigger, a deeper level its bytes over {@link #targetBytes}; the last level, which
   * compacts into nothing, 0.
   */
  public double levelScore(Version v, int level) {
    if (level == Version.NUM_LEVELS - 1) {
      return 0;
    }
    return level == 0
        ? (double) v.files(0).size() / shape.l0CompactionTrigger()
        : (double) v.levelBytes(level) / maxBytesForLevel(level);
  }

  /**
   * The bytes above which {@code level} needs compacting: 0 for level 0 (it counts files) and for
   * the last level (it never compacts further).
   */
  public long targetBytes(int level) {
    return level == 0 || level == Version.NUM_LEVELS - 1 ? 0 : maxBytesForLevel(level);
  }

  long maxBytesForLevel(int level) {
    long bytes = shape.maxBytesForLevelBase();
    for (int l = 1; l < level; l++) {
      bytes *= shape.levelSizeMultiplier();
    }
    return bytes;
  }

  /**
   * The next compaction to run on {@code v} (the current version), or null if no level needs one.
   * The returned compaction holds a reference on {@code v}; the caller gives it back when done.
   */
  public synchronized Compaction pick(Version v) {
    Choice choice = choose(v);
    if (choice.score() < 1) {
      return null;
    }
    int level = choice.level();
    List<FileMetaData> inputs = new ArrayList<>();
    if (level == 0) {
      List<FileMetaData> movable = movableLevel0Files(v);
      if (!movable.isEmpty()) {
        v.tryRef();
        return Compaction.move(v, 0, movable);
      }
      inputs.addAll(v.files(0)); // overlapping files: take them all, oldest data included
    } else if (choice.file() != null) {
      inputs.add(choice.file());
    } else {
      // Round-robin through the level's key space so every file gets its turn.
      byte[] after = compactPointer[level];
      FileMetaData pick = v.files(level).get(0);
      if (after != null) {
        for (FileMetaData f : v.files(level)) {
          if (Arrays.compareUnsigned(f.largest().userKey(), after) > 0) {
            pick = f;
            break;
          }
        }
      }
      inputs.add(pick);
    }
    byte[] lo = null;
    byte[] hi = null;
    for (FileMetaData f : inputs) {
      lo = min(lo, f.smallest().userKey());
      hi = max(hi, f.largest().userKey());
    }
    List<FileMetaData> next = v.overlapping(level + 1, lo, hi);
    compactPointer[level] = hi;
    v.tryRef();
    Compaction c = new Compaction(v, level, inputs, next);
    return choice.dueToReads() ? c.becauseOfReads() : c;
  }

  /**
   * The level-0 files whose key range overlaps no other level-0 file and no level-1 file: each
   * holds the only versions of its keys above level 2, so it can move to level 1 as it is (a
   * sequential load never needs a merge).
   */
  static List<FileMetaData> movableLevel0Files(Version v) {
    List<FileMetaData> l0 = v.files(0);
    List<FileMetaData> movable = new ArrayList<>();
    for (FileMetaData f : l0) {
      byte[] lo = f.smallest().userKey();
      byte[] hi = f.largest().userKey();
      boolean alone = v.overlapping(1, lo, hi).isEmpty();
      for (int i = 0; alone && i < l0.size(); i++) {
        FileMetaData other = l0.get(i);
        alone = other == f || !other.overlaps(lo, hi);
      }
      if (alone) {
        movable.add(f);
      }
    }
    return movable;
  }

  private static byte[] min(byte[] a, byte[] b) {
    return a == null || Arrays.compareUnsigned(b, a) < 0 ? b : a;
  }

  private static byte[] max(byte[] a, byte[] b) {
    return a == null || Arrays.compareUnsigned(b, a) > 0 ? b : a;
  }
}
