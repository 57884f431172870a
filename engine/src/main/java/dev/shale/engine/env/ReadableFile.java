package dev.shale.engine.env;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A file that no one writes any more, read at any position; thread safe. */
public interface ReadableFile extends Closeable {

  /**
   * Reads {@code len} bytes at {@code position} into {@code dst[off..]}.
   *
   * @throws java.io.EOFException if the file ends first
   * @throws java.nio.channels.ClosedChannelException if this handle was closed, by {@link #close}
   *     or (on disk) by an interrupt of another reading thread
   */
  void readFully(long position, byte[] dst, int off, int len) throws IOException;

  /**
   * The first {@code size} bytes of the file as a read-only buffer that stays valid after {@link
   * #close} (on disk a memory mapping, released by the garbage collector or explicitly by its
   * owner; in memory a wrap of the file's bytes), or null where there is none.
   */
  ByteBuffer mapReadOnly(long size) throws IOException;

  boolean isOpen();
}
