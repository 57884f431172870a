package dev.shale.engine.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.shale.engine.env.Env;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link VersionSet#installIngest}: the level an ingest's tables go to. */
class IngestPlacementTest {

  private long sequence = 100;

  private FileMetaData file(long number, String lo, String hi) {
    return new FileMetaData(number, 1000, key(lo, sequence--), key(hi, sequence--), 0);
  }

  private static InternalKey key(String k, long sequence) {
    return new InternalKey(k.getBytes(StandardCharsets.UTF_8), sequence, ValueType.VALUE);
  }

  private static FileMetaData ingested(long number, String lo, String hi, long s) {
    return new FileMetaData(number, 1000, key(lo, s), key(hi, s), 0, s);
  }

  private VersionSet versions() throws Exception {
    Env env = Env.inMemory();
    Path dir = Path.of("/db");
    env.createDirectories(dir);
    return VersionSet.recover(
        env, dir, new CompactionPicker(new CompactionPicker.Shape(1, 1 << 30, 10)), () -> {}, 50);
  }

  @Test
  void theDeepestLevelNothingOverlapsDownTo() throws Exception {
    try (VersionSet v = versions()) {
      v.logAndApply(
          new VersionEdit().addFile(1, file(10, "a", "c")).addFile(3, file(11, "l", "o")));
      assertEquals(2, v.installIngest(List.of(ingested(20, "m", "n", 200)), 200));
      assertEquals(6, v.installIngest(List.of(ingested(21, "p", "q", 201)), 201));
      assertEquals(0, v.installIngest(List.of(ingested(22, "a", "b", 202)), 202), "L1 overlaps");
      // Level 0 now holds [a, b]: an ingest over it goes to level 0 too.
      assertEquals(0, v.installIngest(List.of(ingested(23, "b", "b", 203)), 203));
      assertEquals(203, v.lastSequence());
      // A flush's edit made before the ingest's commit, recorded after it: the sequence stays.
      v.logAndApply(new VersionEdit().setLastSequence(150));
      assertEquals(203, v.lastSequence());
    }
  }

  /**
   * A running compaction of level 0 into level 1 whose inputs straddle the ingest's range without
   * holding a key in it may write an output table spanning it: the ingest must not go to level 1.
   */
  @Test
  void notTheOutputLevelOfARunningCompactionWhoseSpanMeetsTheRange() throws Exception {
    try (VersionSet v = versions()) {
      v.logAndApply(
          new VersionEdit()
              .addFile(0, file(10, "a", "c"))
              .addFile(0, file(11, "w", "z"))
              .addFile(1, file(12, "b", "d"))
              .addFile(1, file(13, "v", "x"))
              .addFile(2, file(14, "l", "o")));
      Compaction c = v.pickCompaction();
      assertNotNull(c);
      assertEquals(1, c.outputLevel());
      assertFalse(c.isTrivialMove());
      assertEquals(0, v.installIngest(List.of(ingested(20, "m", "n", 200)), 200));
      v.compactionDone(c);
      c.version().unref();
      assertEquals(1, v.installIngest(List.of(ingested(21, "l1", "l2", 201)), 201), "done now");
    }
  }
}
