package dev.shale.jdbc;

import dev.shale.sql.error.SqlStates;
import dev.shale.sql.session.BatchInsert;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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

  private final BatchInsert insert;
  private final ParameterSlots slots; // the statement's two, both VARCHAR
  private final List<String[]> rows = new ArrayList<>(); // each {key, value}; null: unbound
  private int firstUnbound = -1;

  /** A batch of {@code insert} whose rows come from the statement's {@code slots}. */
  BatchRows(BatchInsert insert, ParameterSlots slots) {
    this.insert = insert;
    this.slots = slots;
  }

  /** The statement's parameters, which the setters fill. */
  ParameterSlots slots() {
    return slots;
  }

  /** Adds the current parameters as a row. */
  void add() {
    if (!slots.allBound()) {
      if (firstUnbound < 0) {
        firstUnbound = rows.size();
      }
      rows.add(null);
      return;
    }
    int k = insert.keyParameter();
    rows.add(new String[] {(String) slots.value(k), (String) slots.value(1 - k)});
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
}
