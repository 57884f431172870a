package dev.shale.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * Every {@link Statement} method as a call to Calcite's statement (made when first needed: a
 * statement the direct executor runs never makes one); what Calcite throws comes out as {@link
 * SqlErrors#translate}d. Executions go through {@link #executable}, which checks the connection
 * first; result sets come back through {@link #wrap}.
 */
abstract class ForwardingStatement implements Statement {

  ForwardingStatement() {}

  /** Calcite's statement, made on first need. */
  abstract Statement target() throws SQLException;

  /** Calcite's statement if it has been made, else null. */
  abstract Statement made();

  /** {@link #target}, once the connection is known to be open; 08003 if it is closed. */
  abstract Statement executable() throws SQLException;

  /**
   * {@link #target} for any other call: 08003 once the connection is closed, HY010 once the
   * statement is.
   */
  abstract Statement live() throws SQLException;

  /**
   * Runs one execution of {@code sql} (null: the prepared statement's), its failure {@link
   * SqlErrors#translate}d.
   */
  <T> T execution(String sql, SqlErrors.SqlCall<T> call) throws SQLException {
    return SqlErrors.call(call);
  }

  /** Shale's face of a result set Calcite returned (null stays null). */
  abstract ResultSet wrap(ResultSet calcite);

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    return wrap(execution(sql, () -> executable().executeQuery(sql)));
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    return execution(sql, () -> executable().executeUpdate(sql));
  }

  @Override
  public void close() throws SQLException {
    try {
      Statement target = made();
      if (target != null) {
        target.close();
      }
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    try {
      return live().getMaxFieldSize();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    try {
      live().setMaxFieldSize(max);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getMaxRows() throws SQLException {
    try {
      return live().getMaxRows();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    try {
      live().setMaxRows(max);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    try {
      live().setEscapeProcessing(enable);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    try {
      return live().getQueryTimeout();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    try {
      live().setQueryTimeout(seconds);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void cancel() throws SQLException {
    try {
      live().cancel();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    try {
      return live().getWarnings();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void clearWarnings() throws SQLException {
    try {
      live().clearWarnings();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setCursorName(String name) throws SQLException {
    try {
      live().setCursorName(name);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    return execution(sql, () -> executable().execute(sql));
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    try {
      return wrap(live().getResultSet());
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getUpdateCount() throws SQLException {
    try {
      return live().getUpdateCount();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    try {
      return live().getMoreResults();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    try {
      live().setFetchDirection(direction);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    try {
      return live().getFetchDirection();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    try {
      live().setFetchSize(rows);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getFetchSize() throws SQLException {
    try {
      return live().getFetchSize();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    try {
      return live().getResultSetConcurrency();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getResultSetType() throws SQLException {
    try {
      return live().getResultSetType();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    try {
      live().addBatch(sql);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void clearBatch() throws SQLException {
    try {
      live().clearBatch();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return execution(null, () -> executable().executeBatch());
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    try {
      return live().getMoreResults(current);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    try {
      return wrap(live().getGeneratedKeys());
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return execution(sql, () -> executable().executeUpdate(sql, autoGeneratedKeys));
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    return execution(sql, () -> executable().execute(sql, autoGeneratedKeys));
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    try {
      return live().getResultSetHoldability();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    try {
      live().setPoolable(poolable);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean isPoolable() throws SQLException {
    try {
      return live().isPoolable();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    try {
      live().closeOnCompletion();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    try {
      return live().isCloseOnCompletion();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    try {
      return live().getLargeUpdateCount();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    try {
      live().setLargeMaxRows(max);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    try {
      return live().getLargeMaxRows();
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return execution(null, () -> executable().executeLargeBatch());
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    return execution(sql, () -> executable().executeLargeUpdate(sql));
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return execution(sql, () -> executable().executeLargeUpdate(sql, autoGeneratedKeys));
  }

  @Override
  public String enquoteLiteral(String val) throws SQLException {
    try {
      return live().enquoteLiteral(val);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
    try {
      return live().enquoteIdentifier(identifier, alwaysQuote);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean isSimpleIdentifier(String identifier) throws SQLException {
    try {
      return live().isSimpleIdentifier(identifier);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String enquoteNCharLiteral(String val) throws SQLException {
    try {
      return live().enquoteNCharLiteral(val);
    } catch (SQLException | RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    return execution(sql, () -> executable().execute(sql, columnNames));
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    return execution(sql, () -> executable().execute(sql, columnIndexes));
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    return execution(sql, () -> executable().executeUpdate(sql, columnNames));
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return execution(sql, () -> executable().executeUpdate(sql, columnIndexes));
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    return execution(sql, () -> executable().executeLargeUpdate(sql, columnNames));
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return execution(sql, () -> executable().executeLargeUpdate(sql, columnIndexes));
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return SqlErrors.call(() -> target().unwrap(iface));
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || SqlErrors.call(() -> target().isWrapperFor(iface));
  }
}
