package dev.shale.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
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
  public ResultSetMetaData getMetaData() throws SQLException {
    ResultSetMetaData columns = super.getMetaData();
    // The rows of Shale's metadata answers describe themselves; a query's columns may be kv's.
    return columns == null || columns instanceof MetaRowsMetaData
        ? columns
        : new KvResultSetMetaData(connection, columns);
  }

  @Override
  public String toString() {
    return "ResultSet[" + target + "]";
  }
}
