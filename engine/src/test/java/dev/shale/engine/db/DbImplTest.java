package dev.shale.engine.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Db;
import dev.shale.engine.DbException;
import dev.shale.engine.DbIterator;
import dev.shale.engine.Options;
import dev.shale.engine.ReadOptions;
import dev.shale.engine.Snapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbImplTest {

  @TempDir Path dir;

  @Test
  void afterAFailedLogWriteTheDatabaseRefusesWritesUntilReopened() throws Exception {
    Db db = Db.open(dir, Options.defaults());
    db.put(b("before"), b("1"));
    ((DbImpl) db).log().close(); // the next append fails with "Stream Closed"

    DbException failed = assertThrows(DbException.class, () -> db.put(b("lost"), b("2")));
    assertEquals(DbException.Kind.IO, failed.kind());
    DbException refused = assertThrows(DbException.class, () -> db.put(b("later"), b("3")));
    assertEquals(DbException.Kind.IO, refused.kind());
    assertTrue(refused.getMessage().contains("reopen"), refused.getMessage());
    assertArrayEquals(b("1"), db.get(b("before")), "reads still work");
    assertNull(db.get(b("lost")), "a failed write is not visible");
    db.close();

    try (Db reopened = Db.open(dir, Options.defaults())) {
      assertArrayEquals(b("1"), reopened.get(b("before")));
      assertNull(reopened.get(b("lost")));
      reopened.put(b("later"), b("3"));
      assertArrayEquals(b("3"), reopened.get(b("later")));
    }
  }

  @Test
  void closeIsIdempotentAndLaterCallsFailClosed() {
    Db db = Db.open(dir, Options.defaults());
    db.put(b("k"), b("v"));
    DbIterator it = db.newIterator(ReadOptions.DEFAULT);
    db.close();
    db.close();

    assertEquals(
        DbException.Kind.CLOSED, assertThrows(DbException.class, () -> db.get(b("k"))).kind());
    assertEquals(
        DbException.Kind.CLOSED,
        assertThrows(DbException.class, () -> db.put(b("k"), b("w"))).kind());
    assertEquals(DbException.Kind.CLOSED, assertThrows(DbException.class, db::getSnapshot).kind());
    assertEquals(DbException.Kind.CLOSED, assertThrows(DbException.class, it::seekToFirst).kind());
    it.close();
  }

  @Test
  void snapshotsAndIteratorsAreTrackedUntilClosed() {
    try (Db db = Db.openInMemory(Options.defaults())) {
      DbImpl impl = (DbImpl) db;
      db.put(b("a"), b("1"));
      Snapshot s1 = db.getSnapshot();
      db.put(b("a"), b("2"));
      DbIterator it = db.newIterator(ReadOptions.DEFAULT);
      db.put(b("a"), b("3"));
      assertEquals(s1.sequence(), impl.oldestLiveSequence());
      s1.close();
      s1.close();
      assertEquals(2, impl.oldestLiveSequence(), "the iterator pins its sequence");
      it.close();
      assertEquals(3, impl.oldestLiveSequence(), "nothing open: the last sequence");

      DbException e =
          assertThrows(
              DbException.class, () -> db.get(ReadOptions.DEFAULT.withSnapshot(s1), b("a")));
      assertEquals(DbException.Kind.INVALID_ARGUMENT, e.kind());
    }
  }

  @Test
  void openMovesTheLogsIntoATableAndKeepsOneLog() throws Exception {
    try (Db db = Db.open(dir, Options.defaults())) {
      db.put(b("a"), b("1"));
      db.delete(b("a"));
      db.put(b("b"), b("2"));
    }
    long sequence;
    try (Db db = Db.open(dir, Options.defaults())) {
      sequence = db.getSnapshot().sequence();
    }
    try (Db db = Db.open(dir, Options.defaults());
        Stream<Path> files = Files.list(dir)) {
      String names = String.join(" ", files.map(p -> p.getFileName().toString()).sorted().toList());
      assertTrue(names.matches("(\\d{6}\\.sst )+\\d{6}\\.log CURRENT LOCK MANIFEST-\\d{6}"), names);
      assertArrayEquals(b("2"), db.get(b("b")));
      assertNull(db.get(b("a")));
      assertTrue(db.getSnapshot().sequence() >= sequence, "the last sequence never goes backwards");
    }
  }

  @Test
  void aWriteWithRoomInTheMemtableDoesNotWaitForTheMutexTheBackgroundWorkTakes() throws Exception {
    try (Db db = Db.openInMemory(Options.defaults())) {
      DbImpl impl = (DbImpl) db;
      db.put(b("a"), b("1"));
      ExecutorService writer =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "writer");
                t.setDaemon(true); // a write stuck on the mutex fails the test, not the build
                return t;
              });
      impl.mutex().lock(); // as the background thread does to install a flush
      try {
        Future<?> put = writer.submit(() -> db.put(b("b"), b("2")));
        put.get(10, TimeUnit.SECONDS);
      } finally {
        impl.mutex().unlock();
        writer.shutdownNow();
      }
      assertArrayEquals(b("2"), db.get(b("b")));
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
