package dev.shale.jdbc;

import dev.shale.sql.ShaleSql;
import dev.shale.sql.direct.DirectStatement;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.session.BatchInsert;
import dev.shale.sql.session.Session;
import java.sql.ClientInfoStatus;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

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
  private final boolean directPath;

  /**
   * Whether this is {@link DirectWarmup}'s connection: its statements do not count as the JVM's.
   */
  private boolean warmup;

  /** The client info properties a connection keeps (JDBC's standard three). */
  static final Set<String> CLIENT_INFO = Set.of("ApplicationName", "ClientUser", "ClientHostname");

  /**
   * A connection of {@code session} that runs {@code onClose} (may be null) once, after its session
   * is closed; with {@code directPath}, the direct executor runs the statements it takes.
   */
  ShaleConnection(
      Session session, String url, long slowStatementMillis, boolean directPath, Runnable onClose) {
    this.session = session;
    this.directPath = directPath;
    this.url = url;
    this.slowLog = SlowStatementLog.of(slowStatementMillis);
    this.onClose = onClose;
  }

  /** Marks this as {@link DirectWarmup}'s connection, on its thread, before any statement. */
  void markWarmup() {
    warmup = true;
  }

  boolean isWarmup() {
    return warmup;
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
    return session.connection();
  }

  @Override
  Connection target() throws SQLException {
    return session.connection();
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
    try {
      session.setAutoCommit(autoCommit);
    } catch (RuntimeException | Error e) {
      throw SqlErrors.translate(e); // not SqlErrors.run(lambda): see CalcitePrepared
    }
  }

  @Override
  public void commit() throws SQLException {
    checkOpen(); // in auto-commit mode every statement has committed already: nothing to do
    try {
      session.commit();
    } catch (RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    try {
      session.rollback();
    } catch (RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
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

  /**
   * The direct executor's statement of {@code sql}, or null when Calcite is to prepare it (the
   * setting {@code directPath=false}, or a statement the direct executor does not take).
   */
  DirectStatement direct(String sql) throws SQLException {
    if (!directPath || sql == null) {
      return null;
    }
    try {
      return DirectStatement.parse(sql);
    } catch (RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Statement createStatement() throws SQLException {
    StatementSettings settings = StatementSettings.defaults();
    return new ShaleStatement(this, settings, new CalciteStatement(settings, 0), null);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency)
      throws SQLException {
    StatementSettings settings =
        new StatementSettings(
            resultSetType, resultSetConcurrency, ResultSet.HOLD_CURSORS_OVER_COMMIT);
    return new ShaleStatement(this, settings, new CalciteStatement(settings, 2), null);
  }

  @Override
  public Statement createStatement(
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    StatementSettings settings =
        new StatementSettings(resultSetType, resultSetConcurrency, resultSetHoldability);
    return new ShaleStatement(this, settings, new CalciteStatement(settings, 3), null);
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return prepared(sql, StatementSettings.defaults(), new CalcitePrepared(sql));
  }

  /**
   * Calcite's statement for one of the {@code createStatement} overloads (by its {@code arity}: 0,
   * 2 or 3 arguments, taken from {@code settings}), made when first needed; a class, not a lambda
   * per overload, for the reason {@link CalcitePrepared} gives.
   */
  private final class CalciteStatement implements SqlErrors.SqlCall<Statement> {
    private final StatementSettings settings;
    private final int arity;

    CalciteStatement(StatementSettings settings, int arity) {
      this.settings = settings;
      this.arity = arity;
    }

    @Override
    public Statement call() throws SQLException {
      Connection calcite = open();
      return switch (arity) {
        case 0 -> calcite.createStatement();
        case 2 ->
            calcite.createStatement(settings.resultSetType(), settings.resultSetConcurrency());
        default ->
            calcite.createStatement(
                settings.resultSetType(),
                settings.resultSetConcurrency(),
                settings.resultSetHoldability());
      };
    }
  }

  /**
   * Calcite's prepared statement of {@code sql} for one of the {@code prepareStatement} overloads,
   * made when first needed: a class, not a lambda per overload, on the path of the commonest first
   * statement (a lambda's class is spun the first time it is evaluated in a JVM, about half a
   * millisecond before the JIT has run). {@link #PLAIN} is {@code prepareStatement(sql)}.
   */
  private final class CalcitePrepared implements SqlErrors.SqlCall<PreparedStatement> {
    static final int PLAIN = 0;
    static final int GENERATED_KEYS = 1;
    static final int COLUMN_INDEXES = 2;
    static final int COLUMN_NAMES = 3;
    static final int TYPE_CONCURRENCY = 4;
    static final int TYPE_CONCURRENCY_HOLDABILITY = 5;

    private final String sql;
    private final int overload;
    private final StatementSettings settings;
    private final int autoGeneratedKeys;
    private final int[] columnIndexes;
    private final String[] columnNames;

    CalcitePrepared(String sql) {
      this(sql, PLAIN, null, 0, null, null);
    }

    CalcitePrepared(
        String sql,
        int overload,
        StatementSettings settings,
        int autoGeneratedKeys,
        int[] columnIndexes,
        String[] columnNames) {
      this.sql = sql;
      this.overload = overload;
      this.settings = settings;
      this.autoGeneratedKeys = autoGeneratedKeys;
      this.columnIndexes = columnIndexes;
      this.columnNames = columnNames;
    }

    @Override
    public PreparedStatement call() throws SQLException {
      Connection calcite = open();
      return switch (overload) {
        case PLAIN -> calcite.prepareStatement(sql);
        case GENERATED_KEYS -> calcite.prepareStatement(sql, autoGeneratedKeys);
        case COLUMN_INDEXES -> calcite.prepareStatement(sql, columnIndexes);
        case COLUMN_NAMES -> calcite.prepareStatement(sql, columnNames);
        case TYPE_CONCURRENCY ->
            calcite.prepareStatement(
                sql, settings.resultSetType(), settings.resultSetConcurrency());
        default ->
            calcite.prepareStatement(
                sql,
                settings.resultSetType(),
                settings.resultSetConcurrency(),
                settings.resultSetHoldability());
      };
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    SqlErrors.SqlCall<PreparedStatement> calcite =
        new CalcitePrepared(
            sql, CalcitePrepared.GENERATED_KEYS, null, autoGeneratedKeys, null, null);
    return autoGeneratedKeys == Statement.NO_GENERATED_KEYS
        ? prepared(sql, StatementSettings.defaults(), calcite)
        : planned(sql, StatementSettings.defaults(), calcite);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return planned(
        sql,
        StatementSettings.defaults(),
        new CalcitePrepared(sql, CalcitePrepared.COLUMN_INDEXES, null, 0, columnIndexes, null));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return planned(
        sql,
        StatementSettings.defaults(),
        new CalcitePrepared(sql, CalcitePrepared.COLUMN_NAMES, null, 0, null, columnNames));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    StatementSettings settings =
        new StatementSettings(
            resultSetType, resultSetConcurrency, ResultSet.HOLD_CURSORS_OVER_COMMIT);
    return prepared(
        sql,
        settings,
        new CalcitePrepared(sql, CalcitePrepared.TYPE_CONCURRENCY, settings, 0, null, null));
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    StatementSettings settings =
        new StatementSettings(resultSetType, resultSetConcurrency, resultSetHoldability);
    return prepared(
        sql,
        settings,
        new CalcitePrepared(
            sql, CalcitePrepared.TYPE_CONCURRENCY_HOLDABILITY, settings, 0, null, null));
  }

  /**
   * Shale's prepared statement of {@code sql}: run by the direct executor when it takes the
   * statement and the result sets asked for are forward-only and read-only, else prepared by
   * Calcite ({@code calcite}).
   */
  private PreparedStatement prepared(
      String sql, StatementSettings settings, SqlErrors.SqlCall<PreparedStatement> calcite)
      throws SQLException {
    checkOpen();
    DirectStatement direct = settings.forwardOnlyReadOnly() ? direct(sql) : null;
    if (direct == null) {
      return planned(sql, settings, calcite);
    }
    int[] types = new int[direct.parameterCount()];
    for (int i = 0; i < types.length; i++) {
      types[i] = direct.parameterType(i);
    }
    ParameterSlots slots = ParameterSlots.of(types);
    // Its batch fast path, if any, is found on its first batch call (ShalePreparedStatement).
    return new ShalePreparedStatement(this, settings, calcite, sql, direct, slots, null);
  }

  /** Calcite's prepared statement of {@code sql}, with Shale's batch when it has the shape. */
  private PreparedStatement planned(
      String sql, StatementSettings settings, SqlErrors.SqlCall<PreparedStatement> calcite)
      throws SQLException {
    checkOpen();
    BatchRows batch = batchRows(sql, null);
    return new ShalePreparedStatement(
        this, settings, calcite, sql, null, batch == null ? null : batch.slots(), batch);
  }

  /**
   * The batch fast path of {@code sql} over {@code slots} (null: two of its own), or null when the
   * statement has another shape.
   */
  BatchRows batchRows(String sql, ParameterSlots slots) throws SQLException {
    BatchInsert insert;
    try {
      insert = ShaleSql.batchInsert(session, sql);
    } catch (RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
    if (insert == null) {
      return null;
    }
    return new BatchRows(
        insert,
        slots != null ? slots : ParameterSlots.of(new int[] {Types.VARCHAR, Types.VARCHAR}));
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return new ShaleDatabaseMetaData(this, SqlErrors.call(() -> open().getMetaData()));
  }

  @Override
  public String toString() {
    return "Connection[" + url + "]";
  }
}
