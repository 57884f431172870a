package dev.shale.engine.keys;

import dev.shale.engine.ValueReader;

/**
 * A cursor over internal keys in {@link InternalKey} order, every version of every user key
 * included. Positioning methods leave it on an entry or invalid.
 */
public interface InternalIterator extends AutoCloseable {

  boolean isValid();

  void seekToFirst();

  void seekToLast();

  /** Moves to the first entry at or after {@code target}. */
  void seek(InternalKey target);

  /** Moves to the last entry at or before {@code target}. */
  void seekForPrev(InternalKey target);

  /** Requires {@link #isValid()}. */
  void next();

  /** Requires {@link #isValid()}. */
  void prev();

  /** Requires {@link #isValid()}. */
  InternalKey key();

  /** The value of a VALUE entry, empty for a deletion. Requires {@link #isValid()}. */
  byte[] value();

  /**
   * What {@code reader} makes of {@link #value()}, read in place where the iterator can (a table's
   * block) rather than copied. Requires {@link #isValid()}.
   */
  default <T> T readValue(ValueReader<T> reader) {
    byte[] v = value();
    return reader.read(v, 0, v.length);
  }

  /** Releases what the iterator holds (files, versions); a no-op unless it holds something. */
  @Override
  default void close() {}
}
