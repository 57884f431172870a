package dev.shale.bench;

import dev.shale.engine.Db;
import dev.shale.engine.DbIterator;
import dev.shale.engine.Options;
import dev.shale.engine.ReadOptions;
import java.nio.file.Path;

/** Shale's engine through its public API. */
final class ShaleKvEngine implements KvEngine {

  private final Db db;
  private long checksum; // consumes what scans read, so no read is optimised away

  private ShaleKvEngine(Db db) {
    this.db = db;
  }

  static Options options(boolean sync) {
    return Options.defaults()
        .withSync(sync)
        .withWriteBufferBytes(WRITE_BUFFER_BYTES)
        .withBlockCacheBytes(BLOCK_CACHE_BYTES);
  }

  static ShaleKvEngine open(Path dir, boolean sync) {
    return new ShaleKvEngine(Db.open(dir, options(sync)));
  }

  @Override
  public void put(byte[] key, byte[] value) {
    db.put(key, value);
  }

  @Override
  public byte[] get(byte[] key) {
    return db.get(key);
  }

  @Override
  public void delete(byte[] key) {
    db.delete(key);
  }

  @Override
  public int scan(byte[] from, int limit) {
    int read = 0;
    try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
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
    try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
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
  }

  @Override
  public String toString() {
    return "Shale[" + checksum + "]";
  }
}
