package dev.shale.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes applied atomically by {@link Db#write}: after a crash either all of them are there or
 * none. Operations on the same key apply in the order they were added. Not thread safe.
 */
public final class WriteBatch {

  /** One operation of a batch. */
  public record Op(Type type, byte[] key, byte[] value) {

    /** What an operation does. */
    public enum Type {
      /** Sets {@code key} to {@code value}. */
      PUT,
      /** Removes {@code key}; {@code value} is null. */
      DELETE,
      /** Removes every key in [{@code key}, {@code value}). */
      DELETE_RANGE
    }

    public boolean isDelete() {
      return type == Type.DELETE;
    }
  }

  private final List<Op> ops = new ArrayList<>(4); // most batches hold one op
  private long approximateBytes;

  /**
   * Sets {@code key} to {@code value}. The arrays are not copied: do not modify them afterwards.
   */
  public WriteBatch put(byte[] key, byte[] value) {
    if (key == null || value == null) {
      throw new NullPointerException("key and value must not be null");
    }
    ops.add(new Op(Op.Type.PUT, key, value));
    approximateBytes += key.length + value.length + 8;
    return this;
  }

  /** Removes {@code key}, if present. The array is not copied. */
  public WriteBatch delete(byte[] key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    ops.add(new Op(Op.Type.DELETE, key, null));
    approximateBytes += key.length + 8;
    return this;
  }

  /**
   * Removes every key in [{@code begin}, {@code end}) with one range tombstone, however many keys
   * that is. {@code begin == end} deletes nothing; {@code begin > end} is rejected by {@link
   * Db#write}. The arrays are not copied.
   */
  public WriteBatch deleteRange(byte[] begin, byte[] end) {
    if (begin == null || end == null) {
      throw new NullPointerException("begin and end must not be null");
    }
    ops.add(new Op(Op.Type.DELETE_RANGE, begin, end));
    approximateBytes += begin.length + end.length + 8;
    return this;
  }

  /** The number of operations. */
  public int count() {
    return ops.size();
  }

  /** Roughly the bytes this batch takes in the log. */
  public long approximateBytes() {
    return approximateBytes;
  }

  /**
   * The operation at {@code index} (0 is the first added), without the view {@link #ops} makes: the
   * engine reads every batch it writes this way.
   */
  public Op op(int index) {
    return ops.get(index);
  }

  /** The operations in the order they were added, as a read-only view. */
  public List<Op> ops() {
    return Collections.unmodifiableList(ops);
  }

  public void clear() {
    ops.clear();
    approximateBytes = 0;
  }
}
