package dev.shale.sql.bulk;

import dev.shale.engine.Ingest;
import dev.shale.engine.IngestReport;
import dev.shale.sql.store.KvMaintenance;
import dev.shale.sql.store.KvStore;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fast path of a load: rows in strictly ascending key order go into an engine {@link Ingest},
 * committed every {@code chunkBytes} (each chunk atomic and durable, installed in one step).
 *
 * <p>The database's write lock is held while a chunk commits, so a statement's "this key is not
 * there yet" still holds when its batch lands. In insert mode it is held from the first existence
 * check of a chunk to the chunk's commit: no INSERT can slip a key in between check and install.
 */
final class IngestWriter {

  private final KvMaintenance engine;
  private final KvStore store;
  private final ReentrantLock lock;
  private final LoadMode mode;
  private final long chunkBytes;

  private Ingest ingest;
  private boolean locked;
  private long bytes;
  private byte[] lastKey;
  private long lastLine;
  private long committedRows;
  private long commits;

  IngestWriter(
      KvMaintenance engine, KvStore store, ReentrantLock lock, LoadMode mode, long chunkBytes) {
    this.engine = engine;
    this.store = store;
    this.lock = lock;
    this.mode = mode;
    this.chunkBytes = chunkBytes;
  }

  /** Whether {@code key} comes strictly after every key added so far. */
  boolean ascends(byte[] key) {
    return lastKey == null || Arrays.compareUnsigned(key, lastKey) > 0;
  }

  /** Whether {@code key} is the last key added. */
  boolean isLast(byte[] key) {
    return lastKey != null && Arrays.equals(key, lastKey);
  }

  /** The line of the last key added. */
  long lastLine() {
    return lastLine;
  }

  /** Adds a row whose key ascends; returns its rejection (insert mode, key exists) or null. */
  Reject add(long line, String keyText, byte[] key, byte[] value) {
    if (ingest == null) {
      ingest = engine.newIngest();
    }
    if (mode == LoadMode.INSERT) {
      if (!locked) {
        lock.lock();
        locked = true;
      }
      if (store.latest().get(key) != null) {
        return Rejects.exists(line, keyText);
      }
    }
    ingest.add(key, value);
    lastKey = key;
    lastLine = line;
    bytes += key.length + value.length;
    if (bytes >= chunkBytes) {
      commit();
    }
    return null;
  }

  /** Commits the rows added since the last commit, if any (atomically, durably). */
  void commit() {
    if (ingest == null) {
      return;
    }
    try {
      if (!locked) {
        lock.lock();
        locked = true;
      }
      IngestReport report = ingest.commit();
      if (report.rows() > 0) {
        committedRows += report.rows();
        commits++;
      }
    } finally {
      release();
    }
  }

  /** Drops the rows added since the last commit (their tables are deleted). */
  void abandon() {
    if (ingest != null) {
      release();
    }
  }

  private void release() {
    try {
      ingest.close();
    } finally {
      ingest = null;
      bytes = 0;
      if (locked) {
        locked = false;
        lock.unlock();
      }
    }
  }

  long committedRows() {
    return committedRows;
  }

  long commits() {
    return commits;
  }
}
