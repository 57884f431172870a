package dev.shale.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;

/**
 * The parameters of a statement the direct executor runs, described as Avatica's prepared statement
 * describes Calcite's: type, precision and class from the parameter's description, nullability
 * unknown, mode IN.
 */
final class DirectParameterMetaData implements ParameterMetaData {

  private final ParameterSlots slots;

  DirectParameterMetaData(ParameterSlots slots) {
    this.slots = slots;
  }

  @Override
  public int getParameterCount() {
    return slots.count();
  }

  @Override
  public int isNullable(int param) {
    return parameterNullableUnknown;
  }

  @Override
  public boolean isSigned(int param) throws SQLException {
    return slots.parameter(param).signed;
  }

  @Override
  public int getPrecision(int param) throws SQLException {
    return slots.parameter(param).precision;
  }

  @Override
  public int getScale(int param) throws SQLException {
    return slots.parameter(param).scale;
  }

  @Override
  public int getParameterType(int param) throws SQLException {
    return slots.parameter(param).parameterType;
  }

  @Override
  public String getParameterTypeName(int param) throws SQLException {
    return slots.parameter(param).typeName;
  }

  @Override
  public String getParameterClassName(int param) throws SQLException {
    return slots.parameter(param).className;
  }

  @Override
  public int getParameterMode(int param) {
    return parameterModeIn;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw SqlErrors.translate(new SQLException("not a wrapper for " + iface));
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
