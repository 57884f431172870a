package dev.shale.engine.coding;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Unsigned varints (LEB128): 7 bits per byte, least significant group first, the high bit set on
 * every byte but the last; 1 to 5 bytes for 32 bits, 1 to 10 for 64.
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

  /** Writes {@code value} at {@code dst[pos]}; returns the position just past it. */
  public static int put32(byte[] dst, int pos, int value) {
    while ((value & ~0x7f) != 0) {
      dst[pos++] = (byte) (value & 0x7f | 0x80);
      value >>>= 7;
    }
    dst[pos++] = (byte) value;
    return pos;
  }

  /** Writes {@code value} (unsigned, 64 bits) at {@code dst[pos]}; returns the position past it. */
  public static int put64(byte[] dst, int pos, long value) {
    while ((value & ~0x7fL) != 0) {
      dst[pos++] = (byte) (value & 0x7f | 0x80);
      value >>>= 7;
    }
    dst[pos++] = (byte) value;
    return pos;
  }

  /**
   * Reads a varint64 (up to 10 bytes, unsigned 64 bits) from {@code in}.
   *
   * @throws IllegalArgumentException if it runs past the buffer or past 64 bits
   */
  public static long get64(ByteBuffer in) {
    long result = 0;
    try {
      for (int shift = 0; shift < 70; shift += 7) {
        long b = in.get() & 0xff;
        if (shift == 63 && b > 0x01) {
          throw new IllegalArgumentException("varint64 overflows 64 bits");
        }
        result |= (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("varint64 runs past the end");
    }
    throw new IllegalArgumentException("varint64 overflows 64 bits");
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
