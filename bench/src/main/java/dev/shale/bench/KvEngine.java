package dev.shale.bench;

/**
 * One open key-value engine as the engine benchmark drives it: one operation per write, the
 * durability chosen at open time, iterators opened per scan as an application would.
 */
interface KvEngine extends AutoCloseable {

  void put(byte[] key, byte[] value) throws Exception;

  /** The value, or null when absent. */
  byte[] get(byte[] key) throws Exception;

  void delete(byte[] key) throws Exception;

  /**
   * Seeks to the first key at or after {@code from} and reads up to {@code limit} entries (key and
   * value) from there; returns how many it read.
   */
  int scan(byte[] from, int limit) throws Exception;

  /** Reads every entry in key order; returns how many. */
  long scanAll() throws Exception;

  @Override
  void close() throws Exception;
}
