package dev.shale.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a statement was told before Calcite's statement behind it exists (most never need one: the
 * direct executor runs them): its row limit, query timeout, fetch size and the like, checked as
 * Avatica checks them, and given to Calcite's statement when one is made. Once one exists, each
 * setting goes to it as well, and the two agree.
 */
final class StatementSettings {

  private final int resultSetType;
  private final int resultSetConcurrency;
  private final int resultSetHoldability;
  private long maxRows;
  private int queryTimeout;
  private int fetchSize = -1;
  private int fetchDirection = ResultSet.FETCH_FORWARD;
  private boolean fetchDirectionSet;
  private int maxFieldSize;
  private boolean maxFieldSizeSet;
  private Boolean escapeProcessing;
  private boolean poolable;
  private boolean poolableSet;
  private boolean closeOnCompletion;

  StatementSettings(int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
    this.resultSetType = resultSetType;
    this.resultSetConcurrency = resultSetConcurrency;
    this.resultSetHoldability = resultSetHoldability;
  }

  /** A forward-only, read-only statement whose result sets stay open over commits (Avatica's). */
  static StatementSettings defaults() {
    return new StatementSettings(
        ResultSet.TYPE_FORWARD_ONLY,
        ResultSet.CONCUR_READ_ONLY,
        ResultSet.HOLD_CURSORS_OVER_COMMIT);
  }

  /** Whether its result sets are forward-only and read-only: what the direct executor gives. */
  boolean forwardOnlyReadOnly() {
    return resultSetType == ResultSet.TYPE_FORWARD_ONLY
        && resultSetConcurrency == ResultSet.CONCUR_READ_ONLY;
  }

  int resultSetType() {
    return resultSetType;
  }

  int resultSetConcurrency() {
    return resultSetConcurrency;
  }

  int resultSetHoldability() {
    return resultSetHoldability;
  }

  long maxRows() {
    return maxRows;
  }

  void maxRows(long max) throws SQLException {
    if (max < 0) {
      throw new SQLException("illegal maxRows value: " + max);
    }
    maxRows = max;
  }

  int queryTimeout() {
    return queryTimeout;
  }

  void queryTimeout(int seconds) throws SQLException {
    if (seconds < 0) {
      throw new SQLException("illegal timeout value " + seconds);
    }
    queryTimeout = seconds;
  }

  int fetchSize() {
    return fetchSize;
  }

  void fetchSize(int rows) {
    fetchSize = rows;
  }

  int fetchDirection() {
    return fetchDirectionSet ? fetchDirection : 0;
  }

  void fetchDirection(int direction) {
    fetchDirection = direction;
    fetchDirectionSet = true;
  }

  int maxFieldSize() {
    return maxFieldSize;
  }

  void maxFieldSize(int max) {
    maxFieldSize = max;
    maxFieldSizeSet = true;
  }

  void escapeProcessing(boolean enable) {
    escapeProcessing = enable;
  }

  boolean poolable() {
    return poolable;
  }

  void poolable(boolean value) {
    poolable = value;
    poolableSet = true;
  }

  boolean closeOnCompletion() {
    return closeOnCompletion;
  }

  void closeOnCompletion(boolean value) {
    closeOnCompletion = value;
  }

  /** Gives Calcite's new statement {@code calcite} what this one was told. */
  void applyTo(Statement calcite) throws SQLException {
    if (maxRows != 0) {
      calcite.setLargeMaxRows(maxRows);
    }
    if (queryTimeout != 0) {
      calcite.setQueryTimeout(queryTimeout);
    }
    if (fetchSize != -1) {
      calcite.setFetchSize(fetchSize);
    }
    if (fetchDirectionSet) {
      calcite.setFetchDirection(fetchDirection);
    }
    if (maxFieldSizeSet) {
      calcite.setMaxFieldSize(maxFieldSize);
    }
    if (escapeProcessing != null) {
      calcite.setEscapeProcessing(escapeProcessing);
    }
    if (poolableSet) {
      calcite.setPoolable(poolable);
    }
    if (closeOnCompletion) {
      calcite.closeOnCompletion();
    }
  }
}
