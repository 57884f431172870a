package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Stats.Counter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link Db#shape()} against the engine's own numbers after real flushes and compactions. */
class DbShapeTest {

  static Options tiny() {
    return Options.defaults()
        .withSync(false)
        .withWriteBufferBytes(16 << 10)
        .withBlockBytes(256)
        .withTargetFileBytes(8 << 10)
        .withMaxBytesForLevelBase(32 << 10)
        .withL0Triggers(2, 4, 8)
        .withBlockCacheBytes(64 << 10);
  }

  static byte[] key(int i) {
    return String.format("k%06d", i).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void levelsTablesAndScoresAreTheCompactionPickersAfterFlushesAndCompactions() {
    Options options = tiny();
    try (Db db = Db.openInMemory(options)) {
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        int k = i * 7919 % n;
        db.put(key(k), ("value-" + k).getBytes(StandardCharsets.UTF_8));
      }
      db.deleteRange(key(100), key(200));
      db.flush();
      DbShape shape = db.shape();
      Stats stats = db.stats();
      assertTrue(stats.get(Counter.COMPACTIONS) > 0, stats.toString());
      assertEquals(7, shape.levels().size());
      assertEquals(n + 1, shape.lastSequence());
      long total = 0;
      int deep = 0;
      for (DbShape.Level level : shape.levels()) {
        long bytes = 0;
        for (DbShape.Table t : level.tables()) {
          assertEquals(level.level(), t.level());
          bytes += t.bytes();
          assertTrue(Arrays.compareUnsigned(t.smallestKey(), t.largestKey()) <= 0, t.toString());
        }
        assertEquals(bytes, level.bytes(), "level " + level.level());
        total += bytes;
        if (level.level() > 0) {
          for (int i = 1; i < level.tables().size(); i++) {
            assertTrue(
                Arrays.compareUnsigned(
                        level.tables().get(i - 1).largestKey(), level.tables().get(i).smallestKey())
                    < 0,
                "level " + level.level() + " is a sorted run of disjoint tables");
          }
          if (!level.tables().isEmpty()) {
            deep = level.level();
          }
        }
        // The picker's numbers, recomputed from the options.
        if (level.level() == 0) {
          assertEquals(0, level.targetBytes());
          assertEquals(
              (double) level.tables().size() / options.l0CompactionTrigger(), level.score(), 1e-9);
        } else if (level.level() < 6) {
          long target = options.maxBytesForLevelBase();
          for (int l = 1; l < level.level(); l++) {
            target *= options.levelSizeMultiplier();
          }
          assertEquals(target, level.targetBytes(), "level " + level.level());
          assertEquals((double) level.bytes() / target, level.score(), 1e-9);
        } else {
          assertEquals(0, level.score());
        }
        // flush() waits for the compactions that follow: nothing left to compact.
        assertTrue(level.score() < 1, "level " + level.level() + " score " + level.score());
      }
      assertEquals(stats.get(Counter.TABLE_BYTES), total);
      assertTrue(deep >= 1, "data reached a level below 0");
      assertEquals(0, shape.frozenMemtables());
      // The range deletion is somewhere, unless compaction already dropped it at the bottom.
      boolean anyTombstones =
          shape.levels().stream()
              .flatMap(l -> l.tables().stream())
              .anyMatch(t -> t.rangeTombstones() > 0);
      boolean tombstoneKeyLeft = db.get(key(150)) != null;
      assertTrue(!tombstoneKeyLeft, "range deletion honoured");
      assertTrue(anyTombstones || deep > 0);

      db.put(key(1), "x".getBytes(StandardCharsets.UTF_8));
      DbShape after = db.shape();
      assertTrue(after.memtableBytes() > shape.memtableBytes(), "the memtable grew");
      assertEquals(n + 2, after.lastSequence());
    }
  }

  @Test
  void anEmptyDatabaseHasSevenEmptyLevels() {
    try (Db db = Db.openInMemory(tiny())) {
      DbShape shape = db.shape();
      assertEquals(7, shape.levels().size());
      for (DbShape.Level l : shape.levels()) {
        assertEquals(0, l.tables().size());
        assertEquals(0, l.bytes());
        assertEquals(0, l.score());
      }
      assertEquals(0, shape.lastSequence());
    }
  }

  @Test
  void aFlushedTableShowsItsKeyRangeAndRangeDeletions() {
    try (Db db = Db.openInMemory(tiny().withL0Triggers(100, 200, 300))) {
      db.put(key(5), new byte[] {1});
      db.put(key(9), new byte[] {2});
      db.deleteRange(key(20), key(30));
      db.flush();
      DbShape.Level l0 = db.shape().levels().get(0);
      assertEquals(1, l0.tables().size());
      DbShape.Table t = l0.tables().get(0);
      assertArrayEquals(key(5), t.smallestKey());
      assertArrayEquals(key(30), t.largestKey(), "range deletions count in the key range");
      assertEquals(1, t.rangeTombstones());
      assertEquals(0.01, l0.score(), 1e-9);
    }
  }
}
