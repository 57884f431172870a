package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsTest {

  private static final byte[] OK_KEY = b("ok");
  private static final byte[] OK_VALUE = b("fine");

  @TempDir Path dir;

  @Test
  void keysMustBeOneTo4096Bytes() throws IOException {
    assertRejected(
        new WriteBatch().put(OK_KEY, OK_VALUE).put(new byte[4097], OK_VALUE),
        "key is 4097 bytes; keys must be 1..4096 bytes");
    assertRejected(
        new WriteBatch().put(OK_KEY, OK_VALUE).put(new byte[0], OK_VALUE),
        "key is 0 bytes; keys must be 1..4096 bytes");
    assertRejected(
        new WriteBatch().put(OK_KEY, OK_VALUE).delete(new byte[4097]),
        "key is 4097 bytes; keys must be 1..4096 bytes");
  }

  @Test
  void valuesMustBeAtMost16MiB() throws IOException {
    assertRejected(
        new WriteBatch().put(OK_KEY, OK_VALUE).put(b("big"), new byte[(16 << 20) + 1]),
        "value is 16777217 bytes; values must be at most 16777216 bytes");
  }

  @Test
  void theLimitsFollowTheOptions() {
    try (Db db = Db.openInMemory(Options.defaults().withMaxKeyBytes(8).withMaxValueBytes(3))) {
      DbException key = assertThrows(DbException.class, () -> db.put(new byte[9], new byte[0]));
      assertEquals("key is 9 bytes; keys must be 1..8 bytes", key.getMessage());
      DbException value = assertThrows(DbException.class, () -> db.put(OK_KEY, new byte[4]));
      assertEquals("value is 4 bytes; values must be at most 3 bytes", value.getMessage());
      db.put(new byte[8], new byte[3]);
    }
  }

  @Test
  void theLargestKeyAndValueAreAccepted() {
    byte[] key = new byte[4096];
    byte[] value = new byte[16 << 20];
    key[0] = 1;
    value[value.length - 1] = 7;
    try (Db db = Db.open(dir, Options.defaults())) {
      db.put(key, value);
    }
    try (Db db = Db.open(dir, Options.defaults())) {
      assertArrayEquals(value, db.get(key));
    }
  }

  /** The batch fails as a whole: none of its ops is visible, logged or given a sequence. */
  private void assertRejected(WriteBatch batch, String message) throws IOException {
    try (Db db = Db.open(dir, Options.defaults())) {
      long sequence = db.getSnapshot().sequence();
      long logBytes = logBytes();

      DbException e = assertThrows(DbException.class, () -> db.write(batch));

      assertEquals(DbException.Kind.INVALID_ARGUMENT, e.kind());
      assertEquals(message, e.getMessage());
      assertNull(db.get(OK_KEY), "the valid op of the batch is not applied");
      assertEquals(sequence, db.getSnapshot().sequence(), "no sequence was used");
      assertEquals(logBytes, logBytes(), "nothing reached the log");
    }
    try (Db db = Db.open(dir, Options.defaults())) {
      assertNull(db.get(OK_KEY), "nor does it appear after reopening");
    }
  }

  private long logBytes() throws IOException {
    try (var files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".log"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
