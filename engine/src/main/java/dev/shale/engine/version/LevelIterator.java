package dev.shale.engine.version;

import dev.shale.engine.DbException;
import dev.shale.engine.ValueReader;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.sstable.TableCache;
import java.io.IOException;
import java.util.List;

/**
 * The entries of one sorted level (disjoint files in key order) as one iterator, opening each
 * file's table only when the cursor reaches it.
 */
final class LevelIterator implements InternalIterator {

  private final List<FileMetaData> files;
  private final TableCache tables;
  private int index = -1;
  private InternalIterator current;

  LevelIterator(List<FileMetaData> files, TableCache tables) {
    this.files = files;
    this.tables = tables;
  }

  @Override
  public boolean isValid() {
    return current != null && current.isValid();
  }

  @Override
  public void seekToFirst() {
    open(0);
    if (current != null) {
      current.seekToFirst();
    }
    skipForward();
  }

  @Override
  public void seekToLast() {
    open(files.size() - 1);
    if (current != null) {
      current.seekToLast();
    }
    skipBackward();
  }

  @Override
  public void seek(InternalKey target) {
    open(Version.findFile(files, target));
    if (current != null) {
      current.seek(target);
    }
    skipForward();
  }

  @Override
  public void seekForPrev(InternalKey target) {
    int i = Version.findFile(files, target);
    if (i == files.size() || files.get(i).smallest().compareTo(target) > 0) {
      i--; // target falls before file i: the answer is at the end of the file before
    }
    open(i);
    if (current != null) {
      current.seekForPrev(target);
    }
    skipBackward();
  }

  @Override
  public void next() {
    current.next();
    skipForward();
  }

  @Override
  public void prev() {
    current.prev();
    skipBackward();
  }

  @Override
  public InternalKey key() {
    return current.key();
  }

  @Override
  public byte[] value() {
    return current.value();
  }

  @Override
  public <T> T readValue(ValueReader<T> reader) {
    return current.readValue(reader);
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  private void skipForward() {
    while (current != null && !current.isValid()) {
      if (index + 1 >= files.size()) {
        return;
      }
      open(index + 1);
      current.seekToFirst();
    }
  }

  private void skipBackward() {
    while (current != null && !current.isValid()) {
      if (index <= 0) {
        return;
      }
      open(index - 1);
      current.seekToLast();
    }
  }

  private void open(int i) {
    if (i == index && current != null) {
      return;
    }
    close();
    index = i;
    if (i < 0 || i >= files.size()) {
      current = null;
      return;
    }
    FileMetaData f = files.get(i);
    try {
      current = GlobalSequenceIterator.of(f, tables.table(f.number(), f.size()).newIterator());
    } catch (IOException e) {
      throw new DbException(
          DbException.Kind.IO, "cannot open table " + f.number() + ": " + e.getMessage(), e);
    }
  }
}
