package dev.shale.engine.version;

import dev.shale.engine.ReadTrace;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.sstable.Table;
import dev.shale.engine.sstable.TableCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable set of SSTables by level. Level 0 holds flushed memtables, newest first, whose key
 * ranges may overlap; every deeper level is a sorted run of files with disjoint key ranges. For any
 * user key, entries in a shallower level are newer than entries in a deeper one.
 *
 * <p>Reference counted: readers hold a reference while they use the files, and a file is deleted
 * only when no live version lists it.
 */
public final class Version {

  public static final int NUM_LEVELS = 7;

  static final Comparator<FileMetaData> BY_SMALLEST = Comparator.comparing(FileMetaData::smallest);
  static final Comparator<FileMetaData> NEWEST_FIRST =
      Comparator.comparingLong(FileMetaData::number).reversed();

  private final List<List<FileMetaData>> levels;

  /**
   * Level 0's file count, taken once: every write asks it, and the level's list is of one class or
   * another as its size changes (List.of's), a call site the compiled write path had to be made
   * again for.
   */
  private final int level0Count;

  /** The files holding range tombstones, found once: every iterator asks for their tombstones. */
  private final FileMetaData[] withTombstones;

  private final AtomicInteger refs = new AtomicInteger(1);
  private final Runnable onRelease;

  /** A table reads have found due for compaction (see {@link ReadSamples}), or null. */
  private volatile Due readDue;

  /** A table of this version due for compaction, and its level. */
  public record Due(FileMetaData file, int level) {}

  Version(List<List<FileMetaData>> levels, Runnable onRelease) {
    this.levels = levels;
    this.level0Count = levels.get(0).size();
    this.onRelease = onRelease;
    List<FileMetaData> with = new ArrayList<>();
    for (List<FileMetaData> files : levels) {
      for (FileMetaData f : files) {
        if (f.rangeTombstones() > 0) {
          with.add(f);
        }
      }
    }
    this.withTombstones = with.toArray(new FileMetaData[0]);
  }

  /** The number of level-0 files. */
  public int level0Count() {
    return level0Count;
  }

  /** The files of {@code level}: newest first in level 0, by key in deeper levels. */
  public List<FileMetaData> files(int level) {
    return levels.get(level);
  }

  public long levelBytes(int level) {
    long bytes = 0;
    for (FileMetaData f : levels.get(level)) {
      bytes += f.size();
    }
    return bytes;
  }

  /** Takes a reference unless the version has already been released; false then. */
  public boolean tryRef() {
    while (true) {
      int n = refs.get();
      if (n == 0) {
        return false;
      }
      if (refs.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  public void unref() {
    if (refs.decrementAndGet() == 0) {
      onRelease.run();
    }
  }

  boolean isLive() {
    return refs.get() > 0;
  }

  /** What a point lookup found in the tables: the entry, and the level that served it. */
  public record Found(ValueType type, byte[] value, long sequence, int level) {}

  /** Counts of filter outcomes, kept by the caller. */
  public interface FilterListener {
    /** The filter of a table that may hold the key said no. */
    void filterUseful();

    /** The filter said maybe, but the table did not hold the key. */
    void filterFalsePositive();
  }

  /** The newest entry of {@code userKey} at or below {@code sequence} in the tables, or null. */
  public Found get(byte[] userKey, long sequence, TableCache tables, FilterListener listener)
      throws IOException {
    InternalKey target = InternalKey.seekKey(userKey, sequence);
    for (FileMetaData f : levels.get(0)) {
      if (f.covers(userKey)) {
        Found found = lookup(f, 0, userKey, target, tables, listener);
        if (found != null) {
          return found;
        }
      }
    }
    for (int level = 1; level < NUM_LEVELS; level++) {
      List<FileMetaData> files = levels.get(level);
      int i = findFile(files, target);
      if (i < files.size() && files.get(i).covers(userKey)) {
        Found found = lookup(files.get(i), level, userKey, target, tables, listener);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /**
   * The newest entry of {@code userKey} in one table: its point entry, or a deletion if one of the
   * table's range tombstones is newer; null if the table says nothing about the key.
   */
  private static Found lookup(
      FileMetaData f,
      int level,
      byte[] userKey,
      InternalKey target,
      TableCache tables,
      FilterListener listener)
      throws IOException {
    if (f.globalSequence() > target.sequence()) {
      return null; // ingested after the read's snapshot
    }
    ReadTrace trace = ReadTrace.current();
    if (trace != null) {
      trace.probe(level, f.number());
    }
    Table table = tables.table(f.number(), f.size());
    long tombstone =
        f.rangeTombstones() == 0
            ? 0
            : RangeTombstone.newestCovering(table.rangeTombstones(), userKey, target.sequence());
    Map.Entry<InternalKey, byte[]> e = null;
    if (!table.mayContain(userKey)) {
      listener.filterUseful();
      if (trace != null) {
        trace.filterUseful(level);
      }
    } else {
      e = table.seek(target);
      if (e != null && !Arrays.equals(e.getKey().userKey(), userKey)) {
        e = null;
      }
      if (e == null) {
        listener.filterFalsePositive();
        if (trace != null) {
          trace.filterFalsePositive(level);
        }
      }
    }
    long sequence =
        e == null ? 0 : f.globalSequence() > 0 ? f.globalSequence() : e.getKey().sequence();
    if (e != null && sequence > tombstone) {
      return new Found(e.getKey().type(), e.getValue(), sequence, level);
    }
    return tombstone > 0 ? new Found(ValueType.DELETION, null, tombstone, level) : null;
  }

  /** Adds the range tombstones of every table to {@code out}. */
  public void addRangeTombstones(List<RangeTombstone> out, TableCache tables) throws IOException {
    for (FileMetaData f : withTombstones) {
      out.addAll(tables.table(f.number(), f.size()).rangeTombstones());
    }
  }

  /** The index of the first file whose largest key is at or after {@code target}. */
  static int findFile(List<FileMetaData> files, InternalKey target) {
    int lo = 0;
    int hi = files.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (files.get(mid).largest().compareTo(target) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Charges a key an iterator read ({@link ReadSamples}): if {@code userKey} lies in two or more of
   * this version's tables, the first of them (level 0 newest first, then by level) is charged.
   * Returns true when that makes the table due and no other table of this version is: then {@link
   * #readDue()} names it and compaction should be scheduled.
   */
  public boolean recordReadSample(byte[] userKey, ReadSamples samples) {
    FileMetaData first = null;
    int firstLevel = -1;
    InternalKey target = InternalKey.beforeAllVersions(userKey);
    for (int level = 0; level < NUM_LEVELS; level++) {
      List<FileMetaData> files = levels.get(level);
      int from = level == 0 ? 0 : findFile(files, target);
      int to = level == 0 ? files.size() : Math.min(from + 1, files.size());
      for (int i = from; i < to; i++) {
        FileMetaData f = files.get(i);
        if (!f.covers(userKey)) {
          continue;
        }
        if (first != null) {
          if (samples.charge(first) && readDue == null) {
            readDue = new Due(first, firstLevel);
            return true;
          }
          return false;
        }
        first = f;
        firstLevel = level;
      }
    }
    return false;
  }

  /** The table reads found due for compaction in this version, or null. */
  public Due readDue() {
    return readDue;
  }

  /** Adds iterators over every table to {@code out}: one per level-0 file, one per deeper level. */
  public void addIterators(List<InternalIterator> out, TableCache tables) throws IOException {
    ReadTrace trace = ReadTrace.current();
    if (trace != null) {
      for (int level = 0; level < NUM_LEVELS; level++) {
        for (FileMetaData f : levels.get(level)) {
          trace.levelOf(f.number(), level);
        }
      }
    }
    for (FileMetaData f : levels.get(0)) {
      out.add(GlobalSequenceIterator.of(f, tables.table(f.number(), f.size()).newIterator()));
    }
    for (int level = 1; level < NUM_LEVELS; level++) {
      if (!levels.get(level).isEmpty()) {
        out.add(new LevelIterator(levels.get(level), tables));
      }
    }
  }

  /** The files of {@code level} whose user-key range meets {@code [lo, hi]}. */
  public List<FileMetaData> overlapping(int level, byte[] lo, byte[] hi) {
    List<FileMetaData> out = new ArrayList<>();
    for (FileMetaData f : levels.get(level)) {
      if (f.overlaps(lo, hi)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Whether no level deeper than {@code level} may hold {@code userKey}. */
  public boolean isBottommostFor(int level, byte[] userKey) {
    for (int l = level + 1; l < NUM_LEVELS; l++) {
      for (FileMetaData f : levels.get(l)) {
        if (f.covers(userKey)) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Version{");
    for (int level = 0; level < NUM_LEVELS; level++) {
      if (!levels.get(level).isEmpty()) {
        s.append(" L").append(level).append('=').append(levels.get(level).size());
      }
    }
    return s.append(" }").toString();
  }
}
