package dev.shale.engine;

import dev.shale.engine.env.ReadableFile;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A {@link ReadableFile} that does what {@code base} does; tests override what they change. */
class ForwardingReadableFile implements ReadableFile {

  protected final ReadableFile base;

  ForwardingReadableFile(ReadableFile base) {
    this.base = base;
  }

  @Override
  public void readFully(long position, byte[] dst, int off, int len) throws IOException {
    base.readFully(position, dst, off, len);
  }

  @Override
  public ByteBuffer mapReadOnly(long size) throws IOException {
    return base.mapReadOnly(size);
  }

  @Override
  public boolean isOpen() {
    return base.isOpen();
  }

  @Override
  public void close() throws IOException {
    base.close();
  }
}
