package dev.shale.engine.coding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Views of a byte array as little-endian ints and longs, the byte order of every fixed-width
 * integer Shale writes (log records, table footers and blocks, internal keys' tags): {@code (long)
 * LONG.get(bytes, offset)}, {@code LONG.set(bytes, offset, value)}.
 */
public final class LittleEndian {

  public static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  public static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  /**
   * {@code LONG.set(bytes, offset, value)} as eight byte stores. For the headers written once per
   * record on the write path (a log record's, a write batch's): a VarHandle call is a chain of
   * method-handle frames until the JIT has compiled it away, and its inlined forms make every
   * compiled caller several hundred bytes of bytecode larger, which a fresh JVM's first second of
   * writes pays in full.
   */
  public static void putLong(byte[] bytes, int offset, long value) {
    for (int i = 0; i < 8; i++) {
      bytes[offset + i] = (byte) (value >>> 8 * i);
    }
  }

  /** {@code INT.set(bytes, offset, value)} as four byte stores, as {@link #putLong}. */
  public static void putInt(byte[] bytes, int offset, int value) {
    for (int i = 0; i < 4; i++) {
      bytes[offset + i] = (byte) (value >>> 8 * i);
    }
  }
}
