package dev.shale.sql.store;

import dev.shale.engine.Db;
import dev.shale.engine.DbException;
import dev.shale.engine.DbIterator;
import dev.shale.engine.ReadOptions;
import dev.shale.engine.Snapshot;
import dev.shale.engine.WriteBatch;
import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;

/** {@link KvStore} over the embedded engine: one {@link Db}, its snapshots and write batches. */
final class EngineStore implements KvStore {

  private final Db db;
  private final ReadView latest;

  EngineStore(Db db) {
    this.db = db;
    this.latest = new View(db, ReadOptions.DEFAULT, null);
  }

  @Override
  public ReadView latest() {
    return latest;
  }

  @Override
  public ReadView snapshot() {
    Snapshot snapshot = db.getSnapshot();
    return new View(db, ReadOptions.DEFAULT.withSnapshot(snapshot), snapshot);
  }

  @Override
  public KvBatch newBatch() {
    return new Batch();
  }

  @Override
  public void write(KvBatch batch, boolean sync) {
    db.write(((Batch) batch).batch, sync);
  }

  @Override
  public void writeIfUnchanged(KvBatch batch, ReadView since, boolean sync) {
    Snapshot snapshot = ((View) since).snapshot;
    if (snapshot == null) {
      throw new IllegalArgumentException("writeIfUnchanged needs a view of snapshot()");
    }
    try {
      db.writeIfUnchanged(((Batch) batch).batch, snapshot, sync);
    } catch (DbException e) {
      if (e.kind() != DbException.Kind.CONFLICT) {
        throw e;
      }
      throw new ShaleSqlException(
          SqlStates.SERIALIZATION_FAILURE,
          "Transaction not committed, nothing of it applied: "
              + e.getMessage()
              + ". Another transaction wrote the same key and committed after this one began"
              + " (snapshot isolation, first committer wins); retry the transaction",
          e);
    }
  }

  @Override
  public int maxKeyBytes() {
    return db.options().maxKeyBytes();
  }

  @Override
  public int maxValueBytes() {
    return db.options().maxValueBytes() - KvDatabase.VALUE_TAG_BYTES; // the text's limit
  }

  /** Reads with one set of read options: the newest state, or a snapshot's. */
  private record View(Db db, ReadOptions read, Snapshot snapshot) implements ReadView {
    @Override
    public byte[] get(byte[] key) {
      return db.get(read, key);
    }

    @Override
    public KvCursor cursor(byte[] lowerBound, byte[] upperBound) {
      ReadOptions bounded = read;
      if (lowerBound != null) {
        bounded = bounded.withLowerBound(lowerBound);
      }
      if (upperBound != null) {
        bounded = bounded.withUpperBound(upperBound);
      }
      return new Cursor(db.newIterator(bounded));
    }

    @Override
    public void close() {
      if (snapshot != null) {
        snapshot.close();
      }
    }
  }

  private record Cursor(DbIterator it) implements KvCursor {
    @Override
    public void seek(byte[] key) {
      it.seek(key);
    }

    @Override
    public void seekForPrev(byte[] key) {
      it.seekForPrev(key);
    }

    @Override
    public void seekToLast() {
      it.seekToLast();
    }

    @Override
    public void next() {
      it.next();
    }

    @Override
    public void prev() {
      it.prev();
    }

    @Override
    public boolean isValid() {
      return it.isValid();
    }

    @Override
    public byte[] key() {
      return it.key();
    }

    @Override
    public byte[] value() {
      return it.value();
    }

    @Override
    public <T> T readValue(ValueDecoder<T> reader) {
      return it.readValue(reader);
    }

    @Override
    public void close() {
      it.close();
    }
  }

  private static final class Batch implements KvBatch {
    final WriteBatch batch = new WriteBatch();

    @Override
    public void put(byte[] key, byte[] value) {
      batch.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
      batch.delete(key);
    }

    @Override
    public void deleteRange(byte[] begin, byte[] end) {
      batch.deleteRange(begin, end);
    }

    @Override
    public int count() {
      return batch.count();
    }
  }
}
