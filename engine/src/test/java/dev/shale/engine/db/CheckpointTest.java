package dev.shale.engine.db;

import static dev.shale.engine.db.CompactRangeTest.b;
import static dev.shale.engine.db.CompactRangeTest.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.CheckpointReport;
import dev.shale.engine.Db;
import dev.shale.engine.DbException;
import dev.shale.engine.DbIterator;
import dev.shale.engine.Ingest;
import dev.shale.engine.Options;
import dev.shale.engine.ReadOptions;
import dev.shale.engine.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Db#checkpoint}: taken while writers run, it opens as the source's state at its moment,
 * compared key by key with a snapshot taken at that same moment.
 */
class CheckpointTest {

  @TempDir Path dir;

  private static Options options(boolean sync) {
    return Options.defaults()
        .withSync(sync)
        .withWriteBufferBytes(64 << 10)
        .withTargetFileBytes(32 << 10)
        .withMaxBytesForLevelBase(256 << 10)
        .withL0Triggers(4, 20, 30);
  }

  @Test
  void aCheckpointTakenWhileWritersRunHoldsExactlyItsMoment() throws Exception {
    long seed = System.nanoTime();
    System.out.println("CheckpointTest seed " + seed);
    Path source = dir.resolve("source");
    Path target = dir.resolve("backup");
    Db db = Db.open(source, options(false));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      Random r = new Random(seed + w);
      int id = w;
      Thread t =
          new Thread(
              () -> {
                try {
                  for (int n = 0; !stop.get(); n++) {
                    int k = r.nextInt(5000);
                    switch (r.nextInt(10)) {
                      case 0 -> db.delete(b(key(k)));
                      case 1 -> db.deleteRange(b(key(k)), b(key(k + r.nextInt(20))));
                      default ->
                          db.put(b(key(k)), b("w" + id + "-" + n + "x".repeat(r.nextInt(80))));
                    }
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      writers.add(t);
      t.start();
    }
    Thread.sleep(300); // flushes and compactions under way
    Checkpoint.Made made = ((DbImpl) db).checkpoint(target, true);
    List<String[]> atMoment;
    try (Snapshot s = made.snapshot()) {
      atMoment = scan(db, ReadOptions.DEFAULT.withSnapshot(s));
    }
    CheckpointReport report = made.report();
    assertTrue(report.tablesLinked() > 0, "tables hard-linked: " + report);
    assertEquals(0, report.tablesCopied());
    assertTrue(atMoment.size() > 100, "data at the moment: " + atMoment.size());
    try (Db backup = Db.open(target, options(false))) { // while the source is open
      assertSameRows(atMoment, scan(backup, ReadOptions.DEFAULT));
      for (String[] row : atMoment) {
        assertArrayEquals(b(row[1]), backup.get(b(row[0])));
      }
    }
    Thread.sleep(200);
    stop.set(true);
    for (Thread t : writers) {
      t.join();
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    db.flush();
    db.compactRange(null, null); // the source's tables at the moment are gone from it now
    db.close();
    try (Db backup = Db.open(target, options(false))) {
      assertSameRows(atMoment, scan(backup, ReadOptions.DEFAULT));
      backup.put(b("new"), b("write")); // a database of its own
      assertArrayEquals(b("write"), backup.get(b("new")));
    }
  }

  @Test
  void aCheckpointHoldsIngestedRowsAndUnflushedWritesWithSync() throws Exception {
    Path target = dir.resolve("backup");
    try (Db db = Db.open(dir.resolve("source"), options(true))) {
      for (int i = 0; i < 3000; i++) {
        db.put(b(key(i)), b("v" + i));
      }
      try (Ingest in = db.newIngest()) {
        for (int i = 10_000; i < 11_000; i++) {
          in.add(b(key(i)), b("i" + i));
        }
        in.commit();
      }
      db.put(b("unflushed"), b("in the log"));
      CheckpointReport r = db.checkpoint(target);
      db.put(b("after"), b("not in it"));
      assertTrue(r.bytesCopied() > 0, r.toString());
      try (Db backup = Db.open(target, options(true))) {
        assertArrayEquals(b("in the log"), backup.get(b("unflushed")));
        assertArrayEquals(b("i10500"), backup.get(b(key(10_500))));
        assertArrayEquals(b("v42"), backup.get(b(key(42))));
        assertEquals(null, backup.get(b("after")));
        assertEquals(3000 + 1000 + 1, scan(backup, ReadOptions.DEFAULT).size());
      }
    }
  }

  @Test
  void anExistingTargetIsRefused() throws Exception {
    Path target = Files.createDirectory(dir.resolve("there"));
    try (Db db = Db.open(dir.resolve("source"), options(false))) {
      db.put(b("k"), b("v"));
      DbException e = assertThrows(DbException.class, () -> db.checkpoint(target));
      assertEquals(DbException.Kind.INVALID_ARGUMENT, e.kind());
      assertTrue(e.getMessage().contains("exists"), e.getMessage());
      db.put(b("k2"), b("v")); // writes go on
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(2, s.count(), "no temporary directory left");
    }
  }

  @Test
  void anInMemoryDatabaseIsCheckpointedToDisk() {
    Path target = dir.resolve("from-memory");
    try (Db db = Db.openInMemory(options(false))) {
      for (int i = 0; i < 3000; i++) {
        db.put(b(key(i)), b("m" + i));
      }
      db.flush();
      db.put(b("last"), b("one"));
      CheckpointReport r = db.checkpoint(target);
      assertEquals(0, r.tablesLinked());
      assertTrue(r.tablesCopied() > 0);
    }
    try (Db backup = Db.open(target, options(false))) {
      assertArrayEquals(b("m2999"), backup.get(b(key(2999))));
      assertArrayEquals(b("one"), backup.get(b("last")));
    }
  }

  private static List<String[]> scan(Db db, ReadOptions options) {
    List<String[]> rows = new ArrayList<>();
    try (DbIterator it = db.newIterator(options)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        rows.add(new String[] {new String(it.key()), new String(it.value())});
      }
    }
    return rows;
  }

  private static void assertSameRows(List<String[]> expected, List<String[]> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      assertEquals(expected.get(i)[0], actual.get(i)[0], "key at row " + i);
      assertEquals(expected.get(i)[1], actual.get(i)[1], "value of " + expected.get(i)[0]);
    }
    assertEquals(expected.size(), actual.size(), "no more rows, no fewer");
    assertFalse(expected.isEmpty());
  }
}
