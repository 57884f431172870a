package dev.shale.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set of Calcite's whose {@code getStatement()} is the Shale statement that produced it,
 * and whose every failure, also while iterating, is an SQLException with a standard SQLState.
 */
final class ShaleResultSet extends ForwardingResultSet {

  private final ShaleConnection connection;
  private final Statement statement; // null for the result sets of DatabaseMetaData

  ShaleResultSet(ShaleConnection connection, Statement statement, ResultSet target) {
    super(target);
    this.connection = connection;
    this.statement = statement;
  }

  @Override
  public Statement getStatement() throws SQLException {
    if (statement != null) {
      return statement;
    }
    Statement calcite = SqlErrors.call(target::getStatement);
    return calcite == null ? null : new ShaleStatement(connection, calcite);
  }

  @Override
  public String toString() {
    return "ResultSet[" + target + "]";
  }
}
