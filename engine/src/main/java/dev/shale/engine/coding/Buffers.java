package dev.shale.engine.coding;

/** Scratch arrays that are kept and reused, grown when an entry does not fit. */
public final class Buffers {

  private Buffers() {}

  /**
   * {@code buffer} if it holds {@code length} bytes, else a new array of {@code length} bytes or
   * twice {@code buffer}'s, whichever is more. Nothing is copied: the caller writes it whole.
   */
  public static byte[] atLeast(byte[] buffer, int length) {
    return buffer.length >= length ? buffer : new byte[Math.max(length, 2 * buffer.length)];
  }
}
