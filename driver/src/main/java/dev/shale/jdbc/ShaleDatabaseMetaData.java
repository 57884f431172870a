package dev.shale.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * Calcite's metadata, except where it would name Calcite or not tell the truth about Shale: the
 * product, the driver, their versions, the URL and the connection are Shale's; the catalog queries
 * (tables, columns, keys, indexes, schemas…) are {@link KvCatalog}'s; the flags of names,
 * transactions and writes are {@link DatabaseCapabilities}'.
 */
final class ShaleDatabaseMetaData extends ForwardingDatabaseMetaData {

  private static final String NAME = "Shale";

  private final MetaDataHost host;
  private KvCatalog catalog; // on first use

  ShaleDatabaseMetaData(MetaDataHost host, DatabaseMetaData target) {
    super(target);
    this.host = host;
  }

  /** The table as the catalog queries describe it, with the limits of the open database. */
  KvCatalog kvCatalog() throws SQLException {
    int maxKey = host.maxKeyBytes(); // fails if the connection is closed
    if (catalog == null) {
      catalog = new KvCatalog(maxKey, host.maxValueBytes());
    }
    return catalog;
  }

  /**
   * {@code rows} as Shale's result set, whose statement (a statement of this connection, as JDBC
   * wants) closes with it.
   */
  private ResultSet shale(MetaRows rows) throws SQLException {
    Statement statement = host.connection().createStatement();
    return host.resultSet(statement, rows.resultSet(statement));
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    return shale(kvCatalog().catalogs());
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return shale(kvCatalog().schemas(null, null));
  }

  @Override
  public ResultSet getSchemas(String catalogName, String schemaPattern) throws SQLException {
    return shale(kvCatalog().schemas(catalogName, schemaPattern));
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    return shale(kvCatalog().tableTypes());
  }

  @Override
  public ResultSet getTables(
      String catalogName, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    return shale(kvCatalog().tables(catalogName, schemaPattern, tableNamePattern, types));
  }

  @Override
  public ResultSet getColumns(
      String catalogName, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    return shale(
        kvCatalog().columns(catalogName, schemaPattern, tableNamePattern, columnNamePattern));
  }

  @Override
  public ResultSet getPrimaryKeys(String catalogName, String schema, String table)
      throws SQLException {
    return shale(kvCatalog().primaryKeys(catalogName, schema, table));
  }

  @Override
  public ResultSet getIndexInfo(
      String catalogName, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    return shale(kvCatalog().indexInfo(catalogName, schema, table, unique));
  }

  @Override
  public ResultSet getBestRowIdentifier(
      String catalogName, String schema, String table, int scope, boolean nullable)
      throws SQLException {
    return shale(kvCatalog().bestRowIdentifier(catalogName, schema, table));
  }

  @Override
  public ResultSet getVersionColumns(String catalogName, String schema, String table)
      throws SQLException {
    return shale(kvCatalog().versionColumns());
  }

  @Override
  public ResultSet getImportedKeys(String catalogName, String schema, String table)
      throws SQLException {
    return shale(kvCatalog().foreignKeys());
  }

  @Override
  public ResultSet getExportedKeys(String catalogName, String schema, String table)
      throws SQLException {
    return shale(kvCatalog().foreignKeys());
  }

  @Override
  public ResultSet getCrossReference(
      String parentCatalog,
      String parentSchema,
      String parentTable,
      String foreignCatalog,
      String foreignSchema,
      String foreignTable)
      throws SQLException {
    return shale(kvCatalog().foreignKeys());
  }

  @Override
  public ResultSet getFunctions(String catalogName, String schemaPattern, String namePattern)
      throws SQLException {
    return shale(kvCatalog().functions());
  }

  @Override
  public ResultSet getFunctionColumns(
      String catalogName, String schemaPattern, String namePattern, String columnNamePattern)
      throws SQLException {
    return shale(kvCatalog().functionColumns());
  }

  @Override
  public ResultSet getProcedures(String catalogName, String schemaPattern, String namePattern)
      throws SQLException {
    return shale(kvCatalog().procedures());
  }

  @Override
  public ResultSet getProcedureColumns(
      String catalogName, String schemaPattern, String namePattern, String columnNamePattern)
      throws SQLException {
    return shale(kvCatalog().procedureColumns());
  }

  @Override
  public ResultSet getPseudoColumns(
      String catalogName, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    return shale(kvCatalog().pseudoColumns());
  }

  @Override
  public ResultSet getClientInfoProperties() throws SQLException {
    return shale(kvCatalog().clientInfoProperties());
  }

  /**
   * Calcite's types (any of them can be computed), VARCHAR's precision being the longest text the
   * table holds.
   */
  @Override
  public ResultSet getTypeInfo() throws SQLException {
    int longest = Math.max(kvCatalog().maxKeyBytes(), kvCatalog().maxValueBytes());
    MetaRows rows = new MetaRows();
    try (ResultSet calcite = SqlErrors.call(() -> target.getTypeInfo())) {
      ResultSetMetaData columns = calcite.getMetaData();
      int count = columns.getColumnCount();
      for (int i = 1; i <= count; i++) {
        rows.column(columns.getColumnLabel(i), columns.getColumnType(i));
      }
      while (calcite.next()) {
        Object[] row = new Object[count];
        for (int i = 1; i <= count; i++) {
          row[i - 1] = calcite.getObject(i);
        }
        if (row[1] instanceof Number type && type.intValue() == Types.VARCHAR) {
          row[2] = longest; // PRECISION
        }
        rows.row(row);
      }
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
    return shale(rows);
  }

  @Override
  ResultSet resultSet(ResultSet calcite) {
    return calcite == null ? null : host.resultSet(null, calcite);
  }

  @Override
  public Connection getConnection() {
    return host.connection();
  }

  @Override
  public String getURL() {
    return host.url();
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
