package dev.shale.jdbc;

import dev.shale.sql.error.SqlExceptionTranslator;
import dev.shale.sql.error.SqlStates;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/**
 * How Shale's JDBC objects fail: whatever Calcite or the engine throws from a method that declares
 * SQLException leaves it as one {@link SQLException} with a standard SQLState, never as another
 * Throwable.
 */
final class SqlErrors {

  /** A JDBC call on Calcite's object. */
  interface SqlCall<T> {
    T call() throws SQLException;
  }

  /** A JDBC call on Calcite's object that returns nothing. */
  interface SqlRun {
    void run() throws SQLException;
  }

  private SqlErrors() {}

  /** {@code thrown} as an SQLException with a standard SQLState (itself if it already is one). */
  static SQLException translate(Throwable thrown) {
    return SqlExceptionTranslator.translate(thrown);
  }

  static <T> T call(SqlCall<T> call) throws SQLException {
    try {
      return call.call();
    } catch (SQLException | RuntimeException | Error e) {
      throw translate(e);
    }
  }

  static void run(SqlRun run) throws SQLException {
    try {
      run.run();
    } catch (SQLException | RuntimeException | Error e) {
      throw translate(e);
    }
  }

  static SQLException connectionClosed() {
    return new SQLNonTransientConnectionException(
        "The connection is closed", SqlStates.CONNECTION_CLOSED);
  }

  static SQLException statementClosed() {
    return new SQLException("The statement is closed", SqlStates.OBJECT_CLOSED);
  }
}
