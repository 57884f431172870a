package dev.shale.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * The names, limits and catalog queries of {@link DatabaseMetaData}, each a call to Calcite's
 * metadata with what it throws {@link SqlErrors#translate}d; result sets come back through {@link
 * #resultSet}.
 */
abstract class ForwardingDatabaseMetaData extends DatabaseCapabilities {

  ForwardingDatabaseMetaData(DatabaseMetaData target) {
    super(target);
  }

  /** Shale's face of a result set Calcite returned (null stays null). */
  abstract ResultSet resultSet(ResultSet calcite);

  @Override
  public String getUserName() throws SQLException {
    return SqlErrors.call(() -> target.getUserName());
  }

  @Override
  public String getIdentifierQuoteString() throws SQLException {
    return SqlErrors.call(() -> target.getIdentifierQuoteString());
  }

  @Override
  public String getSQLKeywords() throws SQLException {
    return SqlErrors.call(() -> target.getSQLKeywords());
  }

  @Override
  public String getNumericFunctions() throws SQLException {
    return SqlErrors.call(() -> target.getNumericFunctions());
  }

  @Override
  public String getStringFunctions() throws SQLException {
    return SqlErrors.call(() -> target.getStringFunctions());
  }

  @Override
  public String getSystemFunctions() throws SQLException {
    return SqlErrors.call(() -> target.getSystemFunctions());
  }

  @Override
  public String getTimeDateFunctions() throws SQLException {
    return SqlErrors.call(() -> target.getTimeDateFunctions());
  }

  @Override
  public String getSearchStringEscape() throws SQLException {
    return SqlErrors.call(() -> target.getSearchStringEscape());
  }

  @Override
  public String getExtraNameCharacters() throws SQLException {
    return SqlErrors.call(() -> target.getExtraNameCharacters());
  }

  @Override
  public String getSchemaTerm() throws SQLException {
    return SqlErrors.call(() -> target.getSchemaTerm());
  }

  @Override
  public String getProcedureTerm() throws SQLException {
    return SqlErrors.call(() -> target.getProcedureTerm());
  }

  @Override
  public String getCatalogTerm() throws SQLException {
    return SqlErrors.call(() -> target.getCatalogTerm());
  }

  @Override
  public String getCatalogSeparator() throws SQLException {
    return SqlErrors.call(() -> target.getCatalogSeparator());
  }

  @Override
  public int getMaxBinaryLiteralLength() throws SQLException {
    return SqlErrors.call(() -> target.getMaxBinaryLiteralLength());
  }

  @Override
  public int getMaxCharLiteralLength() throws SQLException {
    return SqlErrors.call(() -> target.getMaxCharLiteralLength());
  }

  @Override
  public int getMaxColumnNameLength() throws SQLException {
    return SqlErrors.call(() -> target.getMaxColumnNameLength());
  }

  @Override
  public int getMaxColumnsInGroupBy() throws SQLException {
    return SqlErrors.call(() -> target.getMaxColumnsInGroupBy());
  }

  @Override
  public int getMaxColumnsInIndex() throws SQLException {
    return SqlErrors.call(() -> target.getMaxColumnsInIndex());
  }

  @Override
  public int getMaxColumnsInOrderBy() throws SQLException {
    return SqlErrors.call(() -> target.getMaxColumnsInOrderBy());
  }

  @Override
  public int getMaxColumnsInSelect() throws SQLException {
    return SqlErrors.call(() -> target.getMaxColumnsInSelect());
  }

  @Override
  public int getMaxColumnsInTable() throws SQLException {
    return SqlErrors.call(() -> target.getMaxColumnsInTable());
  }

  @Override
  public int getMaxConnections() throws SQLException {
    return SqlErrors.call(() -> target.getMaxConnections());
  }

  @Override
  public int getMaxCursorNameLength() throws SQLException {
    return SqlErrors.call(() -> target.getMaxCursorNameLength());
  }

  @Override
  public int getMaxIndexLength() throws SQLException {
    return SqlErrors.call(() -> target.getMaxIndexLength());
  }

  @Override
  public int getMaxSchemaNameLength() throws SQLException {
    return SqlErrors.call(() -> target.getMaxSchemaNameLength());
  }

  @Override
  public int getMaxProcedureNameLength() throws SQLException {
    return SqlErrors.call(() -> target.getMaxProcedureNameLength());
  }

  @Override
  public int getMaxCatalogNameLength() throws SQLException {
    return SqlErrors.call(() -> target.getMaxCatalogNameLength());
  }

  @Override
  public int getMaxRowSize() throws SQLException {
    return SqlErrors.call(() -> target.getMaxRowSize());
  }

  @Override
  public int getMaxStatementLength() throws SQLException {
    return SqlErrors.call(() -> target.getMaxStatementLength());
  }

  @Override
  public int getMaxStatements() throws SQLException {
    return SqlErrors.call(() -> target.getMaxStatements());
  }

  @Override
  public int getMaxTableNameLength() throws SQLException {
    return SqlErrors.call(() -> target.getMaxTableNameLength());
  }

  @Override
  public int getMaxTablesInSelect() throws SQLException {
    return SqlErrors.call(() -> target.getMaxTablesInSelect());
  }

  @Override
  public int getMaxUserNameLength() throws SQLException {
    return SqlErrors.call(() -> target.getMaxUserNameLength());
  }

  @Override
  public int getDefaultTransactionIsolation() {
    // Snapshot isolation, reported as PostgreSQL reports its own.
    return java.sql.Connection.TRANSACTION_REPEATABLE_READ;
  }

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
      throws SQLException {
    return SqlErrors.call(
        () -> resultSet(target.getProcedures(catalog, schemaPattern, procedureNamePattern)));
  }

  @Override
  public ResultSet getProcedureColumns(
      String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern)
      throws SQLException {
    return SqlErrors.call(
        () ->
            resultSet(
                target.getProcedureColumns(
                    catalog, schemaPattern, procedureNamePattern, columnNamePattern)));
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return SqlErrors.call(() -> resultSet(target.getSchemas()));
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    return SqlErrors.call(() -> resultSet(target.getCatalogs()));
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    return SqlErrors.call(() -> resultSet(target.getTableTypes()));
  }

  @Override
  public ResultSet getColumns(
      String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    return SqlErrors.call(
        () ->
            resultSet(
                target.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern)));
  }

  @Override
  public ResultSet getColumnPrivileges(
      String catalog, String schema, String table, String columnNamePattern) throws SQLException {
    return SqlErrors.call(
        () -> resultSet(target.getColumnPrivileges(catalog, schema, table, columnNamePattern)));
  }

  @Override
  public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
      throws SQLException {
    return SqlErrors.call(
        () -> resultSet(target.getTablePrivileges(catalog, schemaPattern, tableNamePattern)));
  }

  @Override
  public ResultSet getBestRowIdentifier(
      String catalog, String schema, String table, int scope, boolean nullable)
      throws SQLException {
    return SqlErrors.call(
        () -> resultSet(target.getBestRowIdentifier(catalog, schema, table, scope, nullable)));
  }

  @Override
  public ResultSet getVersionColumns(String catalog, String schema, String table)
      throws SQLException {
    return SqlErrors.call(() -> resultSet(target.getVersionColumns(catalog, schema, table)));
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return SqlErrors.call(() -> resultSet(target.getPrimaryKeys(catalog, schema, table)));
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return SqlErrors.call(() -> resultSet(target.getImportedKeys(catalog, schema, table)));
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return SqlErrors.call(() -> resultSet(target.getExportedKeys(catalog, schema, table)));
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
    return SqlErrors.call(
        () ->
            resultSet(
                target.getCrossReference(
                    parentCatalog,
                    parentSchema,
                    parentTable,
                    foreignCatalog,
                    foreignSchema,
                    foreignTable)));
  }

  @Override
  public ResultSet getTypeInfo() throws SQLException {
    return SqlErrors.call(() -> resultSet(target.getTypeInfo()));
  }

  @Override
  public ResultSet getIndexInfo(
      String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    return SqlErrors.call(
        () -> resultSet(target.getIndexInfo(catalog, schema, table, unique, approximate)));
  }

  @Override
  public ResultSet getUDTs(
      String catalog, String schemaPattern, String typeNamePattern, int[] types)
      throws SQLException {
    return SqlErrors.call(
        () -> resultSet(target.getUDTs(catalog, schemaPattern, typeNamePattern, types)));
  }

  @Override
  public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern)
      throws SQLException {
    return SqlErrors.call(
        () -> resultSet(target.getSuperTypes(catalog, schemaPattern, typeNamePattern)));
  }

  @Override
  public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern)
      throws SQLException {
    return SqlErrors.call(
        () -> resultSet(target.getSuperTables(catalog, schemaPattern, tableNamePattern)));
  }

  @Override
  public ResultSet getAttributes(
      String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern)
      throws SQLException {
    return SqlErrors.call(
        () ->
            resultSet(
                target.getAttributes(
                    catalog, schemaPattern, typeNamePattern, attributeNamePattern)));
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return SqlErrors.call(() -> target.getResultSetHoldability());
  }

  @Override
  public int getJDBCMajorVersion() throws SQLException {
    return SqlErrors.call(() -> target.getJDBCMajorVersion());
  }

  @Override
  public int getJDBCMinorVersion() throws SQLException {
    return SqlErrors.call(() -> target.getJDBCMinorVersion());
  }

  @Override
  public int getSQLStateType() throws SQLException {
    return SqlErrors.call(() -> target.getSQLStateType());
  }

  @Override
  public RowIdLifetime getRowIdLifetime() throws SQLException {
    return SqlErrors.call(() -> target.getRowIdLifetime());
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    return SqlErrors.call(() -> resultSet(target.getSchemas(catalog, schemaPattern)));
  }

  @Override
  public ResultSet getClientInfoProperties() throws SQLException {
    return SqlErrors.call(() -> resultSet(target.getClientInfoProperties()));
  }

  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
      throws SQLException {
    return SqlErrors.call(
        () -> resultSet(target.getFunctions(catalog, schemaPattern, functionNamePattern)));
  }

  @Override
  public ResultSet getFunctionColumns(
      String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern)
      throws SQLException {
    return SqlErrors.call(
        () ->
            resultSet(
                target.getFunctionColumns(
                    catalog, schemaPattern, functionNamePattern, columnNamePattern)));
  }

  @Override
  public ResultSet getPseudoColumns(
      String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    return SqlErrors.call(
        () ->
            resultSet(
                target.getPseudoColumns(
                    catalog, schemaPattern, tableNamePattern, columnNamePattern)));
  }

  @Override
  public long getMaxLogicalLobSize() throws SQLException {
    return SqlErrors.call(() -> target.getMaxLogicalLobSize());
  }

  @Override
  public ResultSet getTables(
      String catalog, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    return SqlErrors.call(
        () -> resultSet(target.getTables(catalog, schemaPattern, tableNamePattern, types)));
  }
}
