package dev.shale.sql.bulk;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;

/** The reasons a load rejects a row, each naming its rule or limit and the SQLState of INSERT. */
final class Rejects {

  private Rejects() {}

  static Reject fieldCount(long line, int fields) {
    return new Reject(
        line,
        SqlStates.SYNTAX_ERROR,
        "wrong field count: " + fields + " field(s), a row is key,value (2 fields)");
  }

  static Reject nullKey(long line) {
    return new Reject(
        line,
        SqlStates.NOT_NULL_VIOLATION,
        "NULL key (an unquoted empty field): key is the primary key, NOT NULL");
  }

  static Reject emptyKey(long line, int maxKeyBytes) {
    return new Reject(
        line,
        SqlStates.INVALID_PARAMETER_VALUE,
        "empty key: keys must be 1.." + maxKeyBytes + " bytes (CESU-8)");
  }

  static Reject keyTooLong(long line, String key, int bytes, int maxKeyBytes) {
    return new Reject(
        line,
        SqlStates.STRING_TOO_LONG,
        "key too long: "
            + ShaleSqlException.quote(key)
            + " is "
            + bytes
            + " bytes; keys must be 1.."
            + maxKeyBytes
            + " bytes (CESU-8)");
  }

  static Reject valueTooLong(long line, String key, int bytes, int maxValueBytes) {
    return new Reject(
        line,
        SqlStates.STRING_TOO_LONG,
        "value too long: the value for key "
            + ShaleSqlException.quote(key)
            + " is "
            + bytes
            + " bytes; values must be at most "
            + maxValueBytes
            + " bytes (CESU-8, maxValueBytes)");
  }

  static Reject exists(long line, String key) {
    return new Reject(
        line,
        SqlStates.UNIQUE_VIOLATION,
        "duplicate key "
            + ShaleSqlException.quote(key)
            + ": kv already has a row with this key (insert mode; from before the load or an"
            + " earlier line)");
  }

  static Reject repeated(long line, String key, long earlierLine) {
    return new Reject(
        line,
        SqlStates.UNIQUE_VIOLATION,
        "duplicate key "
            + ShaleSqlException.quote(key)
            + ": the file has it on line "
            + earlierLine
            + " too (insert mode)");
  }

  static Reject malformed(long line, String detail) {
    return new Reject(
        line, SqlStates.SYNTAX_ERROR, "malformed quoting, the load cannot go on: " + detail);
  }

  static Reject notUtf8(long line) {
    return new Reject(
        line, SqlStates.INVALID_PARAMETER_VALUE, "not UTF-8: the input must be UTF-8 text");
  }
}
