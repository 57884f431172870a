package dev.shale.jdbc;

import dev.shale.sql.direct.DirectResult;
import dev.shale.sql.direct.DirectRows;
import dev.shale.sql.direct.DirectStatement;
import java.sql.BatchUpdateException;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A prepared statement of a {@link ShaleConnection}. When the direct executor takes its SQL ({@link
 * DirectStatement}), it runs without Calcite: its parameters are Shale's {@link ParameterSlots},
 * its result sets {@link DirectResultSet}s, its metadata described as Calcite describes it. When
 * its SQL has the shape of the batch fast path ({@link BatchRows}), its batch is Shale's, not
 * Calcite's: addBatch records the parameters as the setters left them, and executeBatch writes all
 * rows in one engine write, with a {@link BatchUpdateException} at the first refused row, whatever
 * setters were used. Everything else is Calcite's prepared statement.
 */
final class ShalePreparedStatement extends PreparedStatementSetters {

  private final DirectStatement statement; // null: Calcite's
  private DirectResultSetMetaData metaData; // the direct statement's columns, made once
  private final List<Object[]> directBatch = new ArrayList<>(); // a direct write's added rows
  // The recorded parameters and rows of the batch fast path, or null if the SQL has none; for a
  // direct statement found on its first batch call (most prepared statements never batch, and
  // the batch shape's parse and classes would be a first statement's time).
  private BatchRows batch;
  private boolean batchKnown;

  ShalePreparedStatement(
      ShaleConnection connection,
      StatementSettings settings,
      SqlErrors.SqlCall<PreparedStatement> factory,
      String sql,
      DirectStatement statement,
      ParameterSlots slots,
      BatchRows batch)
      throws SQLException {
    super(connection, settings, factory, sql, statement != null, slots);
    this.statement = statement;
    this.batch = batch;
    this.batchKnown = statement == null;
  }

  /** The batch fast path of this statement, or null when it has none. */
  private BatchRows batch() throws SQLException {
    if (!batchKnown) {
      checkStatementOpen(); // 08003 or HY010 before anything else
      batch = connection.batchRows(preparedSql, slots);
      batchKnown = true;
    }
    return batch;
  }

  @Override
  PreparedStatement executable() throws SQLException {
    return (PreparedStatement) super.executable();
  }

  private DirectResultSetMetaData directMetaData() {
    if (metaData == null) {
      metaData = DirectResultSetMetaData.of(statement);
    }
    return metaData;
  }

  /** Runs the direct statement with the bound parameters. */
  private DirectResult runDirect() throws SQLException {
    connection.checkOpen();
    checkNotClosed();
    Object[] parameters;
    try {
      parameters = slots.values();
    } catch (SQLException e) {
      throw new SQLException("exception while executing query: " + e.getMessage(), e);
    }
    return runDirect(statement, parameters);
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    if (statement == null) {
      return wrap(execution(null, () -> executable().executeQuery()));
    }
    // The direct executions are anonymous classes, not lambdas: a lambda's class is spun the first
    // time it is evaluated in a JVM (about half a millisecond each before the JIT has run), which
    // the first statement of an application would pay.
    return handOut(
        execution(
            null,
            new SqlErrors.SqlCall<ResultSet>() {
              @Override
              public ResultSet call() throws SQLException {
                DirectResult result = runDirect();
                return result.rows() != null
                    ? directResultSet(result.rows(), directMetaData())
                    : directResultSet(
                        new RowCount(result.updateCount()), DirectResultSetMetaData.rowCount());
              }
            }));
  }

  @Override
  public int executeUpdate() throws SQLException {
    return (int) executeLargeUpdate();
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    if (statement == null) {
      return execution(null, () -> executable().executeLargeUpdate());
    }
    return execution(
        null,
        new SqlErrors.SqlCall<Long>() {
          @Override
          public Long call() throws SQLException {
            DirectResult result = runDirect();
            if (result.rows() != null) {
              result.rows().close();
              return -1L; // Avatica's update count of a query
            }
            return result.updateCount();
          }
        });
  }

  @Override
  public boolean execute() throws SQLException {
    if (statement == null) {
      return execution(null, () -> executable().execute());
    }
    return execution(
        null,
        new SqlErrors.SqlCall<Boolean>() {
          @Override
          public Boolean call() throws SQLException {
            DirectResult result = runDirect();
            if (result.rows() == null) {
              return false;
            }
            directResultSet(result.rows(), directMetaData());
            return true;
          }
        });
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    if (statement != null) {
      livePrepared();
      return directMetaData();
    }
    try {
      return livePrepared().getMetaData();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    if (statement != null) {
      livePrepared();
      return new DirectParameterMetaData(slots);
    }
    try {
      return livePrepared().getParameterMetaData();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void clearParameters() throws SQLException {
    PreparedStatement calcite = livePrepared();
    try {
      if (calcite != null) {
        calcite.clearParameters();
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
    if (slots != null) {
      slots.clear();
    }
  }

  @Override
  public void addBatch() throws SQLException {
    BatchRows batch = batch();
    if (batch != null) {
      checkStatementOpen();
      batch.add();
      return;
    }
    if (statement != null) {
      checkStatementOpen();
      directBatch.add(slots.allBound() ? boundValues() : null);
      return;
    }
    try {
      livePrepared().addBatch();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  private Object[] boundValues() throws SQLException {
    return slots.values();
  }

  @Override
  public void clearBatch() throws SQLException {
    if (statement == null) {
      super.clearBatch();
    } else {
      checkStatementOpen();
    }
    BatchRows batch = batch();
    if (batch != null) {
      batch.clear();
    }
    directBatch.clear();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    BatchRows batch = batch();
    if (batch != null) {
      connection.checkOpen();
      checkStatementOpen();
      return timed(null, batch::execute); // its BatchUpdateException as it is
    }
    if (statement != null) {
      connection.checkOpen();
      checkStatementOpen();
      return timed(null, this::executeDirectBatch);
    }
    return super.executeBatch();
  }

  /**
   * A direct write's batch: each row executed in turn, as Calcite's batch runs them; a failing row
   * stops the batch with a {@link BatchUpdateException} counting the rows before it.
   */
  private int[] executeDirectBatch() throws SQLException {
    List<Object[]> rows = List.copyOf(directBatch);
    directBatch.clear();
    int[] counts = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      try {
        if (rows.get(i) == null) {
          throw new SQLException("exception while executing query: unbound parameter");
        }
        counts[i] = (int) runDirect(statement, rows.get(i)).updateCount();
      } catch (SQLException e) {
        SQLException translated = SqlErrors.translate(e);
        throw new BatchUpdateException(
            translated.getMessage(),
            translated.getSQLState(),
            translated.getErrorCode(),
            Arrays.copyOf(counts, i),
            translated);
      }
    }
    return counts;
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    if (batch() == null && statement == null) {
      return super.executeLargeBatch();
    }
    return Arrays.stream(executeBatch()).asLongStream().toArray();
  }

  /** 08003 once the connection is closed, HY010 once this statement is. */
  private void checkStatementOpen() throws SQLException {
    livePrepared();
  }

  /** The one row of a write's update count, which executeQuery of a write returns (Avatica's). */
  private static final class RowCount implements DirectRows {
    private final long count;
    private int at;

    RowCount(long count) {
      this.count = count;
    }

    @Override
    public boolean next() {
      return ++at == 1;
    }

    @Override
    public Object get(int column) {
      return count;
    }

    @Override
    public void close() {}
  }

  @Override
  public String toString() {
    return "PreparedStatement[" + (made() != null ? made() : statement) + "]";
  }
}
