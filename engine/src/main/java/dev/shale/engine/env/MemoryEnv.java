package dev.shale.engine.env;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Files as byte arrays in a map (after LevelDB's {@code helpers/memenv}): what is appended is at
 * once what is durable, so sync is a no-op; a rename replaces its target atomically; a lock is held
 * against other openers through this instance only. Paths are names, normalized; a file's directory
 * need not have been created.
 */
final class MemoryEnv implements Env {

  /** The bytes of one file; appends are seen by readers opened before or after. */
  private static final class Contents {
    private byte[] bytes = new byte[0];
    private int length;

    synchronized void append(byte[] b, int off, int len) {
      if (length + len > bytes.length) {
        long grown = Math.max((long) length + len, 2L * bytes.length);
        bytes = Arrays.copyOf(bytes, (int) Math.min(grown, Integer.MAX_VALUE - 8));
      }
      System.arraycopy(b, off, bytes, length, len);
      length += len;
    }

    /** Drops the room left for appends: a finished file holds only its bytes. */
    synchronized void trim() {
      if (bytes.length != length) {
        bytes = Arrays.copyOf(bytes, length);
      }
    }

    synchronized int length() {
      return length;
    }

    synchronized void read(long position, byte[] dst, int off, int len, Path name)
        throws EOFException {
      if (position + len > length) {
        throw new EOFException(name + ": file ends at " + length);
      }
      System.arraycopy(bytes, (int) position, dst, off, len);
    }

    synchronized ByteBuffer wrap(long size) {
      return ByteBuffer.wrap(bytes, 0, (int) Math.min(size, length)).slice().asReadOnlyBuffer();
    }

    synchronized byte[] copy() {
      return Arrays.copyOf(bytes, length);
    }
  }

  // Guarded by this.
  private final Map<Path, Contents> files = new HashMap<>();
  private final Set<Path> directories = new HashSet<>();
  private final Set<Path> locked = new HashSet<>();

  private static Path key(Path p) {
    return p.toAbsolutePath().normalize();
  }

  private synchronized Contents contents(Path file) throws NoSuchFileException {
    Contents c = files.get(key(file));
    if (c == null) {
      throw new NoSuchFileException(file.toString());
    }
    return c;
  }

  @Override
  public WritableFile newWritableFile(Path file) throws IOException {
    Contents c = new Contents();
    synchronized (this) {
      if (files.putIfAbsent(key(file), c) != null) {
        throw new FileAlreadyExistsException(file.toString());
      }
    }
    return new WritableFile() {
      private boolean closed;

      @Override
      public void append(byte[] b, int off, int len) throws IOException {
        if (closed) {
          throw new ClosedChannelException();
        }
        c.append(b, off, len);
      }

      @Override
      public void sync() throws IOException {
        if (closed) {
          throw new ClosedChannelException();
        }
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          c.trim();
        }
      }
    };
  }

  @Override
  public InputStream newSequentialFile(Path file) throws IOException {
    return new ByteArrayInputStream(contents(file).copy());
  }

  @Override
  public ReadableFile newReadableFile(Path file) throws IOException {
    Contents c = contents(file);
    return new ReadableFile() {
      private volatile boolean open = true;

      @Override
      public void readFully(long position, byte[] dst, int off, int len) throws IOException {
        if (!open) {
          throw new ClosedChannelException();
        }
        c.read(position, dst, off, len, file);
      }

      @Override
      public ByteBuffer mapReadOnly(long size) {
        return c.wrap(size);
      }

      @Override
      public boolean isOpen() {
        return open;
      }

      @Override
      public void close() {
        open = false;
      }
    };
  }

  @Override
  public synchronized List<String> children(Path dir) throws IOException {
    Path d = key(dir);
    if (!directories.contains(d)) {
      throw new NoSuchFileException(dir.toString());
    }
    List<String> names = new ArrayList<>();
    for (Path p : files.keySet()) {
      if (d.equals(p.getParent())) {
        names.add(p.getFileName().toString());
      }
    }
    return names;
  }

  @Override
  public synchronized boolean deleteIfExists(Path file) {
    return files.remove(key(file)) != null;
  }

  @Override
  public synchronized void rename(Path from, Path to) throws IOException {
    Contents c = files.remove(key(from));
    if (c == null) {
      throw new NoSuchFileException(from.toString());
    }
    files.put(key(to), c);
  }

  @Override
  public long size(Path file) throws IOException {
    return contents(file).length();
  }

  @Override
  public synchronized boolean exists(Path file) {
    Path k = key(file);
    return files.containsKey(k) || directories.contains(k);
  }

  @Override
  public void syncDirectory(Path dir) {}

  @Override
  public synchronized void createDirectories(Path dir) {
    for (Path d = key(dir); d != null; d = d.getParent()) {
      directories.add(d);
    }
  }

  @Override
  public Closeable lock(Path lockFile, Duration timeout) {
    Path k = key(lockFile);
    return DirectoryLock.acquire(
        lockFile,
        timeout,
        f -> {
          synchronized (this) {
            if (!locked.add(k)) {
              return new DirectoryLock.Attempt(null, "already open through this environment");
            }
          }
          return new DirectoryLock.Attempt(this.unlocker(k), null);
        });
  }

  private Closeable unlocker(Path k) {
    return () -> {
      synchronized (this) {
        locked.remove(k);
      }
    };
  }

  @Override
  public String toString() {
    return "in memory";
  }
}
