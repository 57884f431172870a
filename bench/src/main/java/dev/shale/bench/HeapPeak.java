package dev.shale.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The heap's high-water mark since the last reset: the sum of every heap pool's peak. Pools peak at
 * different moments, so the sum can overstate the true simultaneous peak a little; it never
 * understates it. Off-heap memory (RocksDB's memtables and block cache) is not in it.
 */
final class HeapPeak {

  private HeapPeak() {}

  /** Collects garbage first, so the next peak starts from live data only. */
  static void reset() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        pool.resetPeakUsage();
      }
    }
  }

  static long bytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
