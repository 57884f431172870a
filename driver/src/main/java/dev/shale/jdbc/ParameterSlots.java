package dev.shale.jdbc;

import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Calendar;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaSite;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The parameters of a prepared statement that Shale binds itself (the batch fast path, {@link
 * BatchRows}, and statements the direct executor runs): one slot per {@code ?}, filled by Avatica's
 * own {@link AvaticaSite} (the class Calcite's statement converts its parameters with) with the
 * parameter descriptions and the calendar Calcite's statement would use, so that a slot holds what
 * Calcite's would, and a setter Calcite refuses is refused here with the same error.
 */
final class ParameterSlots {

  private final AvaticaParameter[] parameters;
  private final TypedValue[] slots; // null: unbound
  private final Calendar calendar;

  private ParameterSlots(AvaticaParameter[] parameters, Calendar calendar) {
    this.parameters = parameters;
    this.slots = new TypedValue[parameters.length];
    this.calendar = calendar;
  }

  /**
   * Slots for parameters of the {@link Types} {@code types}: VARCHAR for a key or value, INTEGER
   * for a LIMIT or OFFSET; described as Calcite describes them.
   */
  static ParameterSlots of(int[] types, Calendar calendar) {
    AvaticaParameter[] parameters = new AvaticaParameter[types.length];
    for (int i = 0; i < types.length; i++) {
      parameters[i] =
          types[i] == Types.INTEGER
              ? new AvaticaParameter(
                  false, 10, 0, Types.INTEGER, "INTEGER", Object.class.getName(), "?" + i)
              : new AvaticaParameter(
                  false, 0, 0, Types.VARCHAR, "VARCHAR", Object.class.getName(), "?" + i);
    }
    return new ParameterSlots(parameters, calendar);
  }

  /** How many parameters there are. */
  int count() {
    return slots.length;
  }

  /** The description of parameter {@code parameterIndex} (1-based), as Avatica's. */
  AvaticaParameter parameter(int parameterIndex) throws SQLException {
    if (parameterIndex < 1 || parameterIndex > parameters.length) {
      throw new SQLException("parameter ordinal " + parameterIndex + " out of range");
    }
    return parameters[parameterIndex - 1];
  }

  /** Where a setter of parameter {@code parameterIndex} (1-based) stores its value. */
  AvaticaSite site(int parameterIndex) throws SQLException {
    return new AvaticaSite(parameter(parameterIndex), calendar, parameterIndex - 1, slots);
  }

  /** The calendar of the setters that take none (Calcite's statement's calendar). */
  Calendar calendar() {
    return calendar;
  }

  /** Whether parameter {@code index} (0-based) is bound. */
  boolean bound(int index) {
    return slots[index] != null;
  }

  /** Whether every parameter is bound. */
  boolean allBound() {
    for (TypedValue slot : slots) {
      if (slot == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value of bound parameter {@code index} (0-based) as the planned path sees it: a VARCHAR
   * parameter's local value as text (or null), an INTEGER parameter's local value as it is.
   */
  Object value(int index) {
    Object local = slots[index].toLocal();
    if (local == null || parameters[index].parameterType == Types.INTEGER) {
      return local;
    }
    return local.toString();
  }

  /** Every parameter's {@link #value}; Avatica's "unbound parameter" if one is not set. */
  Object[] values() throws SQLException {
    Object[] values = new Object[slots.length];
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] == null) {
        throw new SQLException("unbound parameter");
      }
      values[i] = value(i);
    }
    return values;
  }

  void clear() {
    Arrays.fill(slots, null);
  }
}
