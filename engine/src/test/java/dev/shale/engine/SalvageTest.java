package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.env.Env;
import dev.shale.engine.wal.LogReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that refuses to open because of damage opens again after {@link Db#salvage}, with
 * every readable record, and the report names exactly what was lost.
 */
class SalvageTest {

  @TempDir Path dir;

  private final Options options = Options.defaults().withSync(false).withL0Triggers(100, 200, 300);

  /**
   * Five tables of 100 keys each (table t: keys t*100..), then 50 single-put batches in the log.
   */
  @BeforeEach
  void write() {
    try (Db db = Db.open(dir, options)) {
      for (int t = 0; t < 5; t++) {
        for (int i = 0; i < 100; i++) {
          db.put(key(t * 100 + i), value(t * 100 + i));
        }
        db.flush();
      }
      for (int i = 500; i < 550; i++) {
        db.put(key(i), value(i));
      }
      db.delete(key(7)); // in the log, over a table's key
    }
  }

  @Test
  void aDamagedLogRecordLosesThatBatchOnly() throws IOException {
    Path log = only(".log");
    List<Long> starts = recordStarts(log);
    assertEquals(51, starts.size());
    byte[] bytes = Files.readAllBytes(log);
    int damaged = 20; // the put of key 520
    bytes[(int) (starts.get(damaged) + 9)] ^= 0x01;
    Files.write(log, bytes);
    assertEquals(
        DbException.Kind.CORRUPTION,
        assertThrows(DbException.class, () -> Db.open(dir, options).close()).kind());

    SalvageReport report = Db.salvage(dir, options);

    assertEquals(5, report.tablesKept());
    assertEquals(50, report.logRecordsKept());
    assertEquals(1, report.losses().size(), report.losses().toString());
    assertTrue(
        report.losses().get(0).contains("bytes " + starts.get(damaged) + ".."),
        report.losses().toString());
    assertTrue(Files.exists(report.setAside().resolve(log.getFileName())), "old log kept");
    try (Db db = Db.open(dir, options)) {
      for (int i = 0; i < 550; i++) {
        byte[] want = i == 520 || i == 7 ? null : value(i);
        assertArrayEquals(want, db.get(key(i)), "key " + i);
      }
    }
  }

  @Test
  void aDamagedManifestLosesNothing() throws IOException {
    Path manifest = only("MANIFEST");
    byte[] bytes = Files.readAllBytes(manifest);
    bytes[10] ^= 0x20; // the first edit: the whole state
    Files.write(manifest, bytes);
    assertThrows(DbException.class, () -> Db.open(dir, options).close());

    SalvageReport report = Db.salvage(dir, options);

    assertTrue(report.complete(), report.losses().toString());
    try (Db db = Db.open(dir, options)) {
      for (int i = 0; i < 550; i++) {
        assertArrayEquals(i == 7 ? null : value(i), db.get(key(i)), "key " + i);
      }
      db.put(key(1000), value(1000));
    }
    try (Db db = Db.open(dir, options)) {
      assertArrayEquals(value(1000), db.get(key(1000)), "writes after a salvage survive");
      assertNull(db.get(key(7)));
    }
  }

  @Test
  void aTableThatDoesNotReadWholeIsSetAsideAndNamed() throws IOException {
    List<Path> tables = all(".sst");
    Path victim = tables.get(2);
    byte[] bytes = Files.readAllBytes(victim);
    bytes[100] ^= 0x10; // in its first data block
    Files.write(victim, bytes);

    SalvageReport report = Db.salvage(dir, options);

    assertEquals(4, report.tablesKept());
    assertEquals(1, report.losses().size(), report.losses().toString());
    assertTrue(
        report.losses().get(0).contains("table " + victim.getFileName()), report.losses().get(0));
    try (Db db = Db.open(dir, options)) {
      int missing = 0;
      for (int i = 0; i < 550; i++) {
        byte[] got = db.get(key(i));
        if (got == null) {
          missing++;
        } else {
          assertArrayEquals(value(i), got, "key " + i + ": no other value than its own");
        }
      }
      assertEquals(100 + 1, missing, "the set-aside table's keys, and the deleted one");
    }
  }

  private Path only(String suffix) throws IOException {
    List<Path> found = all(suffix);
    assertEquals(1, found.size(), suffix + ": " + found);
    return found.get(0);
  }

  private List<Path> all(String part) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().contains(part)).sorted().toList();
    }
  }

  private static List<Long> recordStarts(Path log) throws IOException {
    List<Long> starts = new ArrayList<>();
    try (LogReader reader = LogReader.open(Env.disk(), log, false)) {
      while (reader.readRecord() != null) {
        starts.add(reader.lastRecordOffset());
      }
    }
    return starts;
  }

  private static byte[] key(int i) {
    return String.format("key%06d", i).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(int i) {
    return ("value-" + i).getBytes(StandardCharsets.UTF_8);
  }
}
