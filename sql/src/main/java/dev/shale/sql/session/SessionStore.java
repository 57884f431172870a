package dev.shale.sql.session;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.store.KvBatch;
import dev.shale.sql.store.KvStore;
import java.sql.Savepoint;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store a session's statements read and write, and the session's transaction control. In
 * auto-commit mode it is the database's store itself; in manual-commit mode every read and write
 * goes to the open {@link Transaction}, which the first statement begins and {@link #commit} or
 * {@link #rollback} ends. While the session is read-only, every write is refused (25006).
 */
final class SessionStore implements KvStore {

  private final KvStore store;
  private final ReentrantLock writeLock;
  private final boolean sync;
  private final long maxTransactionBytes;

  // Guarded by this.
  private boolean autoCommit = true;
  private boolean readOnly;
  private Transaction transaction; // the open one, or null

  SessionStore(KvStore store, ReentrantLock writeLock, boolean sync, long maxTransactionBytes) {
    this.store = store;
    this.writeLock = writeLock;
    this.sync = sync;
    this.maxTransactionBytes = maxTransactionBytes;
  }

  /** The open transaction (begun now if none is), or null in auto-commit mode. */
  private synchronized Transaction current() {
    if (autoCommit) {
      return null;
    }
    if (transaction == null) {
      transaction = new Transaction(store, maxTransactionBytes);
    }
    return transaction;
  }

  /**
   * The open transaction as {@code sys.transactions} shows it: {@code {begun at (epoch ms), write
   * bytes}}, or null when none has begun.
   */
  synchronized long[] openTransaction() {
    Transaction t = transaction;
    if (t == null || t.begunAtMillis() == 0) {
      return null;
    }
    return new long[] {t.begunAtMillis(), t.writeBytes()};
  }

  @Override
  public ReadView latest() {
    Transaction t = current();
    return t == null ? store.latest() : t.view();
  }

  @Override
  public ReadView snapshot() {
    Transaction t = current();
    return t == null ? store.snapshot() : t.view();
  }

  @Override
  public KvBatch newBatch() {
    synchronized (this) {
      if (readOnly) {
        throw new ShaleSqlException(
            SqlStates.READ_ONLY_TRANSACTION,
            "The connection is read-only (Connection.setReadOnly(true)): writes are refused");
      }
    }
    Transaction t = current();
    return t == null ? store.newBatch() : t.newBatch();
  }

  @Override
  public void write(KvBatch batch, boolean sync) {
    if (batch instanceof Transaction.Pending pending) {
      pending.owner().apply(pending);
    } else {
      store.write(batch, sync);
    }
  }

  @Override
  public void writeIfUnchanged(KvBatch batch, ReadView since, boolean sync) {
    store.writeIfUnchanged(batch, since, sync);
  }

  @Override
  public int maxKeyBytes() {
    return store.maxKeyBytes();
  }

  @Override
  public int maxValueBytes() {
    return store.maxValueBytes();
  }

  synchronized boolean autoCommit() {
    return autoCommit;
  }

  /** Switches mode; switching to auto-commit commits the open transaction first (JDBC's rule). */
  void setAutoCommit(boolean on) {
    if (on) {
      commit(); // on a conflict it throws and the mode stays manual, the transaction gone
    }
    synchronized (this) {
      autoCommit = on;
    }
  }

  synchronized boolean readOnly() {
    return readOnly;
  }

  synchronized void setReadOnly(boolean on) {
    readOnly = on;
  }

  /** Commits the open transaction, if any (none in auto-commit mode: each statement did). */
  void commit() {
    Transaction t = detach();
    if (t != null) {
      // Outside this object's lock: the commit waits for the write lock, which a statement of
      // this session on another thread may hold while it reads through here.
      t.commit(writeLock, sync);
    }
  }

  /** Discards the open transaction, if any. */
  void rollback() {
    Transaction t = detach();
    if (t != null) {
      t.rollback();
    }
  }

  private synchronized Transaction detach() {
    Transaction t = transaction;
    transaction = null;
    return t;
  }

  Savepoint setSavepoint(String name) {
    Transaction t = current();
    if (t == null) {
      throw new ShaleSqlException(
          SqlStates.INVALID_TRANSACTION_STATE,
          "Savepoints need a transaction: the connection is in auto-commit mode"
              + " (setAutoCommit(false) first)");
    }
    return t.setSavepoint(name);
  }

  void rollback(Savepoint savepoint) {
    open(savepoint).rollbackTo(savepoint);
  }

  void release(Savepoint savepoint) {
    open(savepoint).release(savepoint);
  }

  /** The open transaction a savepoint call needs (3B001 if there is none). */
  private synchronized Transaction open(Savepoint savepoint) {
    if (transaction == null) {
      throw new ShaleSqlException(
          SqlStates.INVALID_SAVEPOINT,
          "Unknown savepoint "
              + savepoint
              + ": no transaction is open (it ended with a commit or rollback)");
    }
    return transaction;
  }
}
