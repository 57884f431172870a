package dev.shale.engine.env;

import java.io.Closeable;
import java.io.IOException;

/**
 * A new file being written from start to end. Appended bytes are with the OS (readable by others,
 * lost in a power cut) when {@link #append} returns, and durable when {@link #sync} returns. An
 * append copies its bytes: the caller may reuse the array once it returns.
 */
public interface WritableFile extends Closeable {

  void append(byte[] b, int off, int len) throws IOException;

  /** Forces everything appended so far to the device. */
  void sync() throws IOException;

  /**
   * Appends and then forces everything to the device, in the way this file does that cheapest (see
   * {@link Env#newLogFile}).
   */
  default void appendAndSync(byte[] b, int off, int len) throws IOException {
    append(b, off, len);
    sync();
  }
}
