package dev.shale.jdbc;

import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * A prepared statement of a {@link ShaleConnection}. When its SQL has the shape of the batch fast
 * path ({@link BatchRows}), its batch is Shale's, not Calcite's: addBatch records the parameters as
 * the setters left them, and executeBatch writes all rows in one engine write, with a {@link
 * java.sql.BatchUpdateException} at the first refused row, whatever setters were used.
 */
final class ShalePreparedStatement extends PreparedStatementSetters {

  ShalePreparedStatement(
      ShaleConnection connection, PreparedStatement prepared, String sql, BatchRows batch) {
    super(connection, prepared, sql, batch);
  }

  @Override
  PreparedStatement executable() throws SQLException {
    connection.checkOpen();
    clearCancel(prepared);
    return prepared;
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return wrap(execution(null, () -> executable().executeQuery()));
  }

  @Override
  public int executeUpdate() throws SQLException {
    return execution(null, () -> executable().executeUpdate());
  }

  @Override
  public boolean execute() throws SQLException {
    return execution(null, () -> executable().execute());
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    try {
      return livePrepared().getMetaData();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    try {
      return livePrepared().getParameterMetaData();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return execution(null, () -> executable().executeLargeUpdate());
  }

  @Override
  public void clearParameters() throws SQLException {
    try {
      livePrepared().clearParameters();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
    if (batch != null) {
      batch.clearParameters();
    }
  }

  @Override
  public void addBatch() throws SQLException {
    if (batch == null) {
      try {
        livePrepared().addBatch();
      } catch (SQLException | RuntimeException | Error e) {
        throw SqlErrors.translate(e);
      }
      return;
    }
    checkStatementOpen();
    batch.add();
  }

  @Override
  public void clearBatch() throws SQLException {
    super.clearBatch();
    if (batch != null) {
      batch.clear();
    }
  }

  @Override
  public int[] executeBatch() throws SQLException {
    if (batch == null) {
      return super.executeBatch();
    }
    connection.checkOpen();
    checkStatementOpen();
    return timed(null, batch::execute); // its BatchUpdateException as it is
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    if (batch == null) {
      return super.executeLargeBatch();
    }
    return Arrays.stream(executeBatch()).asLongStream().toArray();
  }

  /** 08003 once the connection is closed, HY010 once this statement is. */
  private void checkStatementOpen() throws SQLException {
    live();
  }

  @Override
  public String toString() {
    return "PreparedStatement[" + target + "]";
  }
}
