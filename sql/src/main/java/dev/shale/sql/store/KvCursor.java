package dev.shale.sql.store;

/**
 * A position in the keys of a {@link KvStore.ReadView}, moving either way. {@link #key()} and
 * {@link #value()} are valid until the next move; copy them to keep them.
 */
public interface KvCursor extends AutoCloseable {

  /** To the first key at or above {@code key}. */
  void seek(byte[] key);

  /** To the last key at or below {@code key}. */
  void seekForPrev(byte[] key);

  /** To the last key. */
  void seekToLast();

  void next();

  void prev();

  /** Whether the cursor is on a key (false past either end). */
  boolean isValid();

  byte[] key();

  byte[] value();

  @Override
  void close();
}
