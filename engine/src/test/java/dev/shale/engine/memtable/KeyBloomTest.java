package dev.shale.engine.memtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The memtable's key filter: never a false "no", few false "maybe"s, and gets that honour it. */
class KeyBloomTest {

  private static byte[] randomKey(Random random) {
    byte[] k = new byte[1 + random.nextInt(30)];
    random.nextBytes(k);
    return k;
  }

  @Test
  void everyAddedKeyMayBeThereAndFewOthersDo() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("KeyBloomTest seed=" + seed + " (-Dshale.seed=" + seed + ")");
    Random random = new Random(seed);
    // What a 8 MiB memtable gets (128 KiB) and the most keys it can hold (about 120 bytes each).
    KeyBloom filter = new KeyBloom(128 << 10);
    Set<String> added = new HashSet<>();
    int keys = (8 << 20) / 120;
    byte[][] all = new byte[keys][];
    for (int i = 0; i < keys; i++) {
      all[i] = randomKey(random);
      filter.add(all[i]);
      added.add(new String(all[i], StandardCharsets.ISO_8859_1));
    }
    for (byte[] k : all) {
      assertTrue(filter.mayContain(k), "a false no, seed " + seed);
    }
    int probes = 200_000;
    int falsePositives = 0;
    for (int i = 0; i < probes; i++) {
      byte[] k = randomKey(random);
      if (!added.contains(new String(k, StandardCharsets.ISO_8859_1)) && filter.mayContain(k)) {
        falsePositives++;
      }
    }
    double rate = (double) falsePositives / probes;
    System.out.printf("memtable key filter false positive rate, 15 bits/key: %.5f%n", rate);
    assertTrue(rate < 0.01, "false positive rate " + rate + ", seed " + seed);
  }

  @Test
  void aFilteredMemtableFindsEveryKeyItHoldsAndNoOther() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("KeyBloomTest memtable seed=" + seed + " (-Dshale.seed=" + seed + ")");
    Random random = new Random(seed);
    MemTable mem = new MemTable(64 << 10); // a 1 KiB filter: keys share lines, bits fill up
    MemTable unfiltered = new MemTable();
    for (int sequence = 1; sequence <= 5000; sequence++) {
      byte[] k = ("key" + random.nextInt(2000)).getBytes(StandardCharsets.US_ASCII);
      if (random.nextInt(4) == 0) {
        mem.delete(sequence, k);
        unfiltered.delete(sequence, k);
      } else {
        byte[] v = {(byte) sequence};
        mem.put(sequence, k, v);
        unfiltered.put(sequence, k, v);
      }
    }
    for (int i = 0; i < 2500; i++) {
      byte[] k = ("key" + i).getBytes(StandardCharsets.US_ASCII);
      long at = 1 + random.nextInt(5000);
      var expected = unfiltered.get(k, at);
      var actual = mem.get(k, at);
      if (expected == null) {
        assertNull(actual, "key" + i + " at " + at + ", seed " + seed);
      } else {
        assertNotNull(actual, "key" + i + " at " + at + " not found, seed " + seed);
        assertEquals(expected.getKey(), actual.getKey(), "seed " + seed);
        assertArrayEquals(expected.getValue(), actual.getValue(), "seed " + seed);
      }
    }
  }
}
