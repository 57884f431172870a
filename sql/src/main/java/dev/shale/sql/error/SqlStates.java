package dev.shale.sql.error;

/**
 * Every SQLState Shale reports, in one place; the README's error table lists the same. The first
 * two characters are the class (SQL:2016 and JDBC): 08 connection, 0A feature, 22 data, 23
 * integrity, 25 transaction state, 3B savepoint, 40 transaction rollback, 42 syntax or access, 54
 * program limit, 58 system, XX internal (PostgreSQL's class for corruption), HY driver (ODBC's
 * class, which JDBC drivers share).
 */
public final class SqlStates {

  private SqlStates() {}

  /** A parameter index that the statement does not have. */
  public static final String INVALID_PARAMETER_INDEX = "07009";

  /** A bad URL or setting, or the directory is locked by another process. */
  public static final String CANNOT_CONNECT = "08001";

  /** The connection (or its database) is closed. */
  public static final String CONNECTION_CLOSED = "08003";

  /** The server refused the connection: a setting a client may not give, or too many open. */
  public static final String CONNECTION_REJECTED = "08004";

  /** The server could not be reached, or stopped answering. */
  public static final String CONNECTION_FAILURE = "08006";

  /** The user name or password was not accepted. */
  public static final String INVALID_AUTHORIZATION = "28000";

  /** A feature Shale does not have (yet). */
  public static final String FEATURE_NOT_SUPPORTED = "0A000";

  /** A key or value longer than its limit. */
  public static final String STRING_TOO_LONG = "22001";

  /** Division by zero and other arithmetic errors of SQL expressions. */
  public static final String DIVISION_BY_ZERO = "22012";

  /** A text that is not a number where a number is needed. */
  public static final String INVALID_CAST = "22018";

  /** A negative or non-numeric LIMIT (FETCH) parameter. */
  public static final String INVALID_LIMIT = "2201W";

  /** A negative OFFSET parameter. */
  public static final String INVALID_OFFSET = "2201X";

  /** An empty key. */
  public static final String INVALID_PARAMETER_VALUE = "22023";

  /** NULL where the column does not allow it (the key). */
  public static final String NOT_NULL_VIOLATION = "23502";

  /** A key that is there already. */
  public static final String UNIQUE_VIOLATION = "23505";

  /** A savepoint call outside a transaction (auto-commit mode). */
  public static final String INVALID_TRANSACTION_STATE = "25000";

  /** A statement that cannot run inside a transaction (CALL shale.load and the like). */
  public static final String ACTIVE_TRANSACTION = "25001";

  /** A write in a read-only connection or transaction. */
  public static final String READ_ONLY_TRANSACTION = "25006";

  /** A savepoint that is not (or no longer) in the transaction. */
  public static final String INVALID_SAVEPOINT = "3B001";

  /** A write that conflicts with another transaction's (first committer wins). */
  public static final String SERIALIZATION_FAILURE = "40001";

  /** A syntax error or invalid statement. */
  public static final String SYNTAX_ERROR = "42000";

  /**
   * Not allowed: a write to a read-only system table ({@code sys.*}), or a remote client's file
   * procedures.
   */
  public static final String INSUFFICIENT_PRIVILEGE = "42501";

  /** An unknown table. */
  public static final String UNKNOWN_TABLE = "42S02";

  /** An unknown column. */
  public static final String UNKNOWN_COLUMN = "42S22";

  /** A transaction whose buffered writes outgrow their limit (transactionMaxBytes). */
  public static final String PROGRAM_LIMIT_EXCEEDED = "54000";

  /** An I/O error of the database's files. */
  public static final String IO_ERROR = "58030";

  /** Corruption detected (a checksum failed); the message names the file. */
  public static final String CORRUPTION = "XX001";

  /** A statement too complex to plan in bounded time (nesting, list or operator limits). */
  public static final String STATEMENT_TOO_COMPLEX = "54001";

  /** A statement stopped by {@code Statement.cancel()} or its query timeout. */
  public static final String QUERY_CANCELED = "57014";

  /** A call on a closed statement or result set. */
  public static final String OBJECT_CLOSED = "HY010";

  /** Anything else: a failure Shale has no better state for. */
  public static final String GENERAL_ERROR = "HY000";
}
