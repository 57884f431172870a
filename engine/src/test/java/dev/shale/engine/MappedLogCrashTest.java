package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unsynced write is in the database's files when it returns (the disk env's log is mapped: its
 * appends are stores into the page cache, no system call): a copy of the directory taken while the
 * database is still open, as the files stand when its process is killed, opens with every
 * acknowledged write, the log's zero-filled rest read as its end.
 */
class MappedLogCrashTest {

  @TempDir Path tmp;

  @Test
  void everyReturnedWriteIsInTheFilesOfAnOpenDatabase() throws IOException {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("MappedLogCrashTest seed=" + seed + " (-Dshale.seed=" + seed + ")");
    Random random = new Random(seed);
    Path live = tmp.resolve("live");
    Options options =
        Options.defaults()
            .withSync(false)
            .withMemoryBudgetBytes(256 << 20)
            .withWriteBufferBytes(32 << 20);
    int n = 3000;
    byte[][] values = new byte[n][];
    try (Db db = Db.open(live, options)) {
      for (int i = 0; i < n; i++) {
        // 0.3-3 KiB values: several 1 MiB chunks of log, appends straddling their edges.
        values[i] = new byte[300 + random.nextInt(2700)];
        random.nextBytes(values[i]);
        db.put(key(i), values[i]);
      }
      db.delete(key(7));
      Path crashed = copyWithoutLock(live, tmp.resolve("crashed"));
      long logBytes;
      try (Stream<Path> files = Files.list(crashed)) {
        List<Path> logs = files.filter(p -> p.toString().endsWith(".log")).toList();
        assertEquals(1, logs.size(), "one live log: " + logs);
        logBytes = Files.size(logs.get(0));
      }
      assertEquals(0, logBytes % (1 << 20), "the open log is whole chunks: " + logBytes);

      try (Db reopened = Db.open(crashed, options)) {
        for (int i = 0; i < n; i++) {
          if (i == 7) {
            assertEquals(null, reopened.get(key(i)), "the delete survives");
          } else {
            assertArrayEquals(values[i], reopened.get(key(i)), "seed " + seed + ", key " + i);
          }
        }
      }
    }
    // And a clean close cuts the log to its records.
    try (Stream<Path> files = Files.list(live)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        assertTrue(Files.size(log) % (1 << 20) != 0 || Files.size(log) == 0, log.toString());
      }
    }
  }

  private static byte[] key(int i) {
    return String.format("key%08d", i).getBytes(StandardCharsets.UTF_8);
  }

  private static Path copyWithoutLock(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals("LOCK")) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
    return to;
  }
}
