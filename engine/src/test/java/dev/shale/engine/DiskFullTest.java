package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.env.Env;
import dev.shale.engine.env.WritableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Opening a database on a full disk fails saying how much free space it needs, and where; with that
 * much free it opens and has every write.
 */
class DiskFullTest {

  private static final Path DIR = Path.of("/full-disk-db").toAbsolutePath();

  /**
   * A file system of {@code free} bytes over another: an append that does not fit writes what does
   * and throws as Linux does (ENOSPC); deleting a file gives its bytes back.
   */
  static final class FullDiskEnv extends ForwardingEnv {
    private long free;

    FullDiskEnv(Env base, long free) {
      super(base);
      this.free = free;
    }

    @Override
    public synchronized long usableSpace(Path dir) {
      return free;
    }

    @Override
    public WritableFile newWritableFile(Path file) throws IOException {
      WritableFile w = base.newWritableFile(file);
      return new WritableFile() {
        @Override
        public void append(byte[] b, int off, int len) throws IOException {
          int fits;
          synchronized (FullDiskEnv.this) {
            fits = (int) Math.min(len, free);
            free -= fits;
          }
          w.append(b, off, fits);
          if (fits < len) {
            throw new IOException(file + ": No space left on device");
          }
        }

        @Override
        public void sync() throws IOException {
          w.sync();
        }

        @Override
        public void close() throws IOException {
          w.close();
        }
      };
    }

    @Override
    public boolean deleteIfExists(Path file) throws IOException {
      long size = base.exists(file) ? base.size(file) : 0;
      boolean deleted = base.deleteIfExists(file);
      if (deleted) {
        synchronized (this) {
          free += size;
        }
      }
      return deleted;
    }
  }

  @Test
  void openingOnAFullDiskSaysHowMuchSpaceItNeedsAndWhereAndThatMuchIsEnough() throws IOException {
    Env memory = Env.inMemory();
    Options options =
        Options.defaults().withSync(false).withWriteBufferBytes(4 << 20).withEnv(memory);
    int rows = 3000;
    long logBytes;
    try (Db db = Db.open(DIR, options)) {
      for (int i = 0; i < rows; i++) {
        db.put(key(i), value(i));
      }
      logBytes = 0;
      for (String name : memory.children(DIR)) {
        if (name.endsWith(".log")) {
          logBytes += memory.size(DIR.resolve(name));
        }
      }
    }
    assertTrue(logBytes > 200_000, "log bytes " + logBytes);

    DbException e =
        assertThrows(
            DbException.class,
            () -> Db.open(DIR, options.withEnv(new FullDiskEnv(memory, 20_000))).close());
    assertEquals(DbException.Kind.IO, e.kind(), e.toString());
    String m = e.getMessage();
    System.out.println("DiskFullTest: " + m);
    assertTrue(m.contains(DIR.toString()) && m.contains(".log"), m);
    Matcher needs = Pattern.compile("needs about ([0-9,]+) bytes free").matcher(m);
    assertTrue(needs.find(), m);
    long needed = Long.parseLong(needs.group(1).replace(",", ""));
    assertTrue(needed >= logBytes, "needs " + needed + " for a log of " + logBytes + ": " + m);
    assertTrue(m.contains(String.format("%,d bytes of log", logBytes)), m);

    try (Db db = Db.open(DIR, options.withEnv(new FullDiskEnv(memory, needed)))) {
      for (int i = 0; i < rows; i++) {
        assertArrayEquals(value(i), db.get(key(i)), "row " + i);
      }
    }
  }

  private static byte[] key(int i) {
    return String.format("key%06d", i).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(int i) {
    return ("value " + i + " " + "v".repeat(i % 100)).getBytes(StandardCharsets.UTF_8);
  }
}
