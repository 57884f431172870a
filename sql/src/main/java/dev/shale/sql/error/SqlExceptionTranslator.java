package dev.shale.sql.error;

import dev.shale.engine.DbException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Turns whatever a statement threw (our own errors, engine errors, Calcite's parse and validation
 * errors, runtime errors of SQL expressions) into one {@link SQLException} with a standard SQLState
 * and a message that names the thing at fault.
 */
public final class SqlExceptionTranslator {

  private static final Pattern UNKNOWN_TABLE =
      Pattern.compile("(?s).*(Object|Table) '.*' not found.*");
  private static final Pattern NOT_NULL = Pattern.compile("(?s).*does not allow NULLs.*");
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("(?s).*Column '.*' not found.*");

  private SqlExceptionTranslator() {}

  public static SQLException translate(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ShaleSqlException e) {
        return create(e.sqlState(), e.getMessage(), thrown);
      }
      if (t instanceof DbException e) {
        return create(sqlState(e.kind()), e.getMessage(), thrown);
      }
      if (t instanceof SqlParseException e) {
        return create(SqlStates.SYNTAX_ERROR, syntaxMessage(e), thrown);
      }
      if (t instanceof CalciteContextException e) {
        String message = e.getMessage();
        String state;
        if (NOT_NULL.matcher(message).matches()) {
          state = SqlStates.NOT_NULL_VIOLATION;
        } else if (UNKNOWN_TABLE.matcher(message).matches()) {
          state = SqlStates.UNKNOWN_TABLE;
        } else if (UNKNOWN_COLUMN.matcher(message).matches()) {
          state = SqlStates.UNKNOWN_COLUMN;
        } else {
          state = SqlStates.SYNTAX_ERROR;
        }
        return create(state, message, thrown);
      }
      if (t instanceof SqlValidatorException e) {
        return create(SqlStates.SYNTAX_ERROR, e.getMessage(), thrown);
      }
      if (t instanceof NumberFormatException e) {
        return create(
            SqlStates.INVALID_CAST, "Invalid character value for cast: " + e.getMessage(), thrown);
      }
      if (t instanceof StackOverflowError) {
        // The front door's limits keep statements below this; a smaller thread stack may not.
        return create(
            SqlStates.STATEMENT_TOO_COMPLEX,
            "Statement too complex: planning or running it overflowed the thread's stack;"
                + " simplify it (fewer nested or chained terms), or give the thread a larger stack",
            thrown);
      }
      if (t instanceof ArithmeticException e) {
        return create(SqlStates.DIVISION_BY_ZERO, "Arithmetic error: " + e.getMessage(), thrown);
      }
    }
    if (thrown instanceof SQLException e && e.getSQLState() != null) {
      return e;
    }
    String avatica = avaticaState(thrown.getMessage());
    if (avatica != null) {
      return create(avatica, thrown.getMessage(), thrown);
    }
    String message = thrown.getMessage() != null ? thrown.getMessage() : thrown.toString();
    return create(SqlStates.GENERAL_ERROR, message, thrown);
  }

  /**
   * The state of one of Avatica's own refusals, which carry none: a call on a closed connection,
   * statement or result set, or a statement it saw canceled; null for any other message.
   */
  private static String avaticaState(String message) {
    if (message == null) {
      return null;
    }
    return switch (message) {
      case "Connection closed" -> SqlStates.CONNECTION_CLOSED;
      case "Statement closed", "ResultSet closed" -> SqlStates.OBJECT_CLOSED;
      case "Statement canceled" -> SqlStates.QUERY_CANCELED;
      default -> null;
    };
  }

  /** The parser's first line (not its list of every token it expected), with the position. */
  private static String syntaxMessage(SqlParseException e) {
    String first = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0].strip();
    String where =
        e.getPos() == null || first.contains(" at line ")
            ? ""
            : " (at line "
                + e.getPos().getLineNum()
                + ", column "
                + e.getPos().getColumnNum()
                + ")";
    return "Syntax error: " + first + where;
  }

  static String sqlState(DbException.Kind kind) {
    return switch (kind) {
      case INVALID_ARGUMENT -> SqlStates.STRING_TOO_LONG;
      case LOCKED -> SqlStates.CANNOT_CONNECT;
      case CLOSED -> SqlStates.CONNECTION_CLOSED;
      case IO -> SqlStates.IO_ERROR;
      case CORRUPTION -> SqlStates.CORRUPTION;
      case CONFLICT -> SqlStates.SERIALIZATION_FAILURE;
    };
  }

  /**
   * The SQLException of {@code state} (the JDBC subclass its class names: integrity, syntax, data,
   * connection, rollback, timeout…) with {@code message}; how a remote connection rebuilds what the
   * server's driver threw.
   */
  public static SQLException fromState(String state, String message, Throwable cause) {
    return create(state, message, cause);
  }

  private static SQLException create(String state, String message, Throwable cause) {
    SQLException e;
    if (state.startsWith("23")) {
      e = new SQLIntegrityConstraintViolationException(message, state);
    } else if (state.startsWith("42")) {
      e = new SQLSyntaxErrorException(message, state);
    } else if (state.startsWith("0A")) {
      e = new SQLFeatureNotSupportedException(message, state);
    } else if (state.startsWith("22")) {
      e = new SQLDataException(message, state);
    } else if (state.startsWith("08")) {
      e = new SQLNonTransientConnectionException(message, state);
    } else if (state.startsWith("28")) {
      e = new java.sql.SQLInvalidAuthorizationSpecException(message, state);
    } else if (state.startsWith("40")) {
      e = new SQLTransactionRollbackException(message, state);
    } else {
      e = new SQLException(message, state);
    }
    e.initCause(cause);
    return e;
  }
}
