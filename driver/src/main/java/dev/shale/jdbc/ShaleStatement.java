package dev.shale.jdbc;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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
  private static final Field CANCEL_FLAG = cancelFlagField();

  final ShaleConnection connection;

  /** A prepared statement's SQL; null for a plain statement. */
  private final String preparedSql;

  /** The execution whose result set is still to be read, for the slow-statement log. */
  private SlowStatementLog.Execution pending;

  ShaleStatement(ShaleConnection connection, Statement target) {
    this(connection, target, null);
  }

  ShaleStatement(ShaleConnection connection, Statement target, String preparedSql) {
    super(target);
    this.connection = connection;
    this.preparedSql = preparedSql;
  }

  /** Runs an execution, timed for the connection's slow-statement log when it has one. */
  @Override
  <T> T execution(String sql, SqlErrors.SqlCall<T> call) throws SQLException {
    return timed(sql, () -> super.execution(sql, call));
  }

  /**
   * Runs {@code call} (whose failures are already JDBC's: a batch's BatchUpdateException stays
   * one), timed for the slow-statement log when the connection has one.
   */
  <T> T timed(String sql, SqlErrors.SqlCall<T> call) throws SQLException {
    SlowStatementLog slow = connection.slowLog();
    if (slow == null) {
      return call.call();
    }
    finishPending();
    SlowStatementLog.Execution execution = slow.start(sql != null ? sql : preparedSql);
    T result;
    try {
      result = call.call();
    } catch (SQLException e) {
      execution.executed();
      execution.failed(e);
      throw e;
    }
    execution.executed();
    if (result instanceof ResultSet || Boolean.TRUE.equals(result)) {
      pending = execution; // finished by its result set
    } else if (Boolean.FALSE.equals(result)) {
      execution.finish(target.getLargeUpdateCount()); // execute(sql) of an update
    } else {
      execution.finish(updateCount(result));
    }
    return result;
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
    clearCancel(target);
    return target;
  }

  @Override
  Statement live() throws SQLException {
    connection.checkOpen();
    if (target.isClosed()) {
      throw SqlErrors.statementClosed();
    }
    return target;
  }

  /** Clears the cancel flag of Calcite's statement {@code calcite}, before it executes. */
  static void clearCancel(Statement calcite) throws SQLException {
    if (CANCEL_FLAG == null || !calcite.isWrapperFor(AvaticaStatement.class)) {
      return;
    }
    try {
      ((AtomicBoolean) CANCEL_FLAG.get(calcite.unwrap(AvaticaStatement.class))).set(false);
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

  @Override
  public void close() throws SQLException {
    finishPending();
    super.close();
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  /** Closing a connection closes its statements (JDBC), whatever Calcite's statement says. */
  @Override
  public boolean isClosed() throws SQLException {
    if (connection.isClosed()) {
      return true;
    }
    try {
      return target.isClosed();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String toString() {
    return "Statement[" + target + "]";
  }
}
