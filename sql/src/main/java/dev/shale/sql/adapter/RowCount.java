package dev.shale.sql.adapter;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import java.util.function.IntFunction;

/**
 * A row count of an OFFSET or a LIMIT (FETCH): a literal, or the value of dynamic parameter {@code
 * ?param}, checked when an execution resolves it. Free of Calcite, so that the planned path ({@link
 * KvScanSpec}) and the direct executor refuse a bad count with the same SQLState and message.
 *
 * @param literal the count when it is a literal
 * @param param the index of its parameter, or -1 for a literal
 */
public record RowCount(long literal, int param) {

  /** The count {@code n}, written as a literal. */
  public static RowCount literal(long n) {
    return new RowCount(n, -1);
  }

  /** The count given by parameter {@code ?index}. */
  public static RowCount parameter(int index) {
    return new RowCount(0, index);
  }

  /**
   * The count, its parameter taken from {@code parameters}: 2201W (2201X for an OFFSET) when it is
   * negative, or a parameter that is not a number. {@code what} is OFFSET or FETCH.
   */
  public long value(IntFunction<Object> parameters, String what) {
    long n = literal;
    if (param >= 0) {
      Object v = parameters.apply(param);
      if (!(v instanceof Number number)) {
        throw new ShaleSqlException(
            SqlStates.INVALID_LIMIT, what + " parameter ?" + param + " must be a number, not " + v);
      }
      n = number.longValue();
    }
    if (n < 0) {
      throw new ShaleSqlException(
          "OFFSET".equals(what) ? SqlStates.INVALID_OFFSET : SqlStates.INVALID_LIMIT,
          what + " must not be negative: " + n);
    }
    return n;
  }

  /** The count as EXPLAIN shows it. */
  String describe() {
    return param >= 0 ? "?" + param : Long.toString(literal);
  }
}
