package dev.shale.engine;

/**
 * A cursor over the live keys of a {@link Db} in unsigned lexicographic byte order, seeing one
 * snapshot from creation to close and staying within the {@link ReadOptions} bounds. Not thread
 * safe. Positioning methods leave it either on an entry ({@link #isValid()}) or past the end.
 */
public interface DbIterator extends AutoCloseable {

  /** Moves to the first key at or above the lower bound. */
  void seekToFirst();

  /** Moves to the last key below the upper bound. */
  void seekToLast();

  /** Moves to the first key at or after {@code target} (clamped to the bounds). */
  void seek(byte[] target);

  /** Moves to the last key at or before {@code target} (clamped to the bounds). */
  void seekForPrev(byte[] target);

  boolean isValid();

  /** Advances to the next key; requires {@link #isValid()}. */
  void next();

  /** Steps back to the previous key; requires {@link #isValid()}. */
  void prev();

  /** The current key; the caller must not modify it. Requires {@link #isValid()}. */
  byte[] key();

  /** The current value; the caller must not modify it. Requires {@link #isValid()}. */
  byte[] value();

  /**
   * What {@code reader} makes of the current value, read where it lies, without the copy {@link
   * #value()} may make. Requires {@link #isValid()}.
   */
  default <T> T readValue(ValueReader<T> reader) {
    byte[] v = value();
    return reader.read(v, 0, v.length);
  }

  @Override
  void close();
}
