package dev.shale.bench;

/**
 * One open key-value engine as the engine benchmark drives it: one operation per write, the
 * durability chosen at open time, iterators opened per scan as an application would.
 */
interface KvEngine extends AutoCloseable {

  /**
   * The write buffer (memtable) every engine gets, so none flushes less often than the others:
   * Shale's default. RocksDB's default is 64 MiB, LevelDB's 4 MiB.
   */
  long WRITE_BUFFER_BYTES = 8L << 20;

  /** The block cache of the engines that have one (Shale, RocksDB); iq80 LevelDB has none. */
  long BLOCK_CACHE_BYTES = 8L << 20;

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
