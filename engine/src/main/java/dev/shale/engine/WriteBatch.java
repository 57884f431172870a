package dev.shale.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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

  private static final Op[] NONE = {};

  // An array of its own rather than an ArrayList: most batches hold one op (Db.put makes one per
  // write), and this is one object fewer per write, sized on the first add.
  private Op[] ops = NONE;
  private int count;
  private long approximateBytes;

  private void add(Op op) {
    if (count == ops.length) {
      ops = Arrays.copyOf(ops, count == 0 ? 1 : 2 * count);
    }
    ops[count++] = op;
  }

  /**
   * Sets {@code key} to {@code value}. The arrays are not copied: do not modify them afterwards.
   */
  public WriteBatch put(byte[] key, byte[] value) {
    if (key == null || value == null) {
      throw new NullPointerException("key and value must not be null");
    }
    add(new Op(Op.Type.PUT, key, value));
    approximateBytes += key.length + value.length + 8;
    return this;
  }

  /** Removes {@code key}, if present. The array is not copied. */
  public WriteBatch delete(byte[] key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    add(new Op(Op.Type.DELETE, key, null));
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
    add(new Op(Op.Type.DELETE_RANGE, begin, end));
    approximateBytes += begin.length + end.length + 8;
    return this;
  }

  /** The number of operations. */
  public int count() {
    return count;
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
    return ops[Objects.checkIndex(index, count)];
  }

  /** The operations added so far, in order, as an unmodifiable list. */
  public List<Op> ops() {
    return List.of(Arrays.copyOf(ops, count));
  }

  public void clear() {
    Arrays.fill(ops, 0, count, null);
    count = 0;
    approximateBytes = 0;
  }
}
