package dev.shale.sql.session;

import dev.shale.sql.exec.KvReader;
import dev.shale.sql.exec.KvWriter;
import dev.shale.sql.store.KvDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One connection's state in the SQL layer: its settings, its plan cache, the reader and writer its
 * statements run through, and counts of the paths they took. The driver holds it; the statements
 * the connection prepares find it through their schema.
 */
public final class Session implements AutoCloseable {

  /** Opens the connection of a new session; the session exists already. */
  public interface Opener {
    Connection open(Session session) throws SQLException;
  }

  private final KvDatabase database;
  private final PlanCache planCache = new PlanCache();
  private final KvReader reader;
  private final KvWriter writer;
  private final AtomicLongArray paths = new AtomicLongArray(StatementPath.values().length);
  private final Connection connection;

  /**
   * A session over {@code database} whose writes are durable when they return if {@code sync}; its
   * connection comes from {@code opener}. On success the session owns the caller's reference to
   * {@code database} and gives it back on {@link #close()}; on failure the caller keeps it.
   */
  public Session(KvDatabase database, boolean sync, Opener opener) throws SQLException {
    this.database = database;
    this.reader = new KvReader(database.store());
    this.writer = new KvWriter(database.store(), database.writeLock(), sync);
    this.connection = opener.open(this);
  }

  /** The connection (Calcite's) this session's statements are prepared on. */
  public Connection connection() {
    return connection;
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

  /** Closes the connection and gives back the session's reference to the database. */
  @Override
  public void close() throws SQLException {
    try {
      connection.close();
    } finally {
      database.release();
    }
  }
}
