package dev.shale.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.DbException;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TableCacheTest {

  private static final int TABLES = 6;
  private static final TableOptions OPTIONS = TableOptions.defaults().withBlockSize(256);

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
          TableFixtures.write(dir.resolve(TableCache.fileName(n)), model, List.of(), OPTIONS);
    }
  }

  @Test
  void atMostMaxOpenFilesStayOpen() throws IOException {
    BlockCache blocks = new BlockCache(1 << 20);
    Set<Table> handedOut = new HashSet<>();
    try (TableCache cache = new TableCache(dir, 2, blocks, OPTIONS)) {
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
  void evictClosesTheTableAndDropsItsBlocks() throws IOException {
    BlockCache blocks = new BlockCache(1 << 20);
    try (TableCache cache = new TableCache(dir, 10, blocks, OPTIONS)) {
      Table t = cache.table(3, sizes[3]);
      TableFixtures.forward(t.newIterator());
      assertTrue(blocks.usedBytes() > 0);
      cache.evict(3);
      assertEquals(0, cache.openTables());
      assertEquals(0, blocks.usedBytes());
      assertTrue(!t.holdsOpenFile());
    }
    TableCache closed = new TableCache(dir, 10, blocks, OPTIONS);
    closed.close();
    DbException e = assertThrows(DbException.class, () -> closed.table(1, sizes[1]));
    assertEquals(DbException.Kind.CLOSED, e.kind());
  }

  @Test
  void concurrentReadersThroughASmallCache() throws Exception {
    long seed = TableFixtures.seed("concurrentReadersThroughASmallCache");
    BlockCache blocks = new BlockCache(8 * 1024);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (TableCache cache = new TableCache(dir, 2, blocks, OPTIONS)) {
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
    try (TableCache cache = new TableCache(dir, 4, null, OPTIONS)) {
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
}
