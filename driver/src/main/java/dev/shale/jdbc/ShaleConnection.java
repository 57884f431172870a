package dev.shale.jdbc;

import dev.shale.sql.ShaleSql;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.session.BatchInsert;
import dev.shale.sql.session.Session;
import java.sql.ClientInfoStatus;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Calendar;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;

/**
 * A connection to a Shale database: Calcite's connection of one SQL {@link Session}, which closing
 * closes (and with it the session's reference on its database). Transactions (auto-commit, commit,
 * rollback, savepoints, read-only, isolation) are the session's; client info is kept here; every
 * other call goes to Calcite's connection once this one is known to be open (08003 if not).
 */
final class ShaleConnection extends ForwardingConnection implements MetaDataHost {

  private final Session session;
  private final String url;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Properties clientInfo = new Properties();
  private final Runnable onClose; // automatic mixed mode counts this process's own connections
  private final SlowStatementLog slowLog; // null: off

  /** The client info properties a connection keeps (JDBC's standard three). */
  static final Set<String> CLIENT_INFO = Set.of("ApplicationName", "ClientUser", "ClientHostname");

  ShaleConnection(Session session, String url, long slowStatementMillis) {
    this(session, url, slowStatementMillis, null);
  }

  /** A connection that runs {@code onClose} once, after its session is closed. */
  ShaleConnection(Session session, String url, long slowStatementMillis, Runnable onClose) {
    super(session.connection());
    this.session = session;
    this.url = url;
    this.slowLog = SlowStatementLog.of(slowStatementMillis);
    this.onClose = onClose;
  }

  /** The slow-statement log, or null when off. */
  SlowStatementLog slowLog() {
    return slowLog;
  }

  /** The SQL session this connection is the face of. */
  /** The session too: the server marks a remote client's (see {@link Session#denyFileAccess}). */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface == Session.class ? iface.cast(session) : super.unwrap(iface);
  }

  Session session() {
    return session;
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public Connection connection() {
    return this;
  }

  @Override
  public int maxKeyBytes() throws SQLException {
    checkOpen();
    return session.maxKeyBytes();
  }

  @Override
  public int maxValueBytes() throws SQLException {
    checkOpen();
    return session.maxValueBytes();
  }

  @Override
  public java.sql.ResultSet resultSet(Statement statement, java.sql.ResultSet rows) {
    return new ShaleResultSet(this, statement, rows);
  }

  void checkOpen() throws SQLException {
    if (closed.get()) {
      throw SqlErrors.connectionClosed();
    }
  }

  @Override
  Connection open() throws SQLException {
    checkOpen();
    return target;
  }

  @Override
  public void close() throws SQLException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      SqlErrors.run(session::close);
    } finally {
      if (onClose != null) {
        onClose.run();
      }
    }
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public boolean isValid(int timeout) {
    return !closed.get();
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return session.autoCommit();
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    SqlErrors.run(() -> session.setAutoCommit(autoCommit));
  }

  @Override
  public void commit() throws SQLException {
    checkOpen(); // in auto-commit mode every statement has committed already: nothing to do
    SqlErrors.run(session::commit);
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    SqlErrors.run(session::rollback);
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    checkOpen();
    return SqlErrors.call(() -> session.setSavepoint(null));
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    checkOpen();
    if (name == null) {
      throw new SQLException(
          "A named savepoint needs a name (setSavepoint() makes an unnamed one)",
          SqlStates.INVALID_SAVEPOINT);
    }
    return SqlErrors.call(() -> session.setSavepoint(name));
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    checkOpen();
    SqlErrors.run(() -> session.rollback(savepoint));
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    checkOpen();
    SqlErrors.run(() -> session.releaseSavepoint(savepoint));
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return session.readOnly();
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    session.setReadOnly(readOnly);
  }

  /** Snapshot isolation, which JDBC (like PostgreSQL) names REPEATABLE READ. */
  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return TRANSACTION_REPEATABLE_READ;
  }

  /**
   * Accepts READ UNCOMMITTED, READ COMMITTED and REPEATABLE READ, all given as snapshot isolation
   * (a stronger level, as JDBC allows); refuses SERIALIZABLE, which snapshot isolation is not
   * (write skew can happen), and NONE.
   */
  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    switch (level) {
      case TRANSACTION_READ_UNCOMMITTED,
          TRANSACTION_READ_COMMITTED,
          TRANSACTION_REPEATABLE_READ -> {
        // given as snapshot isolation
      }
      case TRANSACTION_SERIALIZABLE ->
          throw new SQLFeatureNotSupportedException(
              "SERIALIZABLE is not available: Shale gives snapshot isolation (REPEATABLE READ),"
                  + " under which two transactions may each write what the other read (write"
                  + " skew); use TRANSACTION_REPEATABLE_READ",
              SqlStates.FEATURE_NOT_SUPPORTED);
      default ->
          throw new SQLException(
              "Unknown or unsupported isolation level "
                  + level
                  + ": Shale gives snapshot isolation (TRANSACTION_REPEATABLE_READ)",
              SqlStates.FEATURE_NOT_SUPPORTED);
    }
  }

  /**
   * Kept per connection for tools that label their connections (ApplicationName, ClientUser,
   * ClientHostname); Shale itself does not use them.
   */
  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (closed.get()) {
      throw new SQLClientInfoException(
          "Connection is closed",
          SqlStates.CONNECTION_CLOSED,
          0,
          Map.of(name, ClientInfoStatus.REASON_UNKNOWN));
    }
    if (!CLIENT_INFO.contains(name)) {
      throw new SQLClientInfoException(
          "Unknown client info property '" + name + "'; known: " + CLIENT_INFO,
          SqlStates.INVALID_PARAMETER_VALUE,
          0,
          Map.of(name, ClientInfoStatus.REASON_UNKNOWN_PROPERTY));
    }
    if (value == null) {
      clientInfo.remove(name);
    } else {
      clientInfo.setProperty(name, value);
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    for (String name : properties.stringPropertyNames()) {
      setClientInfo(name, properties.getProperty(name));
    }
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkOpen();
    return clientInfo.getProperty(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    Properties copy = new Properties();
    copy.putAll(clientInfo);
    return copy;
  }

  @Override
  public Statement createStatement() throws SQLException {
    return new ShaleStatement(this, SqlErrors.call(() -> open().createStatement()));
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return new ShaleStatement(
        this, SqlErrors.call(() -> open().createStatement(resultSetType, resultSetConcurrency)));
  }

  @Override
  public Statement createStatement(
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return new ShaleStatement(
        this,
        SqlErrors.call(
            () ->
                open().createStatement(resultSetType, resultSetConcurrency, resultSetHoldability)));
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return prepared(SqlErrors.call(() -> open().prepareStatement(sql)), sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return prepared(SqlErrors.call(() -> open().prepareStatement(sql, autoGeneratedKeys)), sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return prepared(SqlErrors.call(() -> open().prepareStatement(sql, columnIndexes)), sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return prepared(SqlErrors.call(() -> open().prepareStatement(sql, columnNames)), sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return prepared(
        SqlErrors.call(() -> open().prepareStatement(sql, resultSetType, resultSetConcurrency)),
        sql);
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return prepared(
        SqlErrors.call(
            () ->
                open()
                    .prepareStatement(
                        sql, resultSetType, resultSetConcurrency, resultSetHoldability)),
        sql);
  }

  /** Shale's face of {@code calcite}, with a batch fast path when {@code sql} has its shape. */
  private PreparedStatement prepared(PreparedStatement calcite, String sql) throws SQLException {
    BatchRows batch = null;
    try {
      BatchInsert insert = ShaleSql.batchInsert(session, sql);
      if (insert != null) {
        // The calendar Calcite's statement converts dates and times with (Avatica's getCalendar).
        Calendar calendar =
            Calendar.getInstance(target.unwrap(AvaticaConnection.class).getTimeZone(), Locale.ROOT);
        batch = new BatchRows(insert, calendar);
      }
    } catch (SQLException | RuntimeException | Error e) {
      calcite.close();
      throw SqlErrors.translate(e);
    }
    return new ShalePreparedStatement(this, calcite, sql, batch);
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return new ShaleDatabaseMetaData(this, SqlErrors.call(() -> open().getMetaData()));
  }

  @Override
  public String toString() {
    return "Connection[" + target + "]";
  }
}
