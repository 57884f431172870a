package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.env.Env;
import dev.shale.engine.env.ReadableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open file handles stay bounded by {@link Options#maxOpenFiles()} however many tables there are:
 * counted through the {@link Env} seam, and (on Linux) as the process's descriptors into the
 * directory in {@code /proc/self/fd}.
 */
class OpenFilesTest {

  @TempDir Path dir;

  private static final int MAX_OPEN = 8;
  private static final int TABLES = 60;
  private static final int KEYS_PER_TABLE = 50;

  /** Counts the table files open for reading through it, and the most open at once. */
  static final class CountingEnv extends ForwardingEnv {
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();

    CountingEnv(Env base) {
      super(base);
    }

    @Override
    public ReadableFile newReadableFile(Path file) throws IOException {
      ReadableFile f = base.newReadableFile(file);
      most.accumulateAndGet(open.incrementAndGet(), Math::max);
      AtomicBoolean closed = new AtomicBoolean();
      return new ForwardingReadableFile(f) {
        @Override
        public void close() throws IOException {
          if (closed.compareAndSet(false, true)) {
            open.decrementAndGet();
          }
          base.close();
        }
      };
    }
  }

  @Test
  void openTableFilesStayWithinMaxOpenFilesWhateverTheNumberOfTables() throws IOException {
    CountingEnv env = new CountingEnv(Env.disk());
    Options options =
        Options.defaults()
            .withSync(false)
            .withEnv(env)
            .withMaxOpenFiles(MAX_OPEN)
            .withL0Triggers(100, 200, 300); // every table stays, in level 0
    // The table being opened while the least recently used one closes; a read of a table closed
    // under an iterator (one at a time here); the log, the manifest and LOCK.
    int bound = MAX_OPEN + 1 + 1;
    int mostDescriptors = 0;
    try (Db db = Db.open(dir, options)) {
      for (int t = 0; t < TABLES; t++) {
        for (int i = 0; i < KEYS_PER_TABLE; i++) {
          db.put(key(i * TABLES + t), value(i * TABLES + t));
        }
        db.flush();
      }
      assertEquals(TABLES, tableFiles(), "tables on disk");
      Random rnd = new Random(42);
      for (int round = 0; round < 3; round++) {
        for (int n = 0; n < TABLES * KEYS_PER_TABLE; n++) {
          int k = rnd.nextInt(TABLES * KEYS_PER_TABLE);
          assertArrayEquals(value(k), db.get(key(k)), "key " + k);
          if (n % 200 == 0) {
            mostDescriptors = Math.max(mostDescriptors, descriptorsInto(dir));
          }
        }
        int seen = 0;
        try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
          for (it.seekToFirst(); it.isValid(); it.next()) {
            if (seen++ % 100 == 0) {
              mostDescriptors = Math.max(mostDescriptors, descriptorsInto(dir));
            }
          }
        }
        assertEquals(TABLES * KEYS_PER_TABLE, seen, "a full scan");
        assertEquals(TABLES, db.verify().tables());
        assertTrue(
            env.most.get() <= bound,
            "at most " + env.most.get() + " table files open at once, bound " + bound);
      }
    }
    System.out.println(
        "OpenFilesTest: "
            + TABLES
            + " tables, maxOpenFiles "
            + MAX_OPEN
            + ": at most "
            + env.most.get()
            + " table files open at once through the Env, "
            + mostDescriptors
            + " descriptors into the directory (log, manifest and LOCK included)");
    assertTrue(mostDescriptors <= bound + 3, "descriptors into the directory: " + mostDescriptors);
    assertEquals(0, env.open.get(), "table files still open after close");
  }

  /** The descriptors of this process open on files of {@code dir}; 0 where /proc is not there. */
  private static int descriptorsInto(Path dir) throws IOException {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return 0;
    }
    int n = 0;
    try (Stream<Path> list = Files.list(fds)) {
      for (Path fd : list.toList()) {
        try {
          if (Files.readSymbolicLink(fd).startsWith(dir)) {
            n++;
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    return n;
  }

  private long tableFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".sst")).count();
    }
  }

  private static byte[] key(int i) {
    return String.format("key%06d", i).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(int i) {
    return ("value " + i).getBytes(StandardCharsets.UTF_8);
  }
}
