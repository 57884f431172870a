package dev.shale.jdbc;

import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaSite;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The parameters of a prepared statement that Shale binds itself (the batch fast path, {@link
 * BatchRows}, and statements the direct executor runs): one slot per {@code ?}, holding the value
 * in the local form Calcite's statement would hand its execution. The setters that take text and
 * whole numbers store their value as it is (what Avatica's site stores for them); every other
 * setter goes through Avatica's own {@link AvaticaSite} (the class Calcite's statement converts its
 * parameters with) with the parameter descriptions and the calendar Calcite's statement would use,
 * so a slot holds what Calcite's would, and a setter Calcite refuses is refused with the same
 * error. The common setters thus never load Avatica's wire types (their protobuf descriptors take a
 * quarter of a second to load in a fresh JVM).
 */
final class ParameterSlots {

  private final int[] types; // Types.VARCHAR or Types.INTEGER, per parameter
  private AvaticaParameter[] parameters; // their descriptions, made when first asked for
  private final Object[] values; // the local values
  private final boolean[] bound;
  private Calendar calendar; // made when a setter first needs it
  private TypedValue[] scratch; // where Avatica's sites write; made when first needed

  private ParameterSlots(int[] types) {
    this.types = types;
    this.values = new Object[types.length];
    this.bound = new boolean[types.length];
  }

  /**
   * Slots for parameters of the {@link Types} {@code types}: VARCHAR for a key or value, INTEGER
   * for a LIMIT or OFFSET; described as Calcite describes them.
   */
  static ParameterSlots of(int[] types) {
    return new ParameterSlots(types.clone());
  }

  /** How many parameters there are. */
  int count() {
    return values.length;
  }

  /** The description of parameter {@code parameterIndex} (1-based), as Avatica's. */
  AvaticaParameter parameter(int parameterIndex) throws SQLException {
    checkIndex(parameterIndex);
    if (parameters == null) {
      // Made here, not with the slots: the common setters never load Avatica's parameter class.
      AvaticaParameter[] described = new AvaticaParameter[types.length];
      for (int i = 0; i < types.length; i++) {
        described[i] =
            types[i] == Types.INTEGER
                ? new AvaticaParameter(
                    false, 10, 0, Types.INTEGER, "INTEGER", Object.class.getName(), "?" + i)
                : new AvaticaParameter(
                    false, 0, 0, Types.VARCHAR, "VARCHAR", Object.class.getName(), "?" + i);
      }
      parameters = described;
    }
    return parameters[parameterIndex - 1];
  }

  private void checkIndex(int parameterIndex) throws SQLException {
    if (parameterIndex < 1 || parameterIndex > types.length) {
      throw new SQLException("parameter ordinal " + parameterIndex + " out of range");
    }
  }

  /** A setter of Avatica's site. */
  interface SiteSetter {
    void set(AvaticaSite site) throws SQLException;
  }

  /**
   * Sets parameter {@code parameterIndex} (1-based) as Avatica's site does with {@code setter}: a
   * setter that leaves the site's slot alone (streams, readers) leaves the parameter as it was.
   */
  void set(int parameterIndex, SiteSetter setter) throws SQLException {
    AvaticaParameter parameter = parameter(parameterIndex);
    int i = parameterIndex - 1;
    if (scratch == null) {
      scratch = new TypedValue[values.length];
    }
    scratch[i] = null;
    setter.set(new AvaticaSite(parameter, calendar(), i, scratch));
    if (scratch[i] != null) {
      values[i] = scratch[i].toLocal();
      bound[i] = true;
      scratch[i] = null;
    }
  }

  /**
   * Sets parameter {@code parameterIndex} (1-based) to {@code value} as it is: for a String, a
   * Long, an Integer or null, which Avatica's site stores unchanged (setString, setLong, setInt,
   * setNull, setObject of one of them).
   */
  void setLocal(int parameterIndex, Object value) throws SQLException {
    checkIndex(parameterIndex);
    values[parameterIndex - 1] = value;
    bound[parameterIndex - 1] = true;
  }

  /** The calendar of the setters that take none (Calcite's statement's calendar). */
  Calendar calendar() {
    if (calendar == null) {
      calendar = avaticaCalendar();
    }
    return calendar;
  }

  /**
   * A calendar as Avatica makes one for Calcite's statements and result sets: in the JVM's time
   * zone (Calcite's connection is opened without a {@code timeZone}), locale ROOT.
   */
  static Calendar avaticaCalendar() {
    return Calendar.getInstance(TimeZone.getDefault(), Locale.ROOT);
  }

  /** Whether every parameter is bound. */
  boolean allBound() {
    for (boolean b : bound) {
      if (!b) {
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
    Object local = values[index];
    if (local == null || types[index] == Types.INTEGER) {
      return local;
    }
    return local.toString();
  }

  /** Every parameter's {@link #value}; Avatica's "unbound parameter" if one is not set. */
  Object[] values() throws SQLException {
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      if (!bound[i]) {
        throw new SQLException("unbound parameter");
      }
      out[i] = value(i);
    }
    return out;
  }

  void clear() {
    Arrays.fill(values, null);
    Arrays.fill(bound, false);
  }
}
