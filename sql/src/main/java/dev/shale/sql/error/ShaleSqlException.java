package dev.shale.sql.error;

/**
 * A failure a user caused or must hear about, carrying its SQLState. It travels as an unchecked
 * exception through Calcite's generated code; the driver turns it into a {@link
 * java.sql.SQLException} with the same state and message.
 */
public final class ShaleSqlException extends RuntimeException {

  private final String sqlState;

  public ShaleSqlException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  public ShaleSqlException(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }

  public static ShaleSqlException duplicateKey(String key) {
    return new ShaleSqlException(
        SqlStates.UNIQUE_VIOLATION,
        "Duplicate key " + quote(key) + ": kv already has a row with this key");
  }

  public static ShaleSqlException nullKey() {
    return new ShaleSqlException(
        SqlStates.NOT_NULL_VIOLATION, "NULL not allowed for column key of kv (primary key)");
  }

  public static ShaleSqlException keyLength(String key, int bytes, int maxBytes) {
    return new ShaleSqlException(
        bytes == 0 ? SqlStates.INVALID_PARAMETER_VALUE : SqlStates.STRING_TOO_LONG,
        "Key "
            + quote(key)
            + " is "
            + bytes
            + " bytes; keys must be 1.."
            + maxBytes
            + " bytes (CESU-8)");
  }

  public static ShaleSqlException valueLength(String key, int bytes, int maxBytes) {
    return new ShaleSqlException(
        SqlStates.STRING_TOO_LONG,
        "Value for key "
            + quote(key)
            + " is "
            + bytes
            + " bytes; values must be at most "
            + maxBytes
            + " bytes (CESU-8)");
  }

  public static String quote(String key) {
    String shown = key.length() > 64 ? key.substring(0, 64) + "..." : key;
    return "'" + shown.replace("'", "''") + "'";
  }
}
