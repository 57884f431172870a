package dev.shale.sql.store;

import dev.shale.engine.ValueReader;

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

  /**
   * Makes something of a value where it lies: the engine's reader, named in this layer so that
   * execution, which sees only the store, can hand one down.
   */
  interface ValueDecoder<T> extends ValueReader<T> {}

  /** What {@code reader} makes of {@link #value()}, read where it lies rather than copied. */
  default <T> T readValue(ValueDecoder<T> reader) {
    byte[] v = value();
    return reader.read(v, 0, v.length);
  }

  @Override
  void close();
}
