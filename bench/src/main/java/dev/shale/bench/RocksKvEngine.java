package dev.shale.bench;

import java.nio.file.Path;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * RocksDB through rocksdbjni, set up like Shale's design: 4 KiB blocks, a 10 bits/key bloom filter,
 * no compression, the WAL on; block cache and write buffer as {@link KvEngine#BLOCK_CACHE_BYTES}
 * and {@link KvEngine#WRITE_BUFFER_BYTES}. Everything else is RocksDB's default (2 write buffers,
 * leveled compaction, 2 background jobs).
 */
final class RocksKvEngine implements KvEngine {

  static final String SETTINGS =
      "block cache LRU 8 MiB, bloom 10 bits/key, 4 KiB blocks, no compression,"
          + " write buffer 8 MiB (same for every engine), 2 background jobs (default)";

  private final LRUCache cache;
  private final BloomFilter filter;
  private final Options options;
  private final WriteOptions writeOptions;
  private final ReadOptions readOptions;
  private final RocksDB db;
  private long checksum;

  private RocksKvEngine(Path dir, boolean sync) throws RocksDBException {
    RocksDB.loadLibrary();
    cache = new LRUCache(BLOCK_CACHE_BYTES);
    filter = new BloomFilter(10, false);
    options =
        new Options()
            .setCreateIfMissing(true)
            .setCompressionType(CompressionType.NO_COMPRESSION)
            .setWriteBufferSize(WRITE_BUFFER_BYTES)
            .setTableFormatConfig(
                new BlockBasedTableConfig()
                    .setBlockCache(cache)
                    .setFilterPolicy(filter)
                    .setBlockSize(4096));
    writeOptions = new WriteOptions().setSync(sync).setDisableWAL(false);
    readOptions = new ReadOptions();
    db = RocksDB.open(options, dir.toString());
  }

  static RocksKvEngine open(Path dir, boolean sync) throws RocksDBException {
    return new RocksKvEngine(dir, sync);
  }

  static String version() {
    RocksDB.loadLibrary();
    return RocksDB.rocksdbVersion().toString();
  }

  @Override
  public void put(byte[] key, byte[] value) throws RocksDBException {
    db.put(writeOptions, key, value);
  }

  @Override
  public byte[] get(byte[] key) throws RocksDBException {
    return db.get(readOptions, key);
  }

  @Override
  public void delete(byte[] key) throws RocksDBException {
    db.delete(writeOptions, key);
  }

  @Override
  public int scan(byte[] from, int limit) {
    int read = 0;
    try (RocksIterator it = db.newIterator(readOptions)) {
      for (it.seek(from); read < limit && it.isValid(); it.next()) {
        checksum += it.key().length + it.value().length;
        read++;
      }
    }
    return read;
  }

  @Override
  public long scanAll() {
    long read = 0;
    try (RocksIterator it = db.newIterator(readOptions)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        checksum += it.key().length + it.value().length;
        read++;
      }
    }
    return read;
  }

  @Override
  public void close() {
    db.close();
    readOptions.close();
    writeOptions.close();
    options.close();
    filter.close();
    cache.close();
  }

  @Override
  public String toString() {
    return "RocksDB[" + checksum + "]";
  }
}
