package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Db#writeIfUnchanged}: first committer wins, wherever the newer write lives. */
class ConflictCheckTest {

  private Db db;

  @BeforeEach
  void open() {
    db = Db.openInMemory(Options.defaults().withWriteBufferBytes(64 << 10));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aKeyWrittenAfterTheSnapshotFailsTheWriteAndNothingOfItLands() {
    db.put(b("k"), b("1"));
    try (Snapshot s = db.getSnapshot()) {
      db.put(b("k"), b("2"));
      WriteBatch batch = new WriteBatch().put(b("other"), b("x")).put(b("k"), b("3"));
      DbException e = assertThrows(DbException.class, () -> db.writeIfUnchanged(batch, s, false));
      assertEquals(DbException.Kind.CONFLICT, e.kind());
      assertTrue(e.getMessage().contains("key 'k'"), e.getMessage());
    }
    assertArrayEquals(b("2"), db.get(b("k")));
    assertNull(db.get(b("other")), "the batch applies wholly or not at all");
    db.put(b("after"), b("ok")); // a conflict is not a failure of the database
  }

  @Test
  void writesToOtherKeysOrBeforeTheSnapshotDoNotConflict() {
    db.put(b("k"), b("1"));
    try (Snapshot s = db.getSnapshot()) {
      db.put(b("j"), b("x"));
      db.put(b("k\0"), b("x")); // the key's successor is not the key
      db.writeIfUnchanged(new WriteBatch().put(b("k"), b("2")).delete(b("l")), s, false);
    }
    assertArrayEquals(b("2"), db.get(b("k")));
  }

  @Test
  void aDeletionAfterTheSnapshotConflictsLikeAPut() {
    db.put(b("k"), b("1"));
    try (Snapshot s = db.getSnapshot()) {
      db.delete(b("k"));
      assertConflict(new WriteBatch().put(b("k"), b("2")), s);
    }
    assertNull(db.get(b("k")));
  }

  @Test
  void aRangeDeletionConflictsWithAnyKeyWrittenInItsRange() {
    db.put(b("a"), b("1"));
    try (Snapshot s = db.getSnapshot()) {
      db.put(b("c"), b("new")); // not there at the snapshot: a phantom in the range
      assertConflict(new WriteBatch().deleteRange(b("b"), b("d")), s);
      db.writeIfUnchanged(new WriteBatch().deleteRange(b("d"), b("z")), s, false);
    }
    assertArrayEquals(b("new"), db.get(b("c")));
  }

  @Test
  void aLaterRangeDeletionConflictsWithAKeyItCovers() {
    db.put(b("m"), b("1"));
    try (Snapshot s = db.getSnapshot()) {
      db.deleteRange(b("a"), b("z"));
      assertConflict(new WriteBatch().put(b("m"), b("2")), s);
      assertConflict(new WriteBatch().deleteRange(b("y"), b("zz")), s);
      db.writeIfUnchanged(new WriteBatch().put(b("z"), b("2")), s, false);
    }
    assertNull(db.get(b("m")));
  }

  @Test
  void aNewerWriteIsFoundAfterFlushAndCompaction() {
    db.put(b("k"), b("1"));
    try (Snapshot s = db.getSnapshot()) {
      db.put(b("k"), b("2"));
      db.flush();
      for (int round = 0; round < 8; round++) {
        for (int i = 0; i < 2000; i++) {
          db.put(b("fill" + i), new byte[64]);
        }
        db.flush();
      }
      assertTrue(db.stats().get(Stats.Counter.COMPACTIONS) > 0, "compactions ran");
      assertConflict(new WriteBatch().put(b("k"), b("3")), s);
    }
    assertArrayEquals(b("2"), db.get(b("k")));
  }

  /** Read-increment-write from many threads: every success is counted, none is lost. */
  @Test
  void concurrentIncrementsLoseNoUpdate() throws Exception {
    db.put(b("counter"), b("0"));
    int threads = 6;
    int perThread = 150;
    AtomicInteger conflicts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; ) {
                    try (Snapshot s = db.getSnapshot()) {
                      byte[] v = db.get(ReadOptions.DEFAULT.withSnapshot(s), b("counter"));
                      int n = Integer.parseInt(new String(v, StandardCharsets.UTF_8));
                      db.writeIfUnchanged(
                          new WriteBatch().put(b("counter"), b(Integer.toString(n + 1))), s, false);
                      i++;
                    } catch (DbException e) {
                      assertEquals(DbException.Kind.CONFLICT, e.kind(), e.getMessage());
                      conflicts.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        Integer.toString(threads * perThread),
        new String(db.get(b("counter")), StandardCharsets.UTF_8),
        "every committed increment counted (" + conflicts + " conflicts retried)");
  }

  private void assertConflict(WriteBatch batch, Snapshot s) {
    DbException e = assertThrows(DbException.class, () -> db.writeIfUnchanged(batch, s, false));
    assertEquals(DbException.Kind.CONFLICT, e.kind(), e.getMessage());
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
