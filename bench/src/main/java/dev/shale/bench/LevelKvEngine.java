package dev.shale.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.WriteOptions;
import org.iq80.leveldb.impl.Iq80DBFactory;

/**
 * LevelDB as the pure-Java port (iq80), no compression, the log on. iq80 0.12 has neither a block
 * cache (it maps table files into memory, so the OS page cache serves reads; its {@code cacheSize}
 * option is ignored) nor bloom filters.
 */
final class LevelKvEngine implements KvEngine {

  static final String SETTINGS =
      "no block cache (tables read through mmap / OS page cache), no bloom filter (iq80 0.12 has"
          + " none), 4 KiB blocks, no compression, write buffer 8 MiB (same for every engine)";

  private final DB db;
  private final WriteOptions writeOptions;
  private long checksum;

  private LevelKvEngine(DB db, WriteOptions writeOptions) {
    this.db = db;
    this.writeOptions = writeOptions;
  }

  static LevelKvEngine open(Path dir, boolean sync) throws IOException {
    Options options =
        new Options()
            .createIfMissing(true)
            .compressionType(CompressionType.NONE)
            .writeBufferSize(Math.toIntExact(WRITE_BUFFER_BYTES));
    return new LevelKvEngine(
        Iq80DBFactory.factory.open(dir.toFile(), options), new WriteOptions().sync(sync));
  }

  static String version() {
    try (InputStream in =
        DB.class.getResourceAsStream("/META-INF/maven/org.iq80.leveldb/leveldb/pom.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public void put(byte[] key, byte[] value) {
    db.put(key, value, writeOptions);
  }

  @Override
  public byte[] get(byte[] key) {
    return db.get(key);
  }

  @Override
  public void delete(byte[] key) {
    db.delete(key, writeOptions);
  }

  @Override
  public int scan(byte[] from, int limit) throws IOException {
    int read = 0;
    try (DBIterator it = db.iterator()) {
      for (it.seek(from); read < limit && it.hasNext(); read++) {
        Map.Entry<byte[], byte[]> entry = it.next();
        checksum += entry.getKey().length + entry.getValue().length;
      }
    }
    return read;
  }

  @Override
  public long scanAll() throws IOException {
    long read = 0;
    try (DBIterator it = db.iterator()) {
      for (it.seekToFirst(); it.hasNext(); read++) {
        Map.Entry<byte[], byte[]> entry = it.next();
        checksum += entry.getKey().length + entry.getValue().length;
      }
    }
    return read;
  }

  @Override
  public void close() throws IOException {
    db.close();
  }

  @Override
  public String toString() {
    return "LevelDB[" + checksum + "]";
  }
}
