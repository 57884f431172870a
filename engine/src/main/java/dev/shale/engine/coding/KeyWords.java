package dev.shale.engine.coding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of a key as one big-endian word, zero-padded past the key's end, so that unsigned
 * comparison of words is the order of the bytes: the skip list's nodes and a table's index compare
 * words first and read the key's bytes only where the words tie.
 */
public final class KeyWords {

  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private KeyWords() {}

  /** Bytes {@code from .. from + 7} of the key {@code buf[off, off + len)}, zeros past its end. */
  public static long word(byte[] buf, int off, int len, int from) {
    if (len - from >= 8) {
      return (long) BIG_ENDIAN_LONG.get(buf, off + from);
    }
    long w = 0;
    for (int i = from; i < from + 8; i++) {
      w = w << 8 | (i < len ? buf[off + i] & 0xff : 0);
    }
    return w;
  }

  /**
   * The inverse of {@link #word}: the first {@code n} (1..8) bytes of big-endian word {@code w}
   * into {@code dst[off, off + n)}.
   */
  public static void put(long w, byte[] dst, int off, int n) {
    if (n == 8) {
      BIG_ENDIAN_LONG.set(dst, off, w);
      return;
    }
    for (int i = 0; i < n; i++) {
      dst[off + i] = (byte) (w >>> 56 - 8 * i);
    }
  }
}
