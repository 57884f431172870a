package dev.shale.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * The yes/no questions of {@link DatabaseMetaData} (what the database supports and how it treats
 * names and NULLs): Shale's own answer where Calcite's would not be true of Shale (names, catalogs,
 * transactions, writes), else a call to Calcite's metadata with what it throws {@link
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
    return false; // writes are accepted (a connection may be set read-only)
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
    return false;
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    return true; // names are kept and reported in lower case: kv, key, value
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    return false; // "KV" finds kv: quoted names match in any case too
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    return true;
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    return false;
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
    return true; // each connection its own
  }

  @Override
  public boolean supportsNonNullableColumns() throws SQLException {
    return true; // key is NOT NULL
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
    return false; // no catalogs: getCatalog() is null
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
    return false;
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
    return false;
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
    return true; // snapshot isolation with auto-commit off
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) {
    // Snapshot isolation gives all three (and more); it is not serializable (write skew).
    return level == Connection.TRANSACTION_READ_UNCOMMITTED
        || level == Connection.TRANSACTION_READ_COMMITTED
        || level == Connection.TRANSACTION_REPEATABLE_READ;
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
    return false; // there is no DDL
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
    return true;
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
    return false;
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
    return false;
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
    return true;
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
