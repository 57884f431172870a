package dev.shale.jdbc;

import dev.shale.sql.error.SqlStates;
import dev.shale.sql.session.BatchInsert;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaSite;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The batch of a prepared statement of the shape {@link BatchInsert} takes: its two parameters, the
 * rows added so far, and executeBatch as one engine write, whatever setters filled the rows.
 *
 * <p>A parameter holds exactly what Calcite's statement holds: every setter is replayed on an
 * Avatica {@link AvaticaSite} (the class Calcite's statement converts its parameters with) over
 * slots of our own, with the same calendar. The planned path stores that value's local form as
 * text, and so does this one ({@link #text}). What that gives, setter by setter (pinned by {@code
 * BatchSettersTest} in it/):
 *
 * <pre>
 * setString, setNString, setObject(String)     the string
 * setInt/Long/Short/Byte, setObject(integer)   decimal digits: -42, 1234567890123
 * setBoolean, setObject(Boolean)               true, false
 * setBigDecimal, setObject(BigDecimal)         BigDecimal.toString: 1.50, 1E+3
 * setDouble, setFloat, setObject(Double|Float) Double/Float.toString: 1.5, 1.0E20, NaN, 1.1, 3.0
 * setDate, setObject(java.sql.Date)            days since 1970-01-01 in the calendar: 18263
 * setTime, setObject(Time)                     milliseconds of the day: 11045000
 * setTimestamp, setObject(Timestamp|util.Date) milliseconds since 1970-01-01 00:00 in the
 *                                              calendar: 1577934245123 (nanos cut to millis)
 * setBytes, setObject(byte[])                  lowercase hex: 0102ff
 * setObject(anything else)                     its toString: c (Character), 2020-01-02 (LocalDate)
 * setObject(x, targetSqlType[, scale])         x converted to that type first: ("5", INTEGER) 5,
 *                                              (5, DOUBLE) 5.0, (2.7, INTEGER) 2, (1, BOOLEAN) true
 * setNull(any type), null of any setter        NULL (23502 for the key)
 * setURL, streams, readers, setRef,            nothing: the parameter keeps its value, or stays
 *   setNull(type, name), setObject(x, t, n)    unbound (HY000)
 * </pre>
 *
 * Calls Calcite refuses (setObject(5, VARCHAR): HY000, setObject("x", INTEGER): 22018) fail in
 * Calcite's setter before they reach these slots.
 */
final class BatchRows {

  /** Avatica's sites do not read their parameter's description; the kv columns are VARCHAR. */
  private static final AvaticaParameter VARCHAR =
      new AvaticaParameter(false, 0, 0, Types.VARCHAR, "VARCHAR", String.class.getName(), "?");

  private final BatchInsert insert;
  private final Calendar calendar;
  private final TypedValue[] slots = new TypedValue[2]; // null: unbound
  private final List<String[]> rows = new ArrayList<>(); // each {key, value}; null: unbound
  private int firstUnbound = -1;

  BatchRows(BatchInsert insert, Calendar calendar) {
    this.insert = insert;
    this.calendar = calendar;
  }

  /** Where a setter of parameter {@code parameterIndex} (1-based) stores its value. */
  AvaticaSite site(int parameterIndex) throws SQLException {
    if (parameterIndex < 1 || parameterIndex > slots.length) {
      throw new SQLException(
          "Parameter index out of range: " + parameterIndex, SqlStates.INVALID_PARAMETER_INDEX);
    }
    return new AvaticaSite(VARCHAR, calendar, parameterIndex - 1, slots);
  }

  /** The calendar of the setters that take none (Calcite's statement's calendar). */
  Calendar calendar() {
    return calendar;
  }

  void clearParameters() {
    Arrays.fill(slots, null);
  }

  /** Adds the current parameters as a row. */
  void add() {
    if (slots[0] == null || slots[1] == null) {
      if (firstUnbound < 0) {
        firstUnbound = rows.size();
      }
      rows.add(null);
      return;
    }
    int k = insert.keyParameter();
    rows.add(new String[] {text(slots[k]), text(slots[1 - k])});
  }

  void clear() {
    rows.clear();
    firstUnbound = -1;
  }

  /**
   * Writes the rows in one engine write and empties the batch. A refused row (a duplicate key, a
   * key out of bounds, an unbound parameter) fails with a {@link BatchUpdateException} whose update
   * counts are those of the rows before it, which are written; the rest are not.
   */
  int[] execute() throws SQLException {
    try {
      if (firstUnbound < 0) {
        return write(rows);
      }
      int[] counts = write(rows.subList(0, firstUnbound));
      throw new BatchUpdateException(
          "Batch row " + (firstUnbound + 1) + " has a parameter that is not set: unbound parameter",
          SqlStates.GENERAL_ERROR,
          0,
          counts,
          null);
    } finally {
      clear();
    }
  }

  private int[] write(List<String[]> batch) throws SQLException {
    if (batch.isEmpty()) {
      return new int[0];
    }
    try {
      return insert.execute(batch); // a refused row: BatchUpdateException, counting the rows before
    } catch (RuntimeException | Error e) {
      throw SqlErrors.translate(e);
    }
  }

  /** The text the planned path stores for a bound parameter: its local value's, or NULL. */
  private static String text(TypedValue value) {
    Object local = value.toLocal();
    return local == null ? null : local.toString();
  }
}
