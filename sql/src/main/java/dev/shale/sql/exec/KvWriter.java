package dev.shale.sql.exec;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.store.KvBatch;
import dev.shale.sql.store.KvCursor;
import dev.shale.sql.store.KvStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Every write to kv goes through here: INSERT, UPSERT, UPDATE, DELETE, range DELETE and batches of
 * single-row inserts. Each one holds the database's write lock from the reads its writes depend on
 * ("this key is not there yet") to the write of its one atomic batch, and checks every key and
 * value against the store's limits first, so that a refusal names the key and nothing is written.
 */
public final class KvWriter {

  /** Up to this many keys in a range, a DELETE writes point deletes rather than a tombstone. */
  private static final int POINT_DELETES_MAX = 16;

  /** The smallest key there can be: U+0000 is one zero byte in CESU-8. */
  private static final byte[] FIRST_KEY = {0};

  /** Above every CESU-8 key: no CESU-8 byte is above 0xEF. */
  private static final byte[] PAST_LAST_KEY = {(byte) 0xFF};

  private final KvStore store;
  private final ReentrantLock lock;
  private final boolean sync;

  /**
   * Writes to {@code store} under {@code lock} (shared by every writer of the store); with {@code
   * sync}, each write is durable when its statement returns.
   */
  public KvWriter(KvStore store, ReentrantLock lock, boolean sync) {
    this.store = store;
    this.lock = lock;
    this.sync = sync;
  }

  /**
   * What a statement puts into its batch; returns its row count. The direct executor's writes
   * implement it as anonymous classes, not lambdas: a lambda's class is spun the first time it is
   * evaluated in a JVM (about half a millisecond each before the JIT has run), which the first
   * statement of an application would pay.
   */
  private interface Statement {
    long fill(KvBatch batch);
  }

  /** Runs {@code statement} under the lock and writes its batch, if it holds anything. */
  private long write(Statement statement) {
    lock.lock();
    try {
      KvBatch batch = store.newBatch();
      long count = statement.fill(batch);
      if (batch.count() > 0) {
        store.write(batch, sync);
      }
      return count;
    } finally {
      lock.unlock();
    }
  }

  /** Inserts {@code rows} ({@code {key, value}}) atomically; any existing key fails them all. */
  public long insert(Enumerable<Object[]> rows) {
    return insertRows(rows::enumerator);
  }

  /**
   * {@link #insert(Enumerable)} of the rows {@code rows} opens under the write lock (the direct
   * executor's form: no linq4j enumerable, whose classes are large to load).
   */
  public long insertRows(Supplier<Enumerator<Object[]>> rows) {
    return write(
        new Statement() {
          @Override
          public long fill(KvBatch batch) {
            Set<String> seen = new HashSet<>();
            long count = 0;
            try (Enumerator<Object[]> e = rows.get()) {
              while (e.moveNext()) {
                Object[] row = e.current();
                putNew(batch, seen, (String) row[0], (String) row[1]);
                count++;
              }
            }
            return count;
          }
        });
  }

  /**
   * UPSERT: writes {@code rows} ({@code {key, value}}) atomically without reading; a key given
   * twice keeps its last value.
   */
  public long upsert(Enumerable<Object[]> rows) {
    return upsertRows(rows::enumerator);
  }

  /** {@link #upsert(Enumerable)} of the rows {@code rows} opens under the write lock. */
  public long upsertRows(Supplier<Enumerator<Object[]>> rows) {
    return write(
        new Statement() {
          @Override
          public long fill(KvBatch batch) {
            long count = 0;
            try (Enumerator<Object[]> e = rows.get()) {
              while (e.moveNext()) {
                Object[] row = e.current();
                String key = (String) row[0];
                batch.put(checkedKey(key), checkedValue(key, (String) row[1]));
                count++;
              }
            }
            return count;
          }
        });
  }

  /**
   * Applies an UPDATE: each row is {@code {key, value, new_0, ...}}, where the new key (if set) is
   * at {@code newKeyIndex} and the new value at {@code newValueIndex} (0 and 1 when not set). A row
   * whose key changes moves; a new key that another row keeps or takes fails the statement.
   */
  public long update(Enumerable<Object[]> rows, int newKeyIndex, int newValueIndex) {
    return updateRows(rows::enumerator, newKeyIndex, newValueIndex);
  }

  /** {@link #update(Enumerable, int, int)} of the rows {@code rows} opens under the write lock. */
  public long updateRows(Supplier<Enumerator<Object[]>> rows, int newKeyIndex, int newValueIndex) {
    return write(
        new Statement() {
          @Override
          public long fill(KvBatch batch) {
            Set<String> oldKeys = new HashSet<>();
            // new key -> {key bytes, value bytes}, in input order
            Map<String, byte[][]> newRows = new LinkedHashMap<>();
            long count = 0;
            try (Enumerator<Object[]> e = rows.get()) {
              while (e.moveNext()) {
                Object[] row = e.current();
                String newKey = (String) row[newKeyIndex];
                byte[][] encoded = {
                  checkedKey(newKey), checkedValue(newKey, (String) row[newValueIndex])
                };
                oldKeys.add((String) row[0]);
                if (newRows.put(newKey, encoded) != null) {
                  throw ShaleSqlException.duplicateKey(newKey);
                }
                count++;
              }
            }
            for (String oldKey : oldKeys) {
              if (!newRows.containsKey(oldKey)) {
                batch.delete(KvEncoding.encodeKey(oldKey));
              }
            }
            KvStore.ReadView latest = store.latest();
            for (Map.Entry<String, byte[][]> row : newRows.entrySet()) {
              if (!oldKeys.contains(row.getKey()) && latest.get(row.getValue()[0]) != null) {
                throw ShaleSqlException.duplicateKey(row.getKey());
              }
              batch.put(row.getValue()[0], row.getValue()[1]);
            }
            return count;
          }
        });
  }

  /** Deletes the rows {@code {key, value}} read from kv; returns how many. */
  public long delete(Enumerable<Object[]> rows) {
    return write(
        batch -> {
          try (Enumerator<Object[]> e = rows.enumerator()) {
            while (e.moveNext()) {
              batch.delete(KvEncoding.encodeKey((String) e.current()[0]));
            }
          }
          return batch.count();
        });
  }

  /**
   * DELETE of every key in {@code ranges}, with no other predicate: a range holding more than a few
   * keys goes with one range tombstone, the rest with point deletes. The count comes from reading
   * the keys; the lock keeps it exact.
   */
  public long deleteRanges(List<ByteRange> ranges) {
    return write(
        new Statement() {
          @Override
          public long fill(KvBatch batch) {
            int maxKey = store.maxKeyBytes();
            long count = 0;
            try (KvStore.ReadView view = store.snapshot()) {
              for (ByteRange r : ranges) {
                if (r.point()) {
                  if (view.get(r.lo()) != null) {
                    batch.delete(r.lo());
                    count++;
                  }
                  continue;
                }
                byte[] begin = r.lo().length == 0 ? FIRST_KEY : r.lo();
                byte[] end = r.hi() == null ? PAST_LAST_KEY : r.hi();
                boolean tombstone = begin.length <= maxKey && end.length <= maxKey;
                List<byte[]> keys = new ArrayList<>();
                long inRange = 0;
                try (KvCursor cursor = view.cursor(r.lowerBound(), r.hi())) {
                  for (cursor.seek(r.lo()); cursor.isValid(); cursor.next()) {
                    if (!tombstone || inRange < POINT_DELETES_MAX) {
                      keys.add(cursor.key().clone());
                    }
                    inRange++;
                  }
                }
                if (tombstone && inRange > POINT_DELETES_MAX) {
                  batch.deleteRange(begin, end);
                } else {
                  for (byte[] key : keys) {
                    batch.delete(key);
                  }
                }
                count += inRange;
              }
            }
            return count;
          }
        });
  }

  /** How a batch of single-row writes went: the rows written, and the refusal that stopped it. */
  public record BatchOutcome(int written, ShaleSqlException refused) {}

  /**
   * The rows ({@code {key, value}}) of a batch of single-row INSERTs (or UPSERTs) in one write: as
   * if executed one by one, except that nothing is visible before the end. A refused row (an INSERT
   * of a key that exists or came earlier, a key or value over its limit) stops the batch; the rows
   * before it are written.
   */
  public BatchOutcome insertBatch(List<String[]> rows, boolean upsert) {
    ShaleSqlException[] refused = {null};
    long written =
        write(
            batch -> {
              Set<String> seen = upsert ? null : new HashSet<>();
              int n = 0;
              try {
                for (String[] row : rows) {
                  if (upsert) {
                    batch.put(checkedKey(row[0]), checkedValue(row[0], row[1]));
                  } else {
                    putNew(batch, seen, row[0], row[1]);
                  }
                  n++;
                }
              } catch (ShaleSqlException e) {
                refused[0] = e;
              }
              return n;
            });
    return new BatchOutcome((int) written, refused[0]);
  }

  /** Puts a row whose key must be new: not stored, and not {@code seen} earlier in the batch. */
  private void putNew(KvBatch batch, Set<String> seen, String key, String value) {
    byte[] keyBytes = checkedKey(key);
    byte[] valueBytes = checkedValue(key, value);
    if (!seen.add(key) || store.latest().get(keyBytes) != null) {
      throw ShaleSqlException.duplicateKey(key);
    }
    batch.put(keyBytes, valueBytes);
  }

  private byte[] checkedKey(String key) {
    if (key == null) {
      throw ShaleSqlException.nullKey();
    }
    int max = store.maxKeyBytes();
    int length = KvEncoding.encodedLength(key);
    if (length == 0 || length > max) {
      throw ShaleSqlException.keyLength(key, length, max);
    }
    return KvEncoding.encodeKey(key);
  }

  private byte[] checkedValue(String key, String value) {
    byte[] bytes = KvEncoding.encodeValue(value);
    int max = store.maxValueBytes();
    if (bytes.length - 1 > max) {
      throw ShaleSqlException.valueLength(key, bytes.length - 1, max);
    }
    return bytes;
  }
}
