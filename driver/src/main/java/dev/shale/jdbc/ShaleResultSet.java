package dev.shale.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set of Calcite's whose {@code getStatement()} is the Shale statement that produced it,
 * and whose every failure, also while iterating, is an SQLException with a standard SQLState. Once
 * its connection is closed, moving, reading and describing it fail with 08003 (Calcite's result set
 * would go on answering from the rows it holds).
 */
final class ShaleResultSet extends ForwardingResultSet {

  private final ShaleConnection connection;
  private final Statement statement; // null for the result sets of DatabaseMetaData

  /** The execution that made this result set, for the slow-statement log; null when off. */
  private final SlowStatementLog.Execution execution;

  ShaleResultSet(ShaleConnection connection, Statement statement, ResultSet target) {
    this(connection, statement, target, null);
  }

  ShaleResultSet(
      ShaleConnection connection,
      Statement statement,
      ResultSet target,
      SlowStatementLog.Execution execution) {
    super(target);
    this.connection = connection;
    this.statement = statement;
    this.execution = execution;
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
  public boolean next() throws SQLException {
    connection.checkOpen();
    if (execution == null || execution.isFinished()) {
      return super.next();
    }
    return execution.fetch(super::next);
  }

  @Override
  public void close() throws SQLException {
    if (execution != null) {
      execution.finish(-1);
    }
    super.close();
  }

  @Override
  public boolean previous() throws SQLException {
    connection.checkOpen();
    return super.previous();
  }

  @Override
  public boolean absolute(int row) throws SQLException {
    connection.checkOpen();
    return super.absolute(row);
  }

  @Override
  public boolean relative(int rows) throws SQLException {
    connection.checkOpen();
    return super.relative(rows);
  }

  @Override
  public boolean first() throws SQLException {
    connection.checkOpen();
    return super.first();
  }

  @Override
  public boolean last() throws SQLException {
    connection.checkOpen();
    return super.last();
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    connection.checkOpen();
    ResultSetMetaData columns = super.getMetaData();
    // The rows of Shale's metadata answers describe themselves; a query's columns may be kv's.
    return columns == null || columns instanceof MetaRowsMetaData
        ? columns
        : new KvResultSetMetaData(connection, columns);
  }

  @Override
  public String getString(int column) throws SQLException {
    connection.checkOpen();
    return super.getString(column);
  }

  @Override
  public String getString(String column) throws SQLException {
    connection.checkOpen();
    return super.getString(column);
  }

  @Override
  public Object getObject(int column) throws SQLException {
    connection.checkOpen();
    return super.getObject(column);
  }

  @Override
  public Object getObject(String column) throws SQLException {
    connection.checkOpen();
    return super.getObject(column);
  }

  @Override
  public String toString() {
    return "ResultSet[" + target + "]";
  }
}
