package dev.shale.engine.keys;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Unsigned 32-bit varints (LEB128): 7 bits per byte, least significant group first, the high bit
 * set on every byte but the last; 1 to 5 bytes.
 */
public final class Varint {

  public static final int MAX_LENGTH_32 = 5;

  private Varint() {}

  public static int length32(int value) {
    int n = 1;
    while ((value & ~0x7f) != 0) {
      value >>>= 7;
      n++;
    }
    return n;
  }

  public static void put32(ByteBuffer out, int value) {
    while ((value & ~0x7f) != 0) {
      out.put((byte) (value & 0x7f | 0x80));
      value >>>= 7;
    }
    out.put((byte) value);
  }

  /**
   * Reads a varint32 from {@code in}.
   *
   * @throws IllegalArgumentException if it runs past the buffer or past 32 bits
   */
  public static int get32(ByteBuffer in) {
    int result = 0;
    try {
      for (int shift = 0; shift < 35; shift += 7) {
        int b = in.get() & 0xff;
        if (shift == 28 && b > 0x0f) {
          throw new IllegalArgumentException("varint32 overflows 32 bits");
        }
        result |= (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("varint32 runs past the end");
    }
    throw new IllegalArgumentException("varint32 overflows 32 bits");
  }
}
