package dev.shale.engine.version;

import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.MergingIterator;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.sstable.TableCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One unit of compaction work: merge {@code inputs} of {@code level} with the overlapping {@code
 * nextInputs} of {@code level + 1} into new files of {@code level + 1}. When it is a trivial move
 * (one input and nothing below to merge with, or level-0 files that overlap nothing in level 0 or
 * level 1, see {@link #move}) the files change level without being rewritten.
 */
public record Compaction(
    Version version,
    int level,
    List<FileMetaData> inputs,
    List<FileMetaData> nextInputs,
    boolean moveAll,
    boolean manual,
    boolean dueToReads) {

  /** A merge of {@code inputs} with {@code nextInputs}, or a move if that is one input alone. */
  public Compaction(
      Version version, int level, List<FileMetaData> inputs, List<FileMetaData> nextInputs) {
    this(version, level, inputs, nextInputs, false, false, false);
  }

  /** This compaction, marked as chosen because reads found a table due ({@link ReadSamples}). */
  Compaction becauseOfReads() {
    return new Compaction(version, level, inputs, nextInputs, moveAll, manual, true);
  }

  /**
   * A merge asked for by {@link dev.shale.engine.Db#compactRange}: never a move, even of one input
   * alone, so that what no reader sees is dropped from every table (LevelDB's manual compaction).
   */
  public static Compaction manual(
      Version version, int level, List<FileMetaData> inputs, List<FileMetaData> nextInputs) {
    return new Compaction(
        version, level, List.copyOf(inputs), List.copyOf(nextInputs), false, true, false);
  }

  /**
   * Moves {@code files} of {@code level} to the next level unchanged. The caller has checked that
   * their key ranges overlap neither each other nor any file of the next level, nor any file of
   * {@code level} that stays behind.
   */
  public static Compaction move(Version version, int level, List<FileMetaData> files) {
    return new Compaction(version, level, List.copyOf(files), List.of(), true, false, false);
  }

  public int outputLevel() {
    return level + 1;
  }

  public boolean isTrivialMove() {
    return !manual && nextInputs.isEmpty() && (moveAll || inputs.size() == 1);
  }

  public long inputBytes() {
    long bytes = 0;
    for (FileMetaData f : inputs) {
      bytes += f.size();
    }
    for (FileMetaData f : nextInputs) {
      bytes += f.size();
    }
    return bytes;
  }

  /** The user keys the inputs span: {smallest, largest}. */
  public byte[][] span() {
    byte[] lo = null;
    byte[] hi = null;
    for (List<FileMetaData> files : List.of(inputs, nextInputs)) {
      for (FileMetaData f : files) {
        byte[] s = f.smallest().userKey();
        byte[] l = f.largest().userKey();
        lo = lo == null || Arrays.compareUnsigned(s, lo) < 0 ? s : lo;
        hi = hi == null || Arrays.compareUnsigned(l, hi) > 0 ? l : hi;
      }
    }
    return new byte[][] {lo, hi};
  }

  /** All input entries in internal-key order; close it when done. */
  public InternalIterator newInputIterator(TableCache tables) throws IOException {
    List<InternalIterator> children = new ArrayList<>();
    if (level == 0) {
      for (FileMetaData f : inputs) {
        children.add(
            GlobalSequenceIterator.of(f, tables.table(f.number(), f.size()).newIterator()));
      }
    } else {
      children.add(new LevelIterator(inputs, tables));
    }
    if (!nextInputs.isEmpty()) {
      children.add(new LevelIterator(nextInputs, tables));
    }
    return new MergingIterator(children, null);
  }

  /** The range deletions of every input table. */
  public List<RangeTombstone> rangeTombstones(TableCache tables) throws IOException {
    List<RangeTombstone> out = new ArrayList<>();
    for (List<FileMetaData> files : List.of(inputs, nextInputs)) {
      for (FileMetaData f : files) {
        if (f.rangeTombstones() > 0) {
          out.addAll(tables.table(f.number(), f.size()).rangeTombstones());
        }
      }
    }
    return out;
  }

  /** Whether no level below the output level may hold a key in [{@code lo}, {@code hi}]. */
  public boolean isBottommostFor(byte[] lo, byte[] hi) {
    for (int l = outputLevel() + 1; l < Version.NUM_LEVELS; l++) {
      if (!version.overlapping(l, lo, hi).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Whether no level below the output level may hold {@code userKey}. */
  public boolean isBottommostFor(byte[] userKey) {
    return version.isBottommostFor(outputLevel(), userKey);
  }

  /** The edit that replaces the inputs with {@code outputs} (none for a trivial move). */
  public VersionEdit edit(List<FileMetaData> outputs) {
    VersionEdit edit = new VersionEdit();
    for (FileMetaData f : inputs) {
      edit.deleteFile(level, f.number());
    }
    for (FileMetaData f : nextInputs) {
      edit.deleteFile(level + 1, f.number());
    }
    if (isTrivialMove()) {
      for (FileMetaData f : inputs) {
        edit.addFile(level + 1, f);
      }
    } else {
      for (FileMetaData f : outputs) {
        edit.addFile(level + 1, f);
      }
    }
    return edit;
  }
}
