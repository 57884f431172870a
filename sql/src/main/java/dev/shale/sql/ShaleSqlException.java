package dev.shale.sql;

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

  static ShaleSqlException duplicateKey(String key) {
    return new ShaleSqlException(
        "23505", "Duplicate key " + quote(key) + ": kv already has a row with this key");
  }

  static ShaleSqlException nullKey() {
    return new ShaleSqlException("23502", "NULL not allowed for column key of kv (primary key)");
  }

  static ShaleSqlException keyLength(String key, int bytes, int maxBytes) {
    return new ShaleSqlException(
        bytes == 0 ? "22023" : "22001",
        "Key "
            + quote(key)
            + " is "
            + bytes
            + " bytes; keys must be 1.."
            + maxBytes
            + " bytes (CESU-8)");
  }

  static ShaleSqlException valueLength(String key, int bytes, int maxBytes) {
    return new ShaleSqlException(
        "22001",
        "Value for key "
            + quote(key)
            + " is "
            + bytes
            + " bytes; values must be at most "
            + maxBytes
            + " bytes (CESU-8)");
  }

  static String quote(String key) {
    String shown = key.length() > 64 ? key.substring(0, 64) + "..." : key;
    return "'" + shown.replace("'", "''") + "'";
  }
}
