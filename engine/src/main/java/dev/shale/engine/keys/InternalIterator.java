package dev.shale.engine.keys;

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

  /** Releases what the iterator holds (files, versions); a no-op unless it holds something. */
  @Override
  default void close() {}
}
