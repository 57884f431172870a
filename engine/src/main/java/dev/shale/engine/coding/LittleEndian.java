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
}
