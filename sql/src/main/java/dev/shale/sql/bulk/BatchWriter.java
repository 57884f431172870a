package dev.shale.sql.bulk;

import dev.shale.sql.store.KvBatch;
import dev.shale.sql.store.KvStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The path of a load whose keys do not ascend: large write batches through the store, each atomic
 * and synced once when written ({@code batchBytes} of keys and values each).
 *
 * <p>Each batch is written under the database's write lock. In insert mode the lock is held from
 * the first existence check of a batch to its write, and the keys of the batch being filled are
 * remembered (with their lines) to catch a key twice in the file before it is stored; memory is
 * bounded by the batch size.
 */
final class BatchWriter {

  private final KvStore store;
  private final ReentrantLock lock;
  private final LoadMode mode;
  private final long batchBytes;
  private final Map<String, Long> pendingLines = new HashMap<>();

  private KvBatch batch;
  private boolean locked;
  private long bytes;
  private long rows;
  private long committedRows;
  private long batches;

  BatchWriter(KvStore store, ReentrantLock lock, LoadMode mode, long batchBytes) {
    this.store = store;
    this.lock = lock;
    this.mode = mode;
    this.batchBytes = batchBytes;
  }

  /** Adds a row; returns its rejection (insert mode: the key exists or repeats) or null. */
  Reject add(long line, String keyText, byte[] key, byte[] value) {
    if (batch == null) {
      batch = store.newBatch();
    }
    if (mode == LoadMode.INSERT) {
      if (!locked) {
        lock.lock();
        locked = true;
      }
      Long earlier = pendingLines.get(keyText);
      if (earlier != null) {
        return Rejects.repeated(line, keyText, earlier);
      }
      if (store.latest().get(key) != null) {
        return Rejects.exists(line, keyText);
      }
      pendingLines.put(keyText, line);
    }
    batch.put(key, value);
    rows++;
    bytes += key.length + value.length;
    if (bytes >= batchBytes) {
      flush();
    }
    return null;
  }

  /** Writes the batch being filled, if it holds anything: atomically, synced. */
  void flush() {
    try {
      if (rows > 0) {
        if (!locked) {
          lock.lock();
          locked = true;
        }
        store.write(batch, true);
        committedRows += rows;
        batches++;
      }
    } finally {
      abandon();
    }
  }

  /** Forgets the batch being filled; nothing of it is written. */
  void abandon() {
    batch = null;
    rows = 0;
    bytes = 0;
    pendingLines.clear();
    if (locked) {
      locked = false;
      lock.unlock();
    }
  }

  long committedRows() {
    return committedRows;
  }

  long batches() {
    return batches;
  }
}
