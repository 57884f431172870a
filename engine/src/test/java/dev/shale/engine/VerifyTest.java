package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Db#verify} reads every block of every table from its file, past the block cache. */
class VerifyTest {

  @TempDir Path dir;

  @Test
  void verifyReadsEveryTableWholeAndNamesADamagedOneEvenWhenItsBlocksAreCached()
      throws IOException {
    Options options = Options.defaults().withSync(false).withL0Triggers(100, 200, 300);
    try (Db db = Db.open(dir, options)) {
      for (int t = 0; t < 3; t++) {
        for (int i = 0; i < 200; i++) {
          db.put(key(t * 200 + i), ("value " + i).getBytes(StandardCharsets.UTF_8));
        }
        db.flush();
      }
      VerifyReport report = db.verify();
      assertEquals(3, report.tables());
      assertEquals(600, report.entries());

      for (int i = 0; i < 600; i++) {
        db.get(key(i)); // every data block into the block cache
      }
      Path victim;
      try (Stream<Path> files = Files.list(dir)) {
        List<Path> tables = files.filter(f -> f.toString().endsWith(".sst")).sorted().toList();
        victim = tables.get(1);
      }
      try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
        f.seek(50);
        int b = f.read();
        f.seek(50);
        f.write(b ^ 0x02);
      }
      DbException e = assertThrows(DbException.class, db::verify);
      assertEquals(DbException.Kind.CORRUPTION, e.kind(), e.toString());
      assertTrue(e.getMessage().contains(victim.toString()), e.getMessage());
    }
  }

  private static byte[] key(int i) {
    return String.format("key%06d", i).getBytes(StandardCharsets.UTF_8);
  }
}
