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

  ShaleStatement(ShaleConnection connection, Statement target) {
    super(target);
    this.connection = connection;
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
    return calcite == null ? null : new ShaleResultSet(connection, this, calcite);
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
