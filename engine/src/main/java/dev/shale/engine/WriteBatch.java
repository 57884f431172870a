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

  private static final Op.Type[] NO_TYPES = {};
  private static final byte[][] NO_BYTES = {};

  // Most batches hold one op (Db.put makes one per write): it lives in the batch's own fields, so
  // such a batch is one object, with no Op and no array; the ops after it in three arrays, sized
  // on the second add. (Measured with the Op and its array gone: 280 -> 248 bytes allocated by the
  // writer per put.)
  private Op.Type firstType;
  private byte[] firstKey;
  private byte[] firstValue;
  private Op.Type[] types = NO_TYPES; // op i at index i - 1
  private byte[][] keys = NO_BYTES;
  private byte[][] values = NO_BYTES;
  private int count;
  private long approximateBytes;

  private void add(Op.Type type, byte[] key, byte[] value) {
    if (count == 0) {
      firstType = type;
      firstKey = key;
      firstValue = value;
    } else {
      int at = count - 1;
      if (at == types.length) {
        int n = at == 0 ? 1 : 2 * at;
        types = Arrays.copyOf(types, n);
        keys = Arrays.copyOf(keys, n);
        values = Arrays.copyOf(values, n);
      }
      types[at] = type;
      keys[at] = key;
      values[at] = value;
    }
    count++;
  }

  /**
   * Sets {@code key} to {@code value}. The arrays are not copied: do not modify them afterwards.
   */
  public WriteBatch put(byte[] key, byte[] value) {
    if (key == null || value == null) {
      throw new NullPointerException("key and value must not be null");
    }
    add(Op.Type.PUT, key, value);
    approximateBytes += key.length + value.length + 8;
    return this;
  }

  /** Removes {@code key}, if present. The array is not copied. */
  public WriteBatch delete(byte[] key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    add(Op.Type.DELETE, key, null);
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
    add(Op.Type.DELETE_RANGE, begin, end);
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

  // The accessors read the first op without Objects.checkIndex: in the engine's loops over a
  // one-op batch, C2 hoisted that check into a predicate that trapped on its first run in every
  // cold write benchmark, and the write path was compiled again. An index out of range still
  // throws IndexOutOfBoundsException.

  /** What the operation at {@code index} (0 is the first added) does. */
  public Op.Type type(int index) {
    if (index == 0 && count != 0) {
      return firstType;
    }
    return types[Objects.checkIndex(index, count) - 1];
  }

  /** The key of the operation at {@code index} (a range deletion's begin); the caller's array. */
  public byte[] key(int index) {
    if (index == 0 && count != 0) {
      return firstKey;
    }
    return keys[Objects.checkIndex(index, count) - 1];
  }

  /**
   * The value of the operation at {@code index}: a put's value, a range deletion's end, null for a
   * deletion; the caller's array.
   */
  public byte[] value(int index) {
    if (index == 0 && count != 0) {
      return firstValue;
    }
    return values[Objects.checkIndex(index, count) - 1];
  }

  /**
   * The operation at {@code index} (0 is the first added) as an object made for the call; the
   * engine reads the batches it writes through {@link #type}, {@link #key} and {@link #value}
   * instead.
   */
  public Op op(int index) {
    return new Op(type(index), key(index), value(index));
  }

  /** The operations added so far, in order, as an unmodifiable list. */
  public List<Op> ops() {
    Op[] ops = new Op[count];
    for (int i = 0; i < count; i++) {
      ops[i] = op(i);
    }
    return List.of(ops);
  }

  public void clear() {
    firstType = null;
    firstKey = null;
    firstValue = null;
    if (count > 1) {
      Arrays.fill(types, 0, count - 1, null);
      Arrays.fill(keys, 0, count - 1, null);
      Arrays.fill(values, 0, count - 1, null);
    }
    count = 0;
    approximateBytes = 0;
  }
}
