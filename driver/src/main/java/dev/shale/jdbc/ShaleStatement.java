package dev.shale.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A statement of a {@link ShaleConnection}: Calcite's statement, executing only while the
 * connection is open (08003 after it closed), whose result sets answer {@code getStatement()} with
 * this statement and whose {@code getConnection()} is Shale's connection.
 */
class ShaleStatement extends ForwardingStatement {

  final ShaleConnection connection;

  ShaleStatement(ShaleConnection connection, Statement target) {
    super(target);
    this.connection = connection;
  }

  @Override
  Statement executable() throws SQLException {
    connection.checkOpen();
    return target;
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
