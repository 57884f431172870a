package dev.shale.engine.version;

import dev.shale.engine.ValueReader;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import java.util.Arrays;

/**
 * The entries of an ingested table ({@link FileMetaData#globalSequence}) as they read: each at the
 * table's global sequence instead of the 0 it is stored with. An ingested table holds one entry per
 * user key, so a key's place among the versions of other tables is decided by that one sequence;
 * seeks map onto the stored entries accordingly.
 */
final class GlobalSequenceIterator implements InternalIterator {

  private final InternalIterator stored;
  private final long sequence;

  private GlobalSequenceIterator(InternalIterator stored, long sequence) {
    this.stored = stored;
    this.sequence = sequence;
  }

  /** {@code it}, over the entries of {@code f}, as they read. */
  static InternalIterator of(FileMetaData f, InternalIterator it) {
    return f.globalSequence() == 0 ? it : new GlobalSequenceIterator(it, f.globalSequence());
  }

  @Override
  public boolean isValid() {
    return stored.isValid();
  }

  @Override
  public void seekToFirst() {
    stored.seekToFirst();
  }

  @Override
  public void seekToLast() {
    stored.seekToLast();
  }

  @Override
  public void seek(InternalKey target) {
    byte[] user = target.userKey();
    stored.seek(InternalKey.beforeAllVersions(user));
    if (stored.isValid()
        && Arrays.equals(stored.key().userKey(), user)
        && key().compareTo(target) < 0) {
      stored.next(); // the key's one entry reads as before the target: newer than it seeks
    }
  }

  @Override
  public void seekForPrev(InternalKey target) {
    byte[] user = target.userKey();
    stored.seekForPrev(InternalKey.afterAllVersions(user));
    if (stored.isValid()
        && Arrays.equals(stored.key().userKey(), user)
        && key().compareTo(target) > 0) {
      stored.prev();
    }
  }

  @Override
  public void next() {
    stored.next();
  }

  @Override
  public void prev() {
    stored.prev();
  }

  @Override
  public InternalKey key() {
    InternalKey k = stored.key();
    return new InternalKey(k.userKey(), sequence, k.type());
  }

  @Override
  public byte[] value() {
    return stored.value();
  }

  @Override
  public <T> T readValue(ValueReader<T> reader) {
    return stored.readValue(reader);
  }

  @Override
  public void close() {
    stored.close();
  }
}
