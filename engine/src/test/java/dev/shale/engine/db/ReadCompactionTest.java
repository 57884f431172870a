package dev.shale.engine.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Db;
import dev.shale.engine.DbIterator;
import dev.shale.engine.DbShape;
import dev.shale.engine.Options;
import dev.shale.engine.ReadOptions;
import dev.shale.engine.Stats.Counter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read-driven compaction ({@code ReadSamples}): scans over level-0 tables that overlap, fewer than
 * the compaction trigger, make them due, and they merge into level 1 with every row read the same.
 */
class ReadCompactionTest {

  @TempDir Path dir;

  @Test
  void scansOverOverlappingLevel0TablesMergeThemIntoLevel1() throws Exception {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("ReadCompactionTest seed=" + seed + " (-Dshale.seed=" + seed + ")");
    Random random = new Random(seed);
    TreeMap<String, String> model = new TreeMap<>();
    Options options = Options.defaults().withSync(false);
    try (Db db = Db.open(dir, options)) {
      // Two tables, each written in random key order across the whole range: they overlap.
      for (int table = 0; table < 2; table++) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
          order.add(i);
        }
        Collections.shuffle(order, random);
        for (int i : order) {
          if (random.nextInt(4) != 0) {
            String k = String.format("key%06d", i);
            String v = "v" + table + "-" + random.nextInt(1000) + "x".repeat(random.nextInt(60));
            db.put(b(k), b(v));
            model.put(k, v);
          }
        }
        db.flush();
      }
      assertEquals(2, db.shape().levels().get(0).tables().size(), "two level-0 tables");
      assertEquals(0, db.shape().levels().get(1).tables().size());
      assertEquals(0, db.stats().get(Counter.COMPACTIONS_DUE_TO_READS));

      // A table takes 100 samples, one per 8,192 entries read on average: some 180 scans of
      // 4,500 rows, then the compaction they make due, counted when it runs.
      int scans = 0;
      while (db.stats().get(Counter.COMPACTIONS_DUE_TO_READS) == 0 && scans < 2000) {
        assertScanReads(db, model, scans % 2 == 1, "seed " + seed + ", scan " + scans);
        scans++;
      }
      assertTrue(
          db.stats().get(Counter.COMPACTIONS_DUE_TO_READS) > 0,
          "seed " + seed + ": no table became due in " + scans + " scans");

      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!db.shape().levels().get(0).tables().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      DbShape shape = db.shape();
      assertEquals(0, shape.levels().get(0).tables().size(), "seed " + seed + ": " + shape);
      assertTrue(shape.levels().get(1).tables().size() > 0, "merged into level 1");
      assertTrue(db.stats().get(Counter.COMPACTIONS) > 0);
      assertScanReads(db, model, false, "seed " + seed + ", after the compaction");
      assertScanReads(db, model, true, "seed " + seed + ", after the compaction, reverse");
      for (Map.Entry<String, String> e : model.entrySet()) {
        assertEquals(e.getValue(), s(db.get(b(e.getKey()))), e.getKey());
      }
    }
  }

  /** A whole scan, forward or {@code reverse}, reads exactly {@code model}. */
  private static void assertScanReads(
      Db db, TreeMap<String, String> model, boolean reverse, String context) {
    List<Map.Entry<String, String>> expected = new ArrayList<>(model.entrySet());
    List<Map.Entry<String, String>> read = new ArrayList<>();
    try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
      if (reverse) {
        Collections.reverse(expected);
        for (it.seekToLast(); it.isValid(); it.prev()) {
          read.add(Map.entry(s(it.key()), s(it.value())));
        }
      } else {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          read.add(Map.entry(s(it.key()), s(it.value())));
        }
      }
    }
    assertEquals(expected, read, context);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }
}
