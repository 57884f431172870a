package dev.shale.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.DbException;
import dev.shale.engine.env.Env;
import dev.shale.engine.env.FileNames;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TableCacheTest {

  private static final int TABLES = 6;
  private static final TableOptions OPTIONS = TableOptions.defaults().withBlockBytes(256);

  @TempDir Path dir;
  private final List<TreeMap<InternalKey, byte[]>> models = new ArrayList<>();
  private final long[] sizes = new long[TABLES + 1];

  @BeforeEach
  void writeTables() throws IOException {
    Random r = new Random(11);
    models.add(null);
    for (int n = 1; n <= TABLES; n++) {
      TreeMap<InternalKey, byte[]> model = TableFixtures.randomEntries(r, 200);
      models.add(model);
      sizes[n] =
          TableFixtures.write(dir.resolve(FileNames.tableName(n)), model, List.of(), OPTIONS);
    }
  }

  @Test
  void pinnedBytesStayWithinTheirBound() throws IOException {
    long perTable;
    try (TableCache probe = new TableCache(Env.disk(), dir, 10, null, OPTIONS)) {
      perTable = probe.table(1, sizes[1]).pinnedBytes();
    }
    assertTrue(perTable > 0);
    // Room for two tables of about this size, not three.
    long bound = perTable * 5 / 2;
    Set<Table> handedOut = new HashSet<>();
    try (TableCache cache = new TableCache(Env.disk(), dir, 100, 0, bound, null, OPTIONS)) {
      for (int round = 0; round < 3; round++) {
        for (int n = 1; n <= TABLES; n++) {
          handedOut.add(cache.table(n, sizes[n]));
          long pinned = cache.pinnedBytes();
          assertTrue(pinned <= bound || cache.openTables() == 1, pinned + " > " + bound);
          assertTrue(cache.openTables() <= 3, cache.openTables() + " tables open");
          long expected = 0;
          for (Table t : handedOut) {
            expected += t.holdsOpenFile() ? t.pinnedBytes() : 0;
          }
          assertEquals(expected, pinned, "the running sum matches the open tables");
        }
      }
      for (Table t : handedOut) {
        int n = (int) t.fileNumber();
        assertEquals(TableFixtures.lines(models.get(n)), TableFixtures.forward(t.newIterator()));
      }
      cache.evict(TABLES);
      long expected = 0;
      for (Table t : handedOut) {
        expected += t.holdsOpenFile() ? t.pinnedBytes() : 0;
      }
      assertEquals(expected, cache.pinnedBytes(), "evict gives its bytes back");
    }
  }

  /**
   * Past the byte bound, tables open read in place: the pinned bytes stay within it, yet no table
   * is closed and reopened, and every table reads right.
   */
  @Test
  void pastTheByteBoundTablesAreReadInPlace() throws IOException {
    long perTable;
    try (TableCache probe = new TableCache(Env.disk(), dir, 10, null, OPTIONS)) {
      perTable = probe.table(1, sizes[1]).pinnedBytes();
    }
    long bound = perTable * 5 / 2;
    TableOptions mapped = OPTIONS.withMmapReads(true);
    try (TableCache cache = new TableCache(Env.disk(), dir, 100, 100, bound, null, mapped)) {
      List<Table> first = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (int n = 1; n <= TABLES; n++) {
          Table t = cache.table(n, sizes[n]);
          if (round == 0) {
            first.add(t);
          } else {
            assertSame(first.get(n - 1), t, "table " + n + " stayed open");
          }
          assertTrue(cache.pinnedBytes() <= bound, cache.pinnedBytes() + " > " + bound);
          assertEquals(TableFixtures.lines(models.get(n)), TableFixtures.forward(t.newIterator()));
        }
      }
      assertEquals(TABLES, cache.openTables());
      long inPlace = first.stream().filter(Table::metadataMapped).count();
      assertEquals(TABLES - 2, inPlace, "two fit the bound on the heap, the rest are in place");
      assertEquals(inPlace, cache.mappedTables());
      for (Table t : first) {
        assertEquals(!t.metadataMapped(), t.holdsOpenFile(), "in place, no file handle");
      }
    }
  }

  /**
   * Two tables with a file handle at most, then three in place; a seventh table closes the least
   * recently used table read in place, not one holding a handle.
   */
  @Test
  void tablesInPlaceHaveTheirOwnBound() throws IOException {
    TableOptions mapped = OPTIONS.withMmapReads(true);
    try (TableCache cache = new TableCache(Env.disk(), dir, 2, 3, Long.MAX_VALUE, null, mapped)) {
      List<Table> opened = new ArrayList<>();
      for (int n = 1; n <= 5; n++) {
        opened.add(cache.table(n, sizes[n]));
      }
      assertEquals(5, cache.openTables());
      assertEquals(3, cache.mappedTables());
      assertTrue(!opened.get(0).metadataMapped() && !opened.get(1).metadataMapped());
      assertSame(opened.get(2), cache.table(3, sizes[3])); // 4 is now the least recently used
      Table sixth = cache.table(6, sizes[6]);
      assertTrue(sixth.metadataMapped());
      assertEquals(5, cache.openTables());
      assertEquals(3, cache.mappedTables());
      assertTrue(!opened.get(3).isOpen(), "the least recently used in place closed");
      assertTrue(opened.get(0).isOpen() && opened.get(1).isOpen() && opened.get(2).isOpen());
      for (int n = 1; n <= TABLES; n++) {
        Table t = n <= 5 ? opened.get(n - 1) : sixth;
        assertEquals(TableFixtures.lines(models.get(n)), TableFixtures.forward(t.newIterator()));
      }
    }
  }

  @Test
  void aTableOverTheByteBoundAloneStillOpens() throws IOException {
    try (TableCache cache = new TableCache(Env.disk(), dir, 10, 0, 1, null, OPTIONS)) {
      for (int n = 1; n <= TABLES; n++) {
        Table t = cache.table(n, sizes[n]);
        assertEquals(1, cache.openTables());
        assertEquals(TableFixtures.lines(models.get(n)), TableFixtures.forward(t.newIterator()));
      }
    }
  }

  @Test
  void atMostMaxOpenFilesStayOpen() throws IOException {
    BlockCache blocks = new BlockCache(1 << 20);
    Set<Table> handedOut = new HashSet<>();
    try (TableCache cache = new TableCache(Env.disk(), dir, 2, blocks, OPTIONS)) {
      for (int round = 0; round < 3; round++) {
        for (int n = 1; n <= TABLES; n++) {
          Table t = cache.table(n, sizes[n]);
          assertEquals(n, t.fileNumber());
          assertEquals(dir.resolve(String.format("%06d.sst", n)), t.file());
          assertSame(t, cache.table(n, sizes[n]), "a cached table is handed out again");
          handedOut.add(t);
          assertTrue(cache.openTables() <= 2);
          long open = handedOut.stream().filter(Table::holdsOpenFile).count();
          assertTrue(open <= 2, open + " tables hold an open file");
        }
      }
      // A table closed by eviction still reads (one file open per read).
      for (Table t : handedOut) {
        int n = (int) t.fileNumber();
        assertEquals(TableFixtures.lines(models.get(n)), TableFixtures.forward(t.newIterator()));
      }
    }
    assertTrue(handedOut.stream().noneMatch(Table::holdsOpenFile), "close closes every table");
  }

  @Test
  void theLeastRecentlyUsedTableClosesFirst() throws IOException {
    try (TableCache cache = new TableCache(Env.disk(), dir, 2, null, OPTIONS)) {
      Table t1 = cache.table(1, sizes[1]);
      Table t2 = cache.table(2, sizes[2]);
      assertSame(t1, cache.table(1, sizes[1])); // 1 is now more recent than 2
      Table t3 = cache.table(3, sizes[3]);
      assertTrue(t1.holdsOpenFile());
      assertTrue(!t2.holdsOpenFile());
      assertTrue(t3.holdsOpenFile());
      assertEquals(2, cache.openTables());
      assertSame(t3, cache.table(3, sizes[3]));
      assertSame(t1, cache.table(1, sizes[1]));
    }
  }

  @Test
  void evictClosesTheTableAndDropsItsBlocks() throws IOException {
    BlockCache blocks = new BlockCache(1 << 20);
    try (TableCache cache = new TableCache(Env.disk(), dir, 10, blocks, OPTIONS)) {
      Table t = cache.table(3, sizes[3]);
      TableFixtures.forward(t.newIterator());
      assertTrue(blocks.usedBytes() > 0);
      cache.evict(3);
      assertEquals(0, cache.openTables());
      assertEquals(0, blocks.usedBytes());
      assertTrue(!t.holdsOpenFile());
    }
    TableCache closed = new TableCache(Env.disk(), dir, 10, blocks, OPTIONS);
    closed.close();
    DbException e = assertThrows(DbException.class, () -> closed.table(1, sizes[1]));
    assertEquals(DbException.Kind.CLOSED, e.kind());
  }

  @Test
  void concurrentReadersThroughASmallCache() throws Exception {
    long seed = TableFixtures.seed("concurrentReadersThroughASmallCache");
    BlockCache blocks = new BlockCache(8 * 1024);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (TableCache cache = new TableCache(Env.disk(), dir, 2, blocks, OPTIONS)) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        Random r = new Random(seed + w);
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 1500; i++) {
                    int n = 1 + r.nextInt(TABLES);
                    TreeMap<InternalKey, byte[]> model = models.get(n);
                    List<InternalKey> keys = new ArrayList<>(model.keySet());
                    InternalKey k = keys.get(r.nextInt(keys.size()));
                    Table t = cache.table(n, sizes[n]);
                    Map.Entry<InternalKey, byte[]> e = t.seek(k);
                    assertEquals(
                        TableFixtures.line(Map.entry(k, model.get(k))), TableFixtures.line(e));
                    if (i % 100 == 0) {
                      InternalIterator it = t.newIterator();
                      assertEquals(TableFixtures.lines(model), TableFixtures.forward(it));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      assertTrue(cache.openTables() <= 2);
      assertTrue(blocks.usedBytes() <= 8 * 1024);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anInterruptedReadFailsAloneAndTheTableRecovers() throws IOException {
    try (TableCache cache =
        new TableCache(Env.disk(), dir, 4, null, OPTIONS.withMmapReads(false))) {
      Table t = cache.table(1, sizes[1]);
      Thread.currentThread().interrupt();
      try {
        DbException e = assertThrows(DbException.class, () -> t.newIterator().seekToFirst());
        assertEquals(DbException.Kind.IO, e.kind());
      } finally {
        Thread.interrupted();
      }
      assertEquals(TableFixtures.lines(models.get(1)), TableFixtures.forward(t.newIterator()));
      assertTrue(t.holdsOpenFile());
    }
  }

  @Test
  void readsFromTheMappingIgnoreInterrupts() throws IOException {
    try (TableCache cache = new TableCache(Env.disk(), dir, 4, null, OPTIONS.withMmapReads(true))) {
      Table t = cache.table(1, sizes[1]);
      assertTrue(t.holdsMapping());
      Thread.currentThread().interrupt();
      try {
        assertEquals(TableFixtures.lines(models.get(1)), TableFixtures.forward(t.newIterator()));
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is left for the caller");
      } finally {
        Thread.interrupted();
      }
      assertTrue(t.holdsOpenFile());
    }
  }

  @Test
  void mappedTablesReadTheSameWithAndWithoutChecksums() throws IOException {
    for (TableOptions o :
        List.of(
            OPTIONS.withMmapReads(true), OPTIONS.withMmapReads(true).withVerifyChecksums(false))) {
      try (TableCache cache = new TableCache(Env.disk(), dir, 2, new BlockCache(4096), o)) {
        for (int n = 1; n <= TABLES; n++) {
          Table t = cache.table(n, sizes[n]);
          assertEquals(TableFixtures.lines(models.get(n)), TableFixtures.forward(t.newIterator()));
          for (Map.Entry<InternalKey, byte[]> e : models.get(n).entrySet()) {
            assertEquals(TableFixtures.line(e), TableFixtures.line(t.seek(e.getKey())));
          }
        }
      }
    }
  }

  @Test
  void aFileCutShortUnderPositionalReadsIsCorruption() throws IOException {
    Path copy = dir.resolve(FileNames.tableName(99));
    Files.copy(dir.resolve(FileNames.tableName(1)), copy);
    try (TableCache cache =
        new TableCache(Env.disk(), dir, 4, null, OPTIONS.withMmapReads(false))) {
      Table t = cache.table(99, sizes[1]);
      try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
        ch.truncate(10);
      }
      DbException e = assertThrows(DbException.class, () -> t.newIterator().seekToLast());
      assertEquals(DbException.Kind.CORRUPTION, e.kind());
    }
  }

  /**
   * A file cut short under its mapping (SIGBUS) fails the read: a CORRUPTION, or the JVM's
   * InternalError, which compiled code raises at some later point of the same thread. Never a
   * crash, never wrong data.
   */
  @Test
  void aMappedFileCutShortFailsWithoutCrashing() throws Exception {
    Path copy = dir.resolve(FileNames.tableName(99));
    Files.copy(dir.resolve(FileNames.tableName(1)), copy);
    try (TableCache cache = new TableCache(Env.disk(), dir, 4, null, OPTIONS.withMmapReads(true))) {
      Table t = cache.table(99, sizes[1]);
      assertEquals(TableFixtures.lines(models.get(1)), TableFixtures.forward(t.newIterator()));
      try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
        ch.truncate(10);
      }
      assertFailsCleanly(
          () -> {
            List<String> read = TableFixtures.forward(t.newIterator());
            throw new AssertionError("read a cut file: " + read.size() + " entries");
          });
    }
  }

  /** As above, with the index and filter read in place: their probes fault, and fail cleanly. */
  @Test
  void aFileCutShortUnderItsIndexReadInPlaceFailsWithoutCrashing() throws Exception {
    Path copy = dir.resolve(FileNames.tableName(98));
    Files.copy(dir.resolve(FileNames.tableName(2)), copy);
    TableOptions mapped = OPTIONS.withMmapReads(true);
    try (TableCache cache = new TableCache(Env.disk(), dir, 4, 4, 0, null, mapped)) {
      Table t = cache.table(98, sizes[2]);
      assertTrue(t.metadataMapped());
      List<InternalKey> keys = new ArrayList<>(models.get(2).keySet());
      assertEquals(
          TableFixtures.line(Map.entry(keys.get(0), models.get(2).get(keys.get(0)))),
          TableFixtures.line(t.seek(keys.get(0))));
      try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
        ch.truncate(10);
      }
      assertFailsCleanly(
          () -> {
            for (InternalKey k : keys) {
              t.mayContain(k.userKey());
              t.seek(k);
            }
            throw new AssertionError("read a cut file");
          });
    }
  }

  /**
   * Runs {@code read} of a file cut short under its mapping on a thread of its own, then work that
   * lets an error raised late by compiled code surface there: the first failure must be the
   * SIGBUS's InternalError or a corruption report.
   */
  private static void assertFailsCleanly(Runnable read) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                try {
                  read.run();
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
                long sum = 0;
                for (int i = 0; i < 1000; i++) {
                  sum += new byte[4096 + i].length + String.valueOf(i).length();
                }
                assertTrue(sum > 0);
              } catch (Throwable e) {
                failure.compareAndSet(null, e);
              }
            });
    reader.start();
    reader.join();
    Throwable first = failure.get();
    assertTrue(
        first instanceof InternalError
            || (first instanceof DbException d && d.kind() == DbException.Kind.CORRUPTION),
        "failed with " + first);
  }

  @Test
  void closingWhileOthersReadReleasesTheMappingSafely() throws Exception {
    long seed = TableFixtures.seed("closingWhileOthersReadReleasesTheMappingSafely");
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 20; round++) {
        // No block cache: every read copies from the mapping (or, once closed, opens the file).
        // Odd rounds read index and filter in place too: the probes register like the copies.
        boolean inPlace = round % 2 == 1;
        TableCache cache =
            new TableCache(
                Env.disk(),
                dir,
                10,
                10,
                inPlace ? 0 : Long.MAX_VALUE,
                null,
                OPTIONS.withMmapReads(true));
        int n = 1 + round % TABLES;
        Table t = cache.table(n, sizes[n]);
        assertEquals(inPlace, t.metadataMapped());
        List<InternalKey> keys = new ArrayList<>(models.get(n).keySet());
        CountDownLatch started = new CountDownLatch(2);
        List<Future<?>> readers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          Random r = new Random(seed + 31L * round + w);
          readers.add(
              pool.submit(
                  () -> {
                    started.countDown();
                    for (int i = 0; i < 300; i++) {
                      InternalKey k = keys.get(r.nextInt(keys.size()));
                      assertTrue(t.mayContain(k.userKey()), "no false negative for " + k);
                      assertEquals(
                          TableFixtures.line(Map.entry(k, models.get(n).get(k))),
                          TableFixtures.line(t.seek(k)));
                    }
                    return null;
                  }));
        }
        started.await();
        cache.close(); // closes t while the readers go on
        for (Future<?> f : readers) {
          f.get();
        }
        assertTrue(!t.holdsOpenFile());
        assertTrue(!t.holdsMapping(), "the last reader released the mapping");
        assertEquals(TableFixtures.lines(models.get(n)), TableFixtures.forward(t.newIterator()));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
