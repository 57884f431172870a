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

  ShalePreparedStatement(ShaleConnection connection, PreparedStatement prepared, BatchRows batch) {
    super(connection, prepared, batch);
  }

  @Override
  PreparedStatement executable() throws SQLException {
    connection.checkOpen();
    clearCancel(prepared);
    return prepared;
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    try {
      return wrap(executable().executeQuery());
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int executeUpdate() throws SQLException {
    try {
      return executable().executeUpdate();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean execute() throws SQLException {
    try {
      return executable().execute();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
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
    try {
      return executable().executeLargeUpdate();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
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
    return batch.execute();
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
