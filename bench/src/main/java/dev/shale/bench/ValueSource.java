package dev.shale.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Values of a fixed length cut from one seeded pool of random printable ASCII: cheap to make inside
 * a timed loop, the same for every engine, and not trivially compressible (compression is off in
 * every engine anyway, so the bytes on disk are comparable).
 */
final class ValueSource {

  static final int VALUE_BYTES = 100;

  private static final int POOL_BYTES = 1 << 20;

  private final byte[] pool = new byte[POOL_BYTES];

  ValueSource(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < pool.length; i++) {
      pool[i] = (byte) ('!' + random.nextInt(94));
    }
  }

  /** The value written for {@code index}, as a new array (engines may keep it). */
  byte[] bytes(long index) {
    byte[] value = new byte[VALUE_BYTES];
    System.arraycopy(pool, offset(index), value, 0, VALUE_BYTES);
    return value;
  }

  String string(long index) {
    return new String(pool, offset(index), VALUE_BYTES, StandardCharsets.US_ASCII);
  }

  private static int offset(long index) {
    // A stride coprime to the pool size spreads neighbouring indexes over the whole pool.
    return (int) Math.floorMod(index * 7919, (long) (POOL_BYTES - VALUE_BYTES));
  }
}
