package dev.shale.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * The yes/no questions of {@link DatabaseMetaData} (what the database supports and how it treats
 * names and NULLs), each a call to Calcite's metadata with what it throws {@link
 * SqlErrors#translate}d. {@link ForwardingDatabaseMetaData} adds names, limits and catalog queries.
 */
abstract class DatabaseCapabilities implements DatabaseMetaData {

  /** Calcite's metadata. */
  protected final DatabaseMetaData target;

  DatabaseCapabilities(DatabaseMetaData target) {
    this.target = target;
  }

  @Override
  public boolean allProceduresAreCallable() throws SQLException {
    return SqlErrors.call(() -> target.allProceduresAreCallable());
  }

  @Override
  public boolean allTablesAreSelectable() throws SQLException {
    return SqlErrors.call(() -> target.allTablesAreSelectable());
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return SqlErrors.call(() -> target.isReadOnly());
  }

  @Override
  public boolean nullsAreSortedHigh() throws SQLException {
    return SqlErrors.call(() -> target.nullsAreSortedHigh());
  }

  @Override
  public boolean nullsAreSortedLow() throws SQLException {
    return SqlErrors.call(() -> target.nullsAreSortedLow());
  }

  @Override
  public boolean nullsAreSortedAtStart() throws SQLException {
    return SqlErrors.call(() -> target.nullsAreSortedAtStart());
  }

  @Override
  public boolean nullsAreSortedAtEnd() throws SQLException {
    return SqlErrors.call(() -> target.nullsAreSortedAtEnd());
  }

  @Override
  public boolean usesLocalFiles() throws SQLException {
    return SqlErrors.call(() -> target.usesLocalFiles());
  }

  @Override
  public boolean usesLocalFilePerTable() throws SQLException {
    return SqlErrors.call(() -> target.usesLocalFilePerTable());
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws SQLException {
    return SqlErrors.call(() -> target.supportsMixedCaseIdentifiers());
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    return SqlErrors.call(() -> target.storesUpperCaseIdentifiers());
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    return SqlErrors.call(() -> target.storesLowerCaseIdentifiers());
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    return SqlErrors.call(() -> target.storesMixedCaseIdentifiers());
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    return SqlErrors.call(() -> target.supportsMixedCaseQuotedIdentifiers());
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    return SqlErrors.call(() -> target.storesUpperCaseQuotedIdentifiers());
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    return SqlErrors.call(() -> target.storesLowerCaseQuotedIdentifiers());
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    return SqlErrors.call(() -> target.storesMixedCaseQuotedIdentifiers());
  }

  @Override
  public boolean supportsAlterTableWithAddColumn() throws SQLException {
    return SqlErrors.call(() -> target.supportsAlterTableWithAddColumn());
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() throws SQLException {
    return SqlErrors.call(() -> target.supportsAlterTableWithDropColumn());
  }

  @Override
  public boolean supportsColumnAliasing() throws SQLException {
    return SqlErrors.call(() -> target.supportsColumnAliasing());
  }

  @Override
  public boolean nullPlusNonNullIsNull() throws SQLException {
    return SqlErrors.call(() -> target.nullPlusNonNullIsNull());
  }

  @Override
  public boolean supportsConvert() throws SQLException {
    return SqlErrors.call(() -> target.supportsConvert());
  }

  @Override
  public boolean supportsConvert(int fromType, int toType) throws SQLException {
    return SqlErrors.call(() -> target.supportsConvert(fromType, toType));
  }

  @Override
  public boolean supportsTableCorrelationNames() throws SQLException {
    return SqlErrors.call(() -> target.supportsTableCorrelationNames());
  }

  @Override
  public boolean supportsDifferentTableCorrelationNames() throws SQLException {
    return SqlErrors.call(() -> target.supportsDifferentTableCorrelationNames());
  }

  @Override
  public boolean supportsExpressionsInOrderBy() throws SQLException {
    return SqlErrors.call(() -> target.supportsExpressionsInOrderBy());
  }

  @Override
  public boolean supportsOrderByUnrelated() throws SQLException {
    return SqlErrors.call(() -> target.supportsOrderByUnrelated());
  }

  @Override
  public boolean supportsGroupBy() throws SQLException {
    return SqlErrors.call(() -> target.supportsGroupBy());
  }

  @Override
  public boolean supportsGroupByUnrelated() throws SQLException {
    return SqlErrors.call(() -> target.supportsGroupByUnrelated());
  }

  @Override
  public boolean supportsGroupByBeyondSelect() throws SQLException {
    return SqlErrors.call(() -> target.supportsGroupByBeyondSelect());
  }

  @Override
  public boolean supportsLikeEscapeClause() throws SQLException {
    return SqlErrors.call(() -> target.supportsLikeEscapeClause());
  }

  @Override
  public boolean supportsMultipleResultSets() throws SQLException {
    return SqlErrors.call(() -> target.supportsMultipleResultSets());
  }

  @Override
  public boolean supportsMultipleTransactions() throws SQLException {
    return SqlErrors.call(() -> target.supportsMultipleTransactions());
  }

  @Override
  public boolean supportsNonNullableColumns() throws SQLException {
    return SqlErrors.call(() -> target.supportsNonNullableColumns());
  }

  @Override
  public boolean supportsMinimumSQLGrammar() throws SQLException {
    return SqlErrors.call(() -> target.supportsMinimumSQLGrammar());
  }

  @Override
  public boolean supportsCoreSQLGrammar() throws SQLException {
    return SqlErrors.call(() -> target.supportsCoreSQLGrammar());
  }

  @Override
  public boolean supportsExtendedSQLGrammar() throws SQLException {
    return SqlErrors.call(() -> target.supportsExtendedSQLGrammar());
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() throws SQLException {
    return SqlErrors.call(() -> target.supportsANSI92EntryLevelSQL());
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() throws SQLException {
    return SqlErrors.call(() -> target.supportsANSI92IntermediateSQL());
  }

  @Override
  public boolean supportsANSI92FullSQL() throws SQLException {
    return SqlErrors.call(() -> target.supportsANSI92FullSQL());
  }

  @Override
  public boolean supportsIntegrityEnhancementFacility() throws SQLException {
    return SqlErrors.call(() -> target.supportsIntegrityEnhancementFacility());
  }

  @Override
  public boolean supportsOuterJoins() throws SQLException {
    return SqlErrors.call(() -> target.supportsOuterJoins());
  }

  @Override
  public boolean supportsFullOuterJoins() throws SQLException {
    return SqlErrors.call(() -> target.supportsFullOuterJoins());
  }

  @Override
  public boolean supportsLimitedOuterJoins() throws SQLException {
    return SqlErrors.call(() -> target.supportsLimitedOuterJoins());
  }

  @Override
  public boolean isCatalogAtStart() throws SQLException {
    return SqlErrors.call(() -> target.isCatalogAtStart());
  }

  @Override
  public boolean supportsSchemasInDataManipulation() throws SQLException {
    return SqlErrors.call(() -> target.supportsSchemasInDataManipulation());
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() throws SQLException {
    return SqlErrors.call(() -> target.supportsSchemasInProcedureCalls());
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() throws SQLException {
    return SqlErrors.call(() -> target.supportsSchemasInTableDefinitions());
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() throws SQLException {
    return SqlErrors.call(() -> target.supportsSchemasInIndexDefinitions());
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
    return SqlErrors.call(() -> target.supportsSchemasInPrivilegeDefinitions());
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() throws SQLException {
    return SqlErrors.call(() -> target.supportsCatalogsInDataManipulation());
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() throws SQLException {
    return SqlErrors.call(() -> target.supportsCatalogsInProcedureCalls());
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() throws SQLException {
    return SqlErrors.call(() -> target.supportsCatalogsInTableDefinitions());
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
    return SqlErrors.call(() -> target.supportsCatalogsInIndexDefinitions());
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
    return SqlErrors.call(() -> target.supportsCatalogsInPrivilegeDefinitions());
  }

  @Override
  public boolean supportsPositionedDelete() throws SQLException {
    return SqlErrors.call(() -> target.supportsPositionedDelete());
  }

  @Override
  public boolean supportsPositionedUpdate() throws SQLException {
    return SqlErrors.call(() -> target.supportsPositionedUpdate());
  }

  @Override
  public boolean supportsSelectForUpdate() throws SQLException {
    return SqlErrors.call(() -> target.supportsSelectForUpdate());
  }

  @Override
  public boolean supportsStoredProcedures() throws SQLException {
    return SqlErrors.call(() -> target.supportsStoredProcedures());
  }

  @Override
  public boolean supportsSubqueriesInComparisons() throws SQLException {
    return SqlErrors.call(() -> target.supportsSubqueriesInComparisons());
  }

  @Override
  public boolean supportsSubqueriesInExists() throws SQLException {
    return SqlErrors.call(() -> target.supportsSubqueriesInExists());
  }

  @Override
  public boolean supportsSubqueriesInIns() throws SQLException {
    return SqlErrors.call(() -> target.supportsSubqueriesInIns());
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() throws SQLException {
    return SqlErrors.call(() -> target.supportsSubqueriesInQuantifieds());
  }

  @Override
  public boolean supportsCorrelatedSubqueries() throws SQLException {
    return SqlErrors.call(() -> target.supportsCorrelatedSubqueries());
  }

  @Override
  public boolean supportsUnion() throws SQLException {
    return SqlErrors.call(() -> target.supportsUnion());
  }

  @Override
  public boolean supportsUnionAll() throws SQLException {
    return SqlErrors.call(() -> target.supportsUnionAll());
  }

  @Override
  public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
    return SqlErrors.call(() -> target.supportsOpenCursorsAcrossCommit());
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
    return SqlErrors.call(() -> target.supportsOpenCursorsAcrossRollback());
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
    return SqlErrors.call(() -> target.supportsOpenStatementsAcrossCommit());
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
    return SqlErrors.call(() -> target.supportsOpenStatementsAcrossRollback());
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
    return SqlErrors.call(() -> target.doesMaxRowSizeIncludeBlobs());
  }

  @Override
  public boolean supportsTransactions() throws SQLException {
    return SqlErrors.call(() -> target.supportsTransactions());
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
    return SqlErrors.call(() -> target.supportsTransactionIsolationLevel(level));
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
    return SqlErrors.call(() -> target.supportsDataDefinitionAndDataManipulationTransactions());
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
    return SqlErrors.call(() -> target.supportsDataManipulationTransactionsOnly());
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
    return SqlErrors.call(() -> target.dataDefinitionCausesTransactionCommit());
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
    return SqlErrors.call(() -> target.dataDefinitionIgnoredInTransactions());
  }

  @Override
  public boolean supportsResultSetType(int type) throws SQLException {
    return SqlErrors.call(() -> target.supportsResultSetType(type));
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException {
    return SqlErrors.call(() -> target.supportsResultSetConcurrency(type, concurrency));
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) throws SQLException {
    return SqlErrors.call(() -> target.ownUpdatesAreVisible(type));
  }

  @Override
  public boolean ownDeletesAreVisible(int type) throws SQLException {
    return SqlErrors.call(() -> target.ownDeletesAreVisible(type));
  }

  @Override
  public boolean ownInsertsAreVisible(int type) throws SQLException {
    return SqlErrors.call(() -> target.ownInsertsAreVisible(type));
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) throws SQLException {
    return SqlErrors.call(() -> target.othersUpdatesAreVisible(type));
  }

  @Override
  public boolean othersDeletesAreVisible(int type) throws SQLException {
    return SqlErrors.call(() -> target.othersDeletesAreVisible(type));
  }

  @Override
  public boolean othersInsertsAreVisible(int type) throws SQLException {
    return SqlErrors.call(() -> target.othersInsertsAreVisible(type));
  }

  @Override
  public boolean updatesAreDetected(int type) throws SQLException {
    return SqlErrors.call(() -> target.updatesAreDetected(type));
  }

  @Override
  public boolean deletesAreDetected(int type) throws SQLException {
    return SqlErrors.call(() -> target.deletesAreDetected(type));
  }

  @Override
  public boolean insertsAreDetected(int type) throws SQLException {
    return SqlErrors.call(() -> target.insertsAreDetected(type));
  }

  @Override
  public boolean supportsBatchUpdates() throws SQLException {
    return SqlErrors.call(() -> target.supportsBatchUpdates());
  }

  @Override
  public boolean supportsSavepoints() throws SQLException {
    return SqlErrors.call(() -> target.supportsSavepoints());
  }

  @Override
  public boolean supportsNamedParameters() throws SQLException {
    return SqlErrors.call(() -> target.supportsNamedParameters());
  }

  @Override
  public boolean supportsMultipleOpenResults() throws SQLException {
    return SqlErrors.call(() -> target.supportsMultipleOpenResults());
  }

  @Override
  public boolean supportsGetGeneratedKeys() throws SQLException {
    return SqlErrors.call(() -> target.supportsGetGeneratedKeys());
  }

  @Override
  public boolean supportsResultSetHoldability(int holdability) throws SQLException {
    return SqlErrors.call(() -> target.supportsResultSetHoldability(holdability));
  }

  @Override
  public boolean locatorsUpdateCopy() throws SQLException {
    return SqlErrors.call(() -> target.locatorsUpdateCopy());
  }

  @Override
  public boolean supportsStatementPooling() throws SQLException {
    return SqlErrors.call(() -> target.supportsStatementPooling());
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
    return SqlErrors.call(() -> target.supportsStoredFunctionsUsingCallSyntax());
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
    return SqlErrors.call(() -> target.autoCommitFailureClosesAllResultSets());
  }

  @Override
  public boolean generatedKeyAlwaysReturned() throws SQLException {
    return SqlErrors.call(() -> target.generatedKeyAlwaysReturned());
  }

  @Override
  public boolean supportsRefCursors() throws SQLException {
    return SqlErrors.call(() -> target.supportsRefCursors());
  }

  @Override
  public boolean supportsSharding() throws SQLException {
    return SqlErrors.call(() -> target.supportsSharding());
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return SqlErrors.call(() -> target.unwrap(iface));
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || SqlErrors.call(() -> target.isWrapperFor(iface));
  }
}
