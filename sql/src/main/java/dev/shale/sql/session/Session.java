package dev.shale.sql.session;

import dev.shale.sql.error.SqlStates;
import dev.shale.sql.exec.KvReader;
import dev.shale.sql.exec.KvWriter;
import dev.shale.sql.store.KvDatabase;
import dev.shale.sql.store.OpenSession;
import dev.shale.sql.store.SessionRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One connection's state in the SQL layer: its settings, its plan cache, its transaction, the
 * reader and writer its statements run through, and counts of the paths they took. The driver holds
 * it; the statements the connection prepares find it through their schema.
 *
 * <p>Auto-commit by default: every statement commits when it returns. In manual-commit mode the
 * statements form a transaction with snapshot isolation ({@link Transaction}).
 */
public final class Session implements AutoCloseable, OpenSession {

  /** Opens the connection of a new session; the session exists already. */
  public interface Opener {
    Connection open(Session session) throws SQLException;
  }

  /** Default of {@code transactionMaxBytes}: the uncommitted writes one transaction may hold. */
  public static final long DEFAULT_TRANSACTION_MAX_BYTES = 64L << 20;

  private final KvDatabase database;
  private final SessionStore store;
  private final PlanCache planCache = new PlanCache();
  private final KvReader reader;
  private final KvWriter writer;
  private final AtomicLongArray paths = new AtomicLongArray(StatementPath.values().length);
  private final Opener opener;
  private Connection connection; // opened on first use: most statements never need Calcite
  private boolean closed;
  private final long id = SessionRegistry.nextId();
  private final long openedAtMillis = System.currentTimeMillis();
  private final boolean sync;
  private final long transactionMaxBytes;
  private volatile String fileAccessDenied;

  /**
   * A session over {@code database} whose writes are durable when they return if {@code sync}; its
   * connection comes from {@code opener} when first asked for ({@link #connection()}). On success
   * the session owns the caller's reference to {@code database} and gives it back on {@link
   * #close()}; on failure the caller keeps it.
   */
  public Session(KvDatabase database, boolean sync, Opener opener) throws SQLException {
    this(database, sync, DEFAULT_TRANSACTION_MAX_BYTES, opener);
  }

  /** As above, with transactions holding up to {@code transactionMaxBytes} of writes. */
  public Session(KvDatabase database, boolean sync, long transactionMaxBytes, Opener opener)
      throws SQLException {
    this.database = database;
    this.store =
        new SessionStore(database.store(), database.writeLock(), sync, transactionMaxBytes);
    this.reader = new KvReader(store);
    this.writer = new KvWriter(store, database.writeLock(), sync);
    this.sync = sync;
    this.transactionMaxBytes = transactionMaxBytes;
    this.opener = opener;
    database.sessions().add(this);
  }

  /** The database this session is open on. */
  public KvDatabase database() {
    return database;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public long openedAtMillis() {
    return openedAtMillis;
  }

  @Override
  public long statements() {
    long n = 0;
    for (int i = 0; i < paths.length(); i++) {
      n += paths.get(i);
    }
    return n;
  }

  @Override
  public long transactionBegunAtMillis() {
    long[] t = store.openTransaction();
    return t == null ? 0 : t[0];
  }

  @Override
  public long transactionWriteBytes() {
    long[] t = store.openTransaction();
    return t == null ? 0 : t[1];
  }

  @Override
  public java.util.Map<String, String> settings() {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("sync", Boolean.toString(sync));
    m.put("transactionMaxBytes", Long.toString(transactionMaxBytes));
    m.put("autoCommit", Boolean.toString(autoCommit()));
    m.put("readOnly", Boolean.toString(readOnly()));
    m.put("maxKeyBytes", Integer.toString(maxKeyBytes()));
    m.put("maxValueBytes", Integer.toString(maxValueBytes()));
    return m;
  }

  /**
   * Refuses this session the procedures that read or write files of the machine the database runs
   * on ({@code CALL shale.load/dump/backup}), for the reason {@code rule}: the network server does
   * so for a remote client that is not an admin. Cannot be undone.
   */
  public void denyFileAccess(String rule) {
    this.fileAccessDenied = rule;
  }

  /** Why this session may not use the file procedures, or null if it may. */
  public String fileAccessDenied() {
    return fileAccessDenied;
  }

  /**
   * The connection (Calcite's) this session's statements are prepared on, opened on the first call:
   * a session whose statements all run directly never loads Calcite's planner. 08003 once the
   * session is closed.
   */
  public synchronized Connection connection() throws SQLException {
    if (closed) {
      throw new SQLException("The connection is closed", SqlStates.CONNECTION_CLOSED);
    }
    if (connection == null) {
      connection = opener.open(this);
    }
    return connection;
  }

  /** Whether {@link #connection()} has opened Calcite's connection. */
  public synchronized boolean connectionOpened() {
    return connection != null;
  }

  /** The longest key the database takes, in bytes (CESU-8). */
  public int maxKeyBytes() {
    return store.maxKeyBytes();
  }

  /** The longest value the database takes, in bytes (CESU-8): its first opener's setting. */
  public int maxValueBytes() {
    return store.maxValueBytes();
  }

  public PlanCache planCache() {
    return planCache;
  }

  public KvReader reader() {
    return reader;
  }

  public KvWriter writer() {
    return writer;
  }

  /** Notes that a statement took {@code path}. */
  public void took(StatementPath path) {
    paths.incrementAndGet(path.ordinal());
  }

  /** How many statements took {@code path} in this session. */
  public long count(StatementPath path) {
    return paths.get(path.ordinal());
  }

  @Override
  public boolean autoCommit() {
    return store.autoCommit();
  }

  /**
   * Sets auto-commit mode; turning it on commits the open transaction first (and throws 40001,
   * staying in manual-commit mode, if that commit conflicts).
   */
  public void setAutoCommit(boolean autoCommit) {
    store.setAutoCommit(autoCommit);
  }

  @Override
  public boolean readOnly() {
    return store.readOnly();
  }

  /** While set, every write is refused with 25006. */
  public void setReadOnly(boolean readOnly) {
    store.setReadOnly(readOnly);
  }

  /**
   * Commits the open transaction: its writes as one atomic batch, or 40001 and nothing if a write
   * committed after its snapshot touched the same keys. A no-op in auto-commit mode.
   */
  public void commit() {
    store.commit();
  }

  /** Discards the open transaction's writes. A no-op in auto-commit mode. */
  public void rollback() {
    store.rollback();
  }

  /** A savepoint in the open transaction ({@code name} null for an unnamed one). */
  public Savepoint setSavepoint(String name) {
    return store.setSavepoint(name);
  }

  /** Undoes the writes made after {@code savepoint}, which stays set. */
  public void rollback(Savepoint savepoint) {
    store.rollback(savepoint);
  }

  /** Releases {@code savepoint} and every savepoint set after it. */
  public void releaseSavepoint(Savepoint savepoint) {
    store.release(savepoint);
  }

  /**
   * Rolls back the open transaction, closes the connection and gives back the session's reference
   * to the database.
   */
  @Override
  public void close() throws SQLException {
    try {
      database.sessions().remove(this);
      store.rollback();
      Connection opened;
      synchronized (this) {
        closed = true;
        opened = connection;
      }
      if (opened != null) {
        opened.close();
      }
    } finally {
      database.release();
    }
  }
}
