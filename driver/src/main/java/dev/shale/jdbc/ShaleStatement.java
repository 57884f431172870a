package dev.shale.jdbc;

import dev.shale.sql.ShaleSql;
import dev.shale.sql.direct.DirectResult;
import dev.shale.sql.direct.DirectRows;
import dev.shale.sql.direct.DirectStatement;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * A statement of a {@link ShaleConnection}: Calcite's statement, executing only while the
 * connection is open (08003 after it closed), whose result sets answer {@code getStatement()} with
 * this statement and whose {@code getConnection()} is Shale's connection.
 */
class ShaleStatement extends ForwardingStatement {

  /**
   * Avatica's per-statement cancel flag, which {@code cancel()} sets and each execution hands the
   * reading loops (57014); Avatica never clears it, so a canceled statement would refuse every
   * later execution. Each execution clears it first: a cancel stops the statement running then.
   */
  private static final class AvaticaCancel {
    // Looked up on first use only: reflecting on Avatica's statement loads its classes, which a
    // statement the direct executor runs never needs.
    static final Field FLAG = cancelFlagField();
  }

  final ShaleConnection connection;

  /** A prepared statement's SQL; null for a plain statement. */
  final String preparedSql; // a prepared statement's SQL; null for a plain statement

  /** Makes Calcite's statement, when this one first needs it. */
  private final SqlErrors.SqlCall<? extends Statement> factory;

  /** What this statement was told; Calcite's statement, once made, is told the same. */
  final StatementSettings settings;

  /** Calcite's statement; null until needed (the direct executor needs none). */
  private Statement calcite;

  private boolean closed;

  /** The cancel flag of direct executions: {@code cancel()} sets it, each execution clears it. */
  private final AtomicBoolean cancelFlag = new AtomicBoolean();

  /** Whether the last execution was direct: then the result below is this statement's. */
  private boolean lastDirect;

  private ResultSet directRows; // the last direct query's rows, not yet wrapped, or null
  private ResultSet directResult; // the same, as handed out
  private long directCount = -1; // the last direct write's update count; -1 for a query

  /** The execution whose result set is still to be read, for the slow-statement log. */
  private SlowStatementLog.Execution pending;

  /**
   * A statement of {@code connection} told {@code settings}, whose Calcite statement {@code
   * factory} makes when needed; {@code preparedSql} is a prepared statement's SQL (null for a plain
   * statement). A statement whose result sets are not forward-only and read-only makes Calcite's at
   * once, so that Calcite checks the result set type, as before.
   */
  ShaleStatement(
      ShaleConnection connection,
      StatementSettings settings,
      SqlErrors.SqlCall<? extends Statement> factory,
      String preparedSql)
      throws SQLException {
    this.connection = connection;
    this.settings = settings;
    this.factory = factory;
    this.preparedSql = preparedSql;
    connection.checkOpen();
    if (!settings.forwardOnlyReadOnly()) {
      SqlErrors.call(this::target);
    }
  }

  /** A statement over Calcite's statement {@code calcite}, which exists already. */
  ShaleStatement(ShaleConnection connection, Statement calcite) throws SQLException {
    this(connection, StatementSettings.defaults(), () -> calcite, null);
    target();
  }

  @Override
  Statement target() throws SQLException {
    if (calcite == null) {
      Statement made = factory.call();
      try {
        settings.applyTo(made);
      } catch (SQLException | RuntimeException | Error e) {
        made.close();
        throw e;
      }
      calcite = made;
    }
    return calcite;
  }

  @Override
  Statement made() {
    return calcite;
  }

  /** Runs an execution, timed for the connection's slow-statement log when it has one. */
  @Override
  <T> T execution(String sql, SqlErrors.SqlCall<T> call) throws SQLException {
    return timed(sql, call, true);
  }

  /**
   * Runs {@code call} (whose failures are already JDBC's: a batch's BatchUpdateException stays
   * one), timed for the slow-statement log when the connection has one.
   */
  <T> T timed(String sql, SqlErrors.SqlCall<T> call) throws SQLException {
    return timed(sql, call, false);
  }

  /** {@link #timed}; with {@code translate}, {@code call}'s failures are made JDBC's first. */
  private <T> T timed(String sql, SqlErrors.SqlCall<T> call, boolean translate)
      throws SQLException {
    try {
      return logged(sql, call, translate);
    } finally {
      if (!connection.isWarmup()) {
        ShaleSql.statementRan(); // the JVM's first statement starts the planner's warm-up
      }
    }
  }

  private <T> T logged(String sql, SqlErrors.SqlCall<T> call, boolean translate)
      throws SQLException {
    SlowStatementLog slow = connection.slowLog();
    if (slow == null) {
      return run(call, translate);
    }
    finishPending();
    SlowStatementLog.Execution execution = slow.start(sql != null ? sql : preparedSql);
    T result;
    try {
      result = run(call, translate);
    } catch (SQLException e) {
      execution.executed();
      execution.failed(e);
      throw e;
    }
    execution.executed();
    if (result instanceof ResultSet || Boolean.TRUE.equals(result)) {
      pending = execution; // finished by its result set
    } else if (Boolean.FALSE.equals(result)) {
      execution.finish(getLargeUpdateCount()); // execute(sql) of an update
    } else {
      execution.finish(updateCount(result));
    }
    return result;
  }

  private static <T> T run(SqlErrors.SqlCall<T> call, boolean translate) throws SQLException {
    return translate ? SqlErrors.call(call) : call.call();
  }

  private static long updateCount(Object result) {
    if (result instanceof Number n) {
      return n.longValue();
    }
    long sum = 0;
    if (result instanceof int[] counts) {
      for (int c : counts) {
        sum += Math.max(c, 0);
      }
    } else if (result instanceof long[] counts) {
      for (long c : counts) {
        sum += Math.max(c, 0);
      }
    }
    return sum;
  }

  /** An earlier execution whose result set was never asked for ends here. */
  private void finishPending() {
    if (pending != null) {
      pending.finish(-1);
      pending = null;
    }
  }

  @Override
  Statement executable() throws SQLException {
    connection.checkOpen();
    checkNotClosed();
    Statement target = target();
    clearCancel(target);
    endDirect();
    return target;
  }

  @Override
  Statement live() throws SQLException {
    connection.checkOpen();
    checkNotClosed();
    return target();
  }

  /** HY010 once this statement is closed. */
  void checkNotClosed() throws SQLException {
    if (closed || (calcite != null && calcite.isClosed())) {
      throw SqlErrors.statementClosed();
    }
  }

  /** Clears the cancel flag of Calcite's statement {@code calcite}, before it executes. */
  static void clearCancel(Statement calcite) throws SQLException {
    if (AvaticaCancel.FLAG == null || !calcite.isWrapperFor(AvaticaStatement.class)) {
      return;
    }
    try {
      ((AtomicBoolean) AvaticaCancel.FLAG.get(calcite.unwrap(AvaticaStatement.class))).set(false);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Avatica's cancel flag is not accessible", e);
    }
  }

  private static Field cancelFlagField() {
    try {
      Field f = AvaticaStatement.class.getDeclaredField("cancelFlag");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException | RuntimeException e) {
      return null; // another Avatica: cancel still stops, and may stop the next execution too
    }
  }

  @Override
  ResultSet wrap(ResultSet calcite) {
    if (calcite == null) {
      return null;
    }
    SlowStatementLog.Execution execution = pending;
    pending = null;
    return new ShaleResultSet(connection, this, calcite, execution);
  }

  // ---- the direct executor --------------------------------------------------------------------

  /**
   * The direct statement of {@code sql} for an execution of this plain statement that wants {@code
   * rows} (TRUE: a query, FALSE: a write, null: either), or null when it goes to Calcite.
   */
  private DirectStatement direct(String sql, Boolean rows) throws SQLException {
    if (preparedSql != null || !settings.forwardOnlyReadOnly()) {
      return null;
    }
    DirectStatement direct = connection.direct(sql);
    if (direct == null
        || direct.parameterCount() > 0
        || (rows != null && rows != direct.isQuery())) {
      return null;
    }
    return direct;
  }

  /**
   * Runs {@code direct} with {@code parameters} as this statement's current execution: the result
   * set of the one before is closed, the cancel flag cleared, the row limit and query timeout this
   * statement's.
   */
  DirectResult runDirect(DirectStatement direct, Object[] parameters) throws SQLException {
    connection.checkOpen();
    checkNotClosed();
    endDirect();
    if (calcite != null) {
      calcite.close(); // JDBC: a new execution closes the result set of the last
      calcite = null;
    }
    cancelFlag.set(false);
    lastDirect = true;
    try {
      DirectResult result =
          direct.execute(
              connection.session(),
              parameters,
              cancelFlag,
              settings.queryTimeout() * 1000L,
              settings.maxRows());
      directCount = result.updateCount();
      return result;
    } catch (RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  /** The result set of {@code rows} with the columns {@code metaData}, as this statement's. */
  ResultSet directResultSet(DirectRows rows, DirectResultSetMetaData metaData) {
    directRows = new DirectResultSet(connection, this, rows, metaData, settings.fetchSize());
    return directRows;
  }

  /** A direct query's rows, handed out as this statement's result set (slow log attached). */
  ResultSet handOut(ResultSet rows) {
    ((DirectResultSet) rows).loggedAs(pending);
    pending = null;
    directResult = rows;
    directRows = null;
    return directResult;
  }

  /** A direct result set of this statement closed. */
  void rowsClosed() {
    if (settings.closeOnCompletion()) {
      try {
        close();
      } catch (SQLException e) {
        // closing a statement without Calcite's statement does not fail
      }
    }
  }

  /** Closes the last direct execution's result set and forgets its outcome. */
  private void endDirect() throws SQLException {
    lastDirect = false;
    directCount = -1;
    ResultSet open = directResult != null ? directResult : directRows;
    directResult = null;
    directRows = null;
    if (open != null) {
      open.close();
    }
  }

  /** A direct query's rows as a result set, or the update count of a direct write. */
  private Object directOutcome(DirectStatement direct, Object[] parameters) throws SQLException {
    DirectResult result = runDirect(direct, parameters);
    if (result.rows() == null) {
      return result.updateCount();
    }
    return directResultSet(result.rows(), DirectResultSetMetaData.of(direct));
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    DirectStatement direct = direct(sql, Boolean.TRUE);
    if (direct == null) {
      return super.executeQuery(sql);
    }
    return handOut((ResultSet) execution(sql, new DirectOutcome(direct)));
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    return (int) executeLargeUpdate(sql);
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    DirectStatement direct = direct(sql, Boolean.FALSE);
    if (direct == null) {
      return super.executeLargeUpdate(sql);
    }
    return (Long) execution(sql, new DirectOutcome(direct));
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    DirectStatement direct = direct(sql, null);
    if (direct == null) {
      return super.execute(sql);
    }
    return execution(sql, new DirectOutcome(direct)) instanceof ResultSet;
  }

  private static final Object[] NO_PARAMETERS = {};

  /**
   * An ad-hoc statement's direct execution: its result set, or its update count as a Long. A class,
   * not a lambda per call site: a lambda's class is spun the first time it is evaluated in a JVM
   * (about half a millisecond before the JIT has run), on the path of a first statement.
   */
  private final class DirectOutcome implements SqlErrors.SqlCall<Object> {
    private final DirectStatement direct;

    DirectOutcome(DirectStatement direct) {
      this.direct = direct;
    }

    @Override
    public Object call() throws SQLException {
      return directOutcome(direct, NO_PARAMETERS);
    }
  }

  // ---- what a statement without Calcite's answers itself ---------------------------------------

  @Override
  public ResultSet getResultSet() throws SQLException {
    if (!lastDirect) {
      return super.getResultSet();
    }
    connection.checkOpen();
    checkNotClosed();
    if (directResult == null && directRows != null) {
      handOut(directRows);
    }
    return directResult;
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return (int) getLargeUpdateCount();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    if (!lastDirect) {
      return super.getLargeUpdateCount();
    }
    connection.checkOpen();
    checkNotClosed();
    return directCount;
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return getMoreResults(CLOSE_CURRENT_RESULT);
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    if (!lastDirect) {
      return super.getMoreResults(current);
    }
    connection.checkOpen();
    checkNotClosed();
    if (current != KEEP_CURRENT_RESULT) {
      endDirect();
    } else {
      directResult = null;
      directRows = null;
    }
    lastDirect = true; // no more results: no result set, update count -1
    directCount = -1;
    return false;
  }

  @Override
  public int getMaxRows() throws SQLException {
    return (int) getLargeMaxRows();
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    setLargeMaxRows(max);
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    checkLive();
    return settings.maxRows();
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    checkLive();
    SqlErrors.run(
        () -> {
          if (calcite != null) {
            calcite.setLargeMaxRows(max);
          }
          settings.maxRows(max);
        });
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    checkLive();
    return settings.queryTimeout();
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    checkLive();
    SqlErrors.run(
        () -> {
          if (calcite != null) {
            calcite.setQueryTimeout(seconds);
          }
          settings.queryTimeout(seconds);
        });
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkLive();
    return settings.fetchSize();
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkLive();
    SqlErrors.run(
        () -> {
          if (calcite != null) {
            calcite.setFetchSize(rows);
          }
          settings.fetchSize(rows);
        });
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkLive();
    return settings.fetchDirection();
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkLive();
    SqlErrors.run(
        () -> {
          if (calcite != null) {
            calcite.setFetchDirection(direction);
          }
          settings.fetchDirection(direction);
        });
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    checkLive();
    return settings.maxFieldSize();
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    checkLive();
    SqlErrors.run(
        () -> {
          if (calcite != null) {
            calcite.setMaxFieldSize(max);
          }
          settings.maxFieldSize(max);
        });
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    checkLive();
    SqlErrors.run(
        () -> {
          if (calcite != null) {
            calcite.setEscapeProcessing(enable);
          }
          settings.escapeProcessing(enable);
        });
  }

  @Override
  public boolean isPoolable() throws SQLException {
    checkLive();
    return settings.poolable();
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    checkLive();
    SqlErrors.run(
        () -> {
          if (calcite != null) {
            calcite.setPoolable(poolable);
          }
          settings.poolable(poolable);
        });
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    checkLive();
    SqlErrors.run(
        () -> {
          if (calcite != null) {
            calcite.closeOnCompletion();
          }
          settings.closeOnCompletion(true);
        });
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    checkLive();
    return settings.closeOnCompletion();
  }

  @Override
  public int getResultSetType() throws SQLException {
    checkLive();
    return settings.resultSetType();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    checkLive();
    return settings.resultSetConcurrency();
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    checkLive();
    return settings.resultSetHoldability();
  }

  @Override
  public void cancel() throws SQLException {
    checkLive();
    cancelFlag.set(true);
    if (calcite != null) {
      SqlErrors.run(calcite::cancel);
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkLive();
    return calcite == null ? null : SqlErrors.call(calcite::getWarnings);
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkLive();
    if (calcite != null) {
      SqlErrors.run(calcite::clearWarnings);
    }
  }

  /** 08003 once the connection is closed, HY010 once this statement is. */
  private void checkLive() throws SQLException {
    connection.checkOpen();
    checkNotClosed();
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    finishPending();
    endDirect();
    super.close();
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  /** Closing a connection closes its statements (JDBC), whatever Calcite's statement says. */
  @Override
  public boolean isClosed() throws SQLException {
    if (connection.isClosed() || closed) {
      return true;
    }
    try {
      return calcite != null && calcite.isClosed();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String toString() {
    return "Statement[" + (calcite != null ? calcite : preparedSql) + "]";
  }
}
