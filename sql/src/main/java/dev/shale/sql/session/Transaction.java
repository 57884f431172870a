package dev.shale.sql.session;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.store.KvBatch;
import dev.shale.sql.store.KvCursor;
import dev.shale.sql.store.KvStore;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One transaction of a session in manual-commit mode: a snapshot of the store taken when it begins
 * (at its first statement) and the writes it buffers ({@link WriteSet}). Its reads see the snapshot
 * plus its own writes; {@link #commit} applies the writes as one batch if no write that committed
 * after the snapshot touched their keys (first committer wins), else fails with 40001 and applies
 * nothing. A transaction that writes nothing never conflicts and blocks no one.
 */
final class Transaction {

  /** A savepoint: a position in the transaction's writes. */
  private record Mark(Transaction owner, int id, String name, int position) implements Savepoint {
    @Override
    public int getSavepointId() throws SQLException {
      if (name != null) {
        throw new SQLException(
            "Savepoint '" + name + "' is named; it has no id", SqlStates.INVALID_SAVEPOINT);
      }
      return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
      if (name == null) {
        throw new SQLException(
            "Savepoint " + id + " has no name; it has an id", SqlStates.INVALID_SAVEPOINT);
      }
      return name;
    }

    @Override
    public String toString() {
      return name != null ? "savepoint '" + name + "'" : "savepoint " + id;
    }
  }

  /** The writes of one statement, applied to the write set when the statement's batch is. */
  final class Pending implements KvBatch {
    private final List<byte[][]> ops = new ArrayList<>(); // {key, value}, {key}, {begin, end, null}

    @Override
    public void put(byte[] key, byte[] value) {
      ops.add(new byte[][] {key, value});
    }

    @Override
    public void delete(byte[] key) {
      ops.add(new byte[][] {key});
    }

    @Override
    public void deleteRange(byte[] begin, byte[] end) {
      ops.add(new byte[][] {begin, end, null});
    }

    @Override
    public int count() {
      return ops.size();
    }

    Transaction owner() {
      return Transaction.this;
    }
  }

  private final KvStore store;
  private final long maxBytes;
  private final View view = new View();
  private final WriteSet writes = new WriteSet();
  private final List<Mark> savepoints = new ArrayList<>();
  private KvStore.ReadView snapshot;
  private int savepointIds;
  private boolean ended;
  private long begunAtMillis;

  /** A transaction over {@code store} whose buffered writes may take up to {@code maxBytes}. */
  Transaction(KvStore store, long maxBytes) {
    this.store = store;
    this.maxBytes = maxBytes;
  }

  /** Its reads: the snapshot (taken now if this is the first statement) plus its own writes. */
  synchronized KvStore.ReadView view() {
    begin();
    return view;
  }

  /** An empty batch of one statement's writes, for {@link #apply}. */
  synchronized Pending newBatch() {
    begin();
    return new Pending();
  }

  /**
   * Buffers the writes of one statement, wholly or, if they would take the transaction past its
   * size limit, not at all (54000).
   */
  synchronized void apply(Pending batch) {
    checkActive();
    long adding = 0;
    for (byte[][] op : batch.ops) {
      adding += WriteSet.bytesOf(op[0], op.length > 1 ? op[1] : null);
    }
    if (writes.bytes() + adding > maxBytes) {
      throw new ShaleSqlException(
          SqlStates.PROGRAM_LIMIT_EXCEEDED,
          "Transaction too large: its uncommitted writes would take "
              + (writes.bytes() + adding)
              + " bytes; transactionMaxBytes is "
              + maxBytes
              + ". The statement was not applied; commit in smaller transactions or raise"
              + " transactionMaxBytes");
    }
    for (byte[][] op : batch.ops) {
      switch (op.length) {
        case 1 -> writes.delete(op[0]);
        case 2 -> writes.put(op[0], op[1]);
        default -> writes.deleteRange(op[0], op[1]);
      }
    }
  }

  /**
   * Applies the writes as one atomic batch under {@code lock} (the database's write lock) unless
   * another write touched their keys after the snapshot (40001); either way the transaction ends.
   */
  synchronized void commit(ReentrantLock lock, boolean sync) {
    checkActive();
    try {
      if (writes.isEmpty()) {
        return;
      }
      KvBatch batch = store.newBatch();
      writes.fill(batch);
      lock.lock();
      try {
        store.writeIfUnchanged(batch, snapshot, sync);
      } finally {
        lock.unlock();
      }
    } finally {
      end();
    }
  }

  /** Discards the writes and lets go of the snapshot. */
  synchronized void rollback() {
    end();
  }

  /** A new savepoint at the current position; {@code name} null for an unnamed one. */
  synchronized Savepoint setSavepoint(String name) {
    begin();
    Mark mark = new Mark(this, ++savepointIds, name, writes.mark());
    savepoints.add(mark);
    return mark;
  }

  /** Undoes the writes after {@code savepoint}, which stays; later savepoints are released. */
  synchronized void rollbackTo(Savepoint savepoint) {
    int i = indexOf(savepoint);
    writes.rollbackTo(savepoints.get(i).position());
    savepoints.subList(i + 1, savepoints.size()).clear();
  }

  /** Releases {@code savepoint} and every later one. */
  synchronized void release(Savepoint savepoint) {
    int i = indexOf(savepoint);
    savepoints.subList(i, savepoints.size()).clear();
  }

  /** Whether it has begun (taken its snapshot) and not ended. */
  synchronized boolean begun() {
    return snapshot != null && !ended;
  }

  /** Whether it has buffered writes. */
  synchronized boolean hasWrites() {
    return !writes.isEmpty();
  }

  private int indexOf(Savepoint savepoint) {
    checkActive();
    int i = savepoints.indexOf(savepoint);
    if (i < 0) {
      throw new ShaleSqlException(
          SqlStates.INVALID_SAVEPOINT,
          "Unknown savepoint "
              + savepoint
              + ": it was released, rolled back past, or belongs to another transaction");
    }
    return i;
  }

  private void begin() {
    checkActive();
    if (snapshot == null) {
      snapshot = store.snapshot();
      begunAtMillis = System.currentTimeMillis();
    }
  }

  /** When it began (took its snapshot), epoch milliseconds; 0 if it has not. */
  synchronized long begunAtMillis() {
    return snapshot == null || ended ? 0 : begunAtMillis;
  }

  /** The bytes of its buffered writes. */
  synchronized long writeBytes() {
    return writes.bytes();
  }

  private void checkActive() {
    if (ended) {
      throw new IllegalStateException("transaction ended"); // the session starts a new one
    }
  }

  private void end() {
    ended = true;
    savepoints.clear();
    if (snapshot != null) {
      snapshot.close();
    }
  }

  /** The transaction's reads; closing it is a no-op (the transaction holds the snapshot). */
  private final class View implements KvStore.ReadView {
    @Override
    public byte[] get(byte[] key) {
      synchronized (Transaction.this) {
        byte[] own = writes.lookup(key);
        if (own != null) {
          return own == WriteSet.DELETED ? null : own;
        }
      }
      return snapshot.get(key);
    }

    @Override
    public KvCursor cursor(byte[] lowerBound, byte[] upperBound) {
      WriteSet.Frozen frozen;
      synchronized (Transaction.this) {
        if (writes.isEmpty()) {
          return snapshot.cursor(lowerBound, upperBound);
        }
        frozen = writes.freeze();
      }
      return new MergedCursor(
          snapshot.cursor(lowerBound, upperBound), frozen, lowerBound, upperBound);
    }

    @Override
    public void close() {}
  }
}
