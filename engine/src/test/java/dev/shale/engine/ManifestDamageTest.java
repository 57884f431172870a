package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to the MANIFEST or CURRENT fails the open with a corruption naming the file, and deletes
 * nothing: not the tables a damaged manifest no longer lists, not the logs. Only a torn last edit,
 * which a crash can leave, is dropped, and only when the directory shows that the edit was never
 * acted on.
 */
class ManifestDamageTest {

  @TempDir Path dir;

  private final Options options =
      Options.defaults().withSync(false).withL0Triggers(100, 200, 300); // tables stay in level 0

  private Map<String, byte[]> files;
  private Path manifest;

  /** A database of five tables, one flush each: a manifest of several edits. */
  @BeforeEach
  void write() throws IOException {
    try (Db db = Db.open(dir, options)) {
      for (int table = 0; table < 5; table++) {
        for (int i = 0; i < 100; i++) {
          db.put(key(table * 100 + i), ("v" + table).getBytes(StandardCharsets.UTF_8));
        }
        db.flush();
      }
    }
    files = snapshot();
    String name = new String(files.get("CURRENT"), StandardCharsets.UTF_8).strip();
    manifest = dir.resolve(name);
  }

  @Test
  void aFlippedByteInAnyEditFailsTheOpenAndDeletesNothing() throws IOException {
    List<Long> starts = recordStarts();
    assertTrue(starts.size() >= 6, "edits: " + starts.size());
    byte[] clean = files.get(manifest.getFileName().toString());
    for (int r = 0; r < starts.size(); r++) {
      long at = starts.get(r) + 7 + 1; // a payload byte of edit r
      byte[] damaged = clean.clone();
      damaged[(int) at] ^= 0x04;
      Files.write(manifest, damaged);
      String what = "edit " + r + " of " + starts.size() + ", byte " + at;
      DbException e = assertThrows(DbException.class, () -> Db.open(dir, options).close(), what);
      assertEquals(DbException.Kind.CORRUPTION, e.kind(), what + ": " + e);
      assertTrue(e.getMessage().contains(manifest.toString()), what + ": " + e.getMessage());
      Map<String, byte[]> after = snapshot();
      after.put(manifest.getFileName().toString(), clean);
      assertSameFiles(files, after, what);
    }
    Files.write(manifest, clean);
    try (Db db = Db.open(dir, options)) {
      assertArrayEquals("v4".getBytes(StandardCharsets.UTF_8), db.get(key(499)));
      assertArrayEquals("v0".getBytes(StandardCharsets.UTF_8), db.get(key(0)));
    }
  }

  @Test
  void aCurrentFileThatIsNotTextIsCorruptionNamingIt() throws IOException {
    Path current = dir.resolve("CURRENT");
    Files.write(current, new byte[] {(byte) 0xff, (byte) 0xfe, 'M', '\n'});
    DbException e = assertThrows(DbException.class, () -> Db.open(dir, options).close());
    assertEquals(DbException.Kind.CORRUPTION, e.kind(), e.toString());
    assertTrue(e.getMessage().contains(current.toString()), e.getMessage());
    assertEquals(files.keySet(), snapshot().keySet());
  }

  /** The offset of each record of the manifest. */
  private List<Long> recordStarts() throws IOException {
    List<Long> starts = new ArrayList<>();
    try (LogReader reader = LogReader.open(Env.disk(), manifest, false)) {
      while (reader.readRecord() != null) {
        starts.add(reader.lastRecordOffset());
      }
    }
    return starts;
  }

  private Map<String, byte[]> snapshot() throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.toList()) {
        out.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return out;
  }

  private static void assertSameFiles(
      Map<String, byte[]> want, Map<String, byte[]> got, String what) {
    assertEquals(want.keySet(), got.keySet(), what + ": the files of the directory");
    for (Map.Entry<String, byte[]> f : want.entrySet()) {
      assertArrayEquals(f.getValue(), got.get(f.getKey()), what + ": " + f.getKey());
    }
  }

  private static byte[] key(int i) {
    return String.format("key%06d", i).getBytes(StandardCharsets.UTF_8);
  }
}
