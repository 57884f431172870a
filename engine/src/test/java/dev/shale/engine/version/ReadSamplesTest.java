package dev.shale.engine.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ReadSamples} and {@link Version#recordReadSample}: which table a sampled read charges. */
class ReadSamplesTest {

  private long sequence = 1000;

  private FileMetaData file(long number, String lo, String hi) {
    return new FileMetaData(number, 1000, key(lo, sequence--), key(hi, sequence--), 0);
  }

  private static InternalKey key(String k, long sequence) {
    return new InternalKey(b(k), sequence, ValueType.VALUE);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Version version(List<List<FileMetaData>> files) {
    List<List<FileMetaData>> levels = new ArrayList<>();
    for (int level = 0; level < Version.NUM_LEVELS; level++) {
      levels.add(level < files.size() ? files.get(level) : List.of());
    }
    return new Version(levels, () -> {});
  }

  @Test
  void anAllowanceIsOneSamplePer16KibAndAtLeast100() {
    assertEquals(100, ReadSamples.allowance(1000));
    assertEquals(100, ReadSamples.allowance(100 * 16384 - 1));
    assertEquals(256, ReadSamples.allowance(4 << 20));
    long sum = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      int p = ReadSamples.period();
      assertTrue(p >= 1, "period " + p);
      sum += p;
    }
    double mean = (double) sum / n;
    // Geometric with mean 8,192 and a standard deviation about as large: the mean of 200,000
    // draws has a standard deviation of 18, and 2% of 8,192 is nine of them.
    assertEquals(ReadSamples.MEAN_PERIOD, mean, ReadSamples.MEAN_PERIOD * 0.02, "mean period");
  }

  @Test
  void aTableIsDueAfterItsAllowanceAndAForgottenOneStartsAgain() {
    ReadSamples samples = new ReadSamples();
    FileMetaData f = file(7, "a", "z");
    for (int i = 1; i < 100; i++) {
      assertFalse(samples.charge(f), "sample " + i);
    }
    assertTrue(samples.charge(f), "sample 100");
    assertTrue(samples.charge(f), "and every one after it");
    assertEquals(1, samples.tracked());
    samples.retain(Set.of(7L, 8L));
    assertEquals(1, samples.tracked(), "a live table keeps its count");
    assertTrue(samples.charge(f));
    samples.retain(Set.of(8L));
    assertEquals(0, samples.tracked());
    assertFalse(samples.charge(f), "a forgotten table has its whole allowance again");
  }

  @Test
  void aKeyInTwoTablesChargesTheFirstAndAKeyInOneChargesNothing() {
    FileMetaData newer = file(9, "b", "y"); // level 0, newest first
    FileMetaData older = file(8, "m", "p");
    FileMetaData l1 = file(5, "a", "k");
    FileMetaData l1b = file(6, "l", "z");
    FileMetaData l2 = file(3, "a", "zzz");
    Version v = version(List.of(List.of(newer, older), List.of(l1, l1b), List.of(l2)));
    ReadSamples samples = new ReadSamples();
    for (int i = 0; i < 500; i++) {
      // Only in level 2 (past every other file's range): one table, nothing merged.
      assertFalse(v.recordReadSample(b("zz"), samples));
    }
    assertEquals(0, samples.tracked(), "a key in one table charges nothing");
    assertNull(v.readDue());

    // "n" is in both level-0 files, level 1's second file and level 2: the newest is charged.
    for (int i = 1; i < 100; i++) {
      assertFalse(v.recordReadSample(b("n"), samples));
    }
    assertEquals(1, samples.tracked());
    assertTrue(v.recordReadSample(b("n"), samples), "the 100th sample makes it due");
    assertSame(newer, v.readDue().file());
    assertEquals(0, v.readDue().level());
    assertFalse(v.recordReadSample(b("n"), samples), "one table due per version");

    // In a fresh version, "a" is in level 1's first file and level 2: level 1's is charged.
    Version w = version(List.of(List.of(newer, older), List.of(l1, l1b), List.of(l2)));
    for (int i = 1; i < 100; i++) {
      assertFalse(w.recordReadSample(b("a"), samples));
    }
    assertTrue(w.recordReadSample(b("a"), samples));
    assertSame(l1, w.readDue().file());
    assertEquals(1, w.readDue().level());
  }

  @Test
  void thePickerCompactsATableReadsFoundDueOnlyWhenNoLevelNeedsItMore() {
    CompactionPicker picker = new CompactionPicker(new CompactionPicker.Shape(4, 1 << 30, 10));
    FileMetaData l1 = file(5, "a", "k");
    FileMetaData l2 = file(3, "a", "z");
    FileMetaData l2b = file(4, "za", "zz");
    Version v = version(List.of(List.of(), List.of(l1), List.of(l2, l2b)));
    assertNull(picker.pick(v), "no level needs compacting");
    Version full =
        version(
            List.of(
                List.of(
                    file(20, "a", "b"),
                    file(21, "a", "b"),
                    file(22, "a", "b"),
                    file(23, "a", "b"))));
    Compaction bySize = picker.pick(full);
    assertEquals(0, bySize.level(), "four level-0 files: the trigger");
    assertFalse(bySize.dueToReads());
    ReadSamples samples = new ReadSamples();
    while (!v.recordReadSample(b("c"), samples)) {
      // charge level 1's table until it is due
    }
    assertEquals(1.0, picker.score(v));
    Compaction c = picker.pick(v);
    assertTrue(c.dueToReads());
    assertEquals(1, c.level());
    assertEquals(List.of(l1), c.inputs());
    assertEquals(List.of(l2), c.nextInputs(), "merged with what it overlaps below");
  }
}
