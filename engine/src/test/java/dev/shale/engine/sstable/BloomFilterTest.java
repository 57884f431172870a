package dev.shale.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.coding.KeyHash;
import dev.shale.engine.env.Env;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BloomFilterTest {

  @TempDir Path dir;

  /**
   * 10,000 keys at 10 bits per key: no false negatives, and about 0.8% false positives on 10,000
   * other keys. The bound of 3% is more than 20 standard deviations away from the expected rate, so
   * it cannot fail by chance; a broken hash or probe sequence exceeds it by far.
   */
  @Test
  void noFalseNegativesAndAboutOnePercentFalsePositives() throws IOException {
    long seed = TableFixtures.seed("noFalseNegativesAndAboutOnePercentFalsePositives");
    Random r = new Random(seed);
    TreeMap<InternalKey, byte[]> entries = new TreeMap<>();
    for (int i = 0; i < 10_000; i++) {
      // Similar keys (a shared prefix, a counter) are the hard case for a weak hash.
      byte[] user = TableFixtures.bytes(String.format("user%08d", i));
      entries.put(new InternalKey(user, 1 + r.nextInt(100), ValueType.VALUE), new byte[0]);
    }
    Path file = dir.resolve("000001.sst");
    long size = TableFixtures.write(file, entries, List.of(), TableOptions.defaults());
    try (Table table = Table.open(Env.disk(), file, 1, size, null, TableOptions.defaults())) {
      for (InternalKey k : entries.keySet()) {
        assertTrue(table.mayContain(k.userKey()), "false negative for " + k);
      }
      int falsePositives = 0;
      int probes = 10_000;
      for (int i = 0; i < probes; i++) {
        String absent = r.nextBoolean() ? String.format("user%08d", 10_000 + i) : "other" + i;
        if (table.mayContain(TableFixtures.bytes(absent))) {
          falsePositives++;
        }
      }
      double rate = (double) falsePositives / probes;
      System.out.printf("bloom false positive rate at 10 bits/key: %.4f%n", rate);
      assertTrue(rate < 0.03, "false positive rate " + rate + ", seed " + seed);
    }
  }

  @Test
  void hashIsPinnedByTheFormat() {
    // The filter hash is part of the file format: these values must never change.
    assertEquals(0L, KeyHash.hash(new byte[0], 0, 0));
    byte[] abc = TableFixtures.bytes("abc");
    byte[] longer = TableFixtures.bytes("0123456789abcdef!");
    assertEquals(HASH_ABC, KeyHash.hash(abc, 0, 3));
    assertEquals(HASH_LONGER, KeyHash.hash(longer, 0, longer.length));
    byte[] shifted = new byte[abc.length + 5];
    System.arraycopy(abc, 0, shifted, 5, abc.length);
    assertEquals(HASH_ABC, KeyHash.hash(shifted, 5, 3));
  }

  private static final long HASH_ABC = 0x37cf0eb5f11c0ee3L;
  private static final long HASH_LONGER = 0x2189c8ea9927b1bdL;
}
