package dev.shale.engine.coding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LittleEndianTest {

  /**
   * The byte-store writers put what the VarHandle views put, at every offset, nothing around it.
   */
  @Test
  void putLongAndPutIntMatchTheViews() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("LittleEndianTest seed=" + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 1_000; round++) {
      long value =
          round < 4 ? new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}[round] : random.nextLong();
      int offset = random.nextInt(8);
      byte[] expected = new byte[20];
      byte[] actual = new byte[20];
      random.nextBytes(expected);
      System.arraycopy(expected, 0, actual, 0, expected.length);

      LittleEndian.LONG.set(expected, offset, value);
      LittleEndian.putLong(actual, offset, value);
      assertArrayEquals(expected, actual, "putLong " + value + " at " + offset);

      LittleEndian.INT.set(expected, offset + 8, (int) value);
      LittleEndian.putInt(actual, offset + 8, (int) value);
      assertArrayEquals(expected, actual, "putInt " + (int) value + " at " + (offset + 8));
    }
  }
}
