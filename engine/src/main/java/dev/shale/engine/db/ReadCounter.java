package dev.shale.engine.db;

import dev.shale.engine.ReadTrace;
import dev.shale.engine.Stats;
import dev.shale.engine.Stats.Counter;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.version.Version;

/**
 * Counts what a point read did in {@link Stats} (which source served it, found or not; whether a
 * bloom filter spared a table read) and shapes the value the caller gets.
 */
final class ReadCounter implements Version.FilterListener {

  /** Sources as {@link Stats#servedBy} numbers them: the active memtable, a frozen one, level L. */
  static final int TABLES = 2;

  private final Stats stats;

  ReadCounter(Stats stats) {
    this.stats = stats;
  }

  /** Counts a get of {@code key} beginning (in the thread's {@link ReadTrace} too, if any). */
  void started(byte[] key) {
    stats.add(Counter.GETS, 1);
    ReadTrace trace = ReadTrace.current();
    if (trace != null) {
      trace.get(key);
    }
  }

  /**
   * Counts a read served by {@code source} and returns what the caller gets: a copy of a memtable's
   * value (the memtable keeps its own), a table's value as it is (each read of a table copies it
   * out of the block already), null for a deletion.
   */
  byte[] answer(ValueType type, byte[] value, int source) {
    boolean found = type == ValueType.VALUE;
    stats.servedBy(source, found);
    ReadTrace trace = ReadTrace.current();
    if (trace != null) {
      trace.answered(source, found);
    }
    if (!found) {
      return null;
    }
    return source < TABLES ? value.clone() : value;
  }

  @Override
  public void filterUseful() {
    stats.add(Counter.BLOOM_USEFUL, 1);
  }

  @Override
  public void filterFalsePositive() {
    stats.add(Counter.BLOOM_FALSE_POSITIVE, 1);
  }
}
