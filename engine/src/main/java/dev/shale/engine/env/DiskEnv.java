package dev.shale.engine.env;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The file system, through {@code java.nio}. */
final class DiskEnv implements Env {

  static final DiskEnv INSTANCE = new DiskEnv();

  private DiskEnv() {}

  /**
   * Streams rather than a {@code FileChannel} on purpose: an interrupted thread closes an
   * interruptible channel under every other writer; a stream write and {@code FileDescriptor.sync}
   * are not interruptible. Writes go straight to the file descriptor (no user-space buffer).
   */
  @Override
  public WritableFile newWritableFile(Path file) throws IOException {
    Files.createFile(file);
    FileOutputStream out = new FileOutputStream(file.toFile(), true);
    return new WritableFile() {
      @Override
      public void append(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void sync() throws IOException {
        out.getFD().sync();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  @Override
  public WritableFile newLogFile(Path file) throws IOException {
    return MappedLogFile.create(file);
  }

  @Override
  public boolean link(Path existing, Path link) throws IOException {
    try {
      Files.createLink(link, existing);
      return true;
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
      return false; // no links here, or another file system: copy
    }
  }

  @Override
  public long usableSpace(Path dir) {
    try {
      return Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public InputStream newSequentialFile(Path file) throws IOException {
    return Files.newInputStream(file);
  }

  @Override
  public ReadableFile newReadableFile(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    return new ReadableFile() {
      @Override
      public void readFully(long position, byte[] dst, int off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(dst, off, len);
        while (b.hasRemaining()) {
          int n = ch.read(b, position + b.position() - off);
          if (n < 0) {
            throw new EOFException(file + ": file ends at " + (position + b.position() - off));
          }
        }
      }

      @Override
      public ByteBuffer mapReadOnly(long size) throws IOException {
        return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      }

      @Override
      public boolean isOpen() {
        return ch.isOpen();
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }

  @Override
  public List<String> children(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        names.add(file.getFileName().toString());
      }
    }
    return names;
  }

  @Override
  public boolean deleteIfExists(Path file) throws IOException {
    return Files.deleteIfExists(file);
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public long size(Path file) throws IOException {
    return Files.size(file);
  }

  @Override
  public boolean exists(Path file) {
    return Files.exists(file);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir);
  }

  @Override
  public Closeable lock(Path lockFile, Duration timeout) {
    return DirectoryLock.acquire(lockFile, timeout);
  }

  @Override
  public String toString() {
    return "disk";
  }
}
