package dev.shale.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;

/**
 * Calcite's metadata, except where it would name Calcite: the product, the driver, their versions,
 * the URL and the connection are Shale's.
 */
final class ShaleDatabaseMetaData extends ForwardingDatabaseMetaData {

  private static final String NAME = "Shale";

  private final ShaleConnection connection;

  ShaleDatabaseMetaData(ShaleConnection connection, DatabaseMetaData target) {
    super(target);
    this.connection = connection;
  }

  @Override
  ResultSet resultSet(ResultSet calcite) {
    return calcite == null ? null : new ShaleResultSet(connection, null, calcite);
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public String getURL() {
    return connection.url();
  }

  @Override
  public String getDatabaseProductName() {
    return NAME;
  }

  @Override
  public String getDatabaseProductVersion() {
    return ShaleDriver.VERSION;
  }

  @Override
  public int getDatabaseMajorVersion() {
    return ShaleDriver.versionPart(0);
  }

  @Override
  public int getDatabaseMinorVersion() {
    return ShaleDriver.versionPart(1);
  }

  @Override
  public String getDriverName() {
    return NAME;
  }

  @Override
  public String getDriverVersion() {
    return ShaleDriver.VERSION;
  }

  @Override
  public int getDriverMajorVersion() {
    return ShaleDriver.versionPart(0);
  }

  @Override
  public int getDriverMinorVersion() {
    return ShaleDriver.versionPart(1);
  }

  @Override
  public String toString() {
    return "DatabaseMetaData[" + target + "]";
  }
}
