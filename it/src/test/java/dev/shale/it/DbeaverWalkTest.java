package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls DBeaver's generic driver makes on connect and on opening a table, in its order (from
 * /work/shared/DBEAVER-CALLS.md, read from DBeaver's source), each answer checked.
 */
class DbeaverWalkTest {

  /** Column {@code label} of every row, in order. */
  static List<String> column(ResultSet rs, String label) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(label));
      }
    }
    return values;
  }

  @BothModes
  void connectAsksForDialectVersionsTypesCatalogsSchemasAndTheCurrentSchema(Mode mode)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("dbeaver-connect"))) {
      c.setAutoCommit(true);
      assertTrue(c.getAutoCommit());
      DatabaseMetaData md = c.getMetaData();
      assertTrue(md.getDatabaseMajorVersion() >= 0 && md.getDatabaseMinorVersion() >= 0);
      assertEquals("\"", md.getIdentifierQuoteString());
      assertEquals(DatabaseMetaData.sqlStateSQL, md.getSQLStateType());
      assertTrue(md.supportsCorrelatedSubqueries() && md.supportsSubqueriesInExists());
      // One identifier case: names are kept in lower case and reported so.
      assertTrue(md.storesLowerCaseIdentifiers());
      assertFalse(md.storesUpperCaseIdentifiers() || md.storesMixedCaseIdentifiers());
      assertFalse(md.supportsMixedCaseIdentifiers());
      assertTrue(md.storesLowerCaseQuotedIdentifiers());
      assertFalse(md.storesUpperCaseQuotedIdentifiers() || md.storesMixedCaseQuotedIdentifiers());
      assertEquals("\\", md.getSearchStringEscape());
      assertFalse(
          md.supportsCatalogsInDataManipulation() || md.supportsCatalogsInTableDefinitions());
      assertTrue(md.supportsSchemasInDataManipulation());
      assertNotNull(md.getSQLKeywords());
      assertNotNull(md.getStringFunctions());
      assertFalse(md.isReadOnly());
      assertEquals("Shale", md.getDatabaseProductName());
      assertEquals("Shale", md.getDriverName());
      assertEquals("schema", md.getSchemaTerm());
      assertTrue(md.supportsBatchUpdates());
      assertTrue(md.supportsTransactions());
      assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED));
      assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ));
      assertFalse(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE));
      assertFalse(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_NONE));
      assertEquals(Connection.TRANSACTION_REPEATABLE_READ, md.getDefaultTransactionIsolation());
      assertTrue(md.supportsSavepoints() && md.supportsDataManipulationTransactionsOnly());

      List<String> types = column(md.getTypeInfo(), "TYPE_NAME");
      assertTrue(types.contains("VARCHAR"), types.toString());
      // No catalogs: no row (not one whose name is null), and getCatalog() agrees.
      assertEquals(List.of(), column(md.getCatalogs(), "TABLE_CAT"));
      assertNull(c.getCatalog());
      assertEquals(List.of("shale", "sys"), column(md.getSchemas(null, "%"), "TABLE_SCHEM"));
      assertEquals(List.of("shale", "sys"), column(md.getSchemas(), "TABLE_SCHEM"));
      assertEquals("shale", c.getSchema());
    }
  }

  @BothModes
  void openingTheTableFindsItsColumnsKeyAndIndexAndReadsRowsWithTruthfulColumns(Mode mode)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("dbeaver-open"))) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO kv VALUES ('a', '1'), ('b', NULL)");
      }
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("SYSTEM TABLE", "TABLE"), column(md.getTableTypes(), "TABLE_TYPE"));
      assertEquals(List.of("kv"), column(md.getTables(null, "shale", "%", null), "TABLE_NAME"));
      // Unquoted-name semantics: any case finds the table.
      assertEquals(List.of("kv"), column(md.getTables(null, null, "KV", null), "TABLE_NAME"));
      assertEquals(List.of("kv"), column(md.getTables(null, "SHALE", "k_", null), "TABLE_NAME"));
      assertEquals(List.of(), column(md.getTables(null, null, "kv2", null), "TABLE_NAME"));
      assertEquals(List.of(), column(md.getTables("other", null, "kv", null), "TABLE_NAME"));

      try (ResultSet rs = md.getColumns(null, "shale", "kv", "%")) {
        assertTrue(rs.next());
        assertEquals("key", rs.getString("COLUMN_NAME"));
        assertEquals(Types.VARCHAR, rs.getInt("DATA_TYPE"));
        assertEquals("VARCHAR", rs.getString("TYPE_NAME"));
        assertEquals(4096, rs.getInt("COLUMN_SIZE"));
        assertEquals(DatabaseMetaData.columnNoNulls, rs.getInt("NULLABLE"));
        assertEquals("NO", rs.getString("IS_NULLABLE"));
        assertEquals("NO", rs.getString("IS_AUTOINCREMENT"));
        assertEquals(1, rs.getInt("ORDINAL_POSITION"));
        assertTrue(rs.next());
        assertEquals("value", rs.getString("COLUMN_NAME"));
        assertEquals("VARCHAR", rs.getString("TYPE_NAME"));
        assertEquals(16 << 20, rs.getInt("COLUMN_SIZE"));
        assertEquals(DatabaseMetaData.columnNullable, rs.getInt("NULLABLE"));
        assertEquals("YES", rs.getString("IS_NULLABLE"));
        assertFalse(rs.next());
      }
      for (String table : new String[] {"kv", "%"}) {
        try (ResultSet rs = md.getPrimaryKeys(null, "shale", table)) {
          assertTrue(rs.next(), "primary key of " + table);
          assertEquals("kv", rs.getString("TABLE_NAME"));
          assertEquals("key", rs.getString("COLUMN_NAME"));
          assertEquals(1, rs.getShort("KEY_SEQ"));
          assertEquals("kv_pk", rs.getString("PK_NAME"));
          assertFalse(rs.next());
        }
        try (ResultSet rs = md.getIndexInfo(null, "shale", table, false, true)) {
          assertTrue(rs.next(), "index of " + table);
          assertFalse(rs.getBoolean("NON_UNIQUE"));
          assertEquals("kv_pk", rs.getString("INDEX_NAME"));
          assertEquals("key", rs.getString("COLUMN_NAME"));
          assertEquals(1, rs.getShort("ORDINAL_POSITION"));
          assertFalse(rs.next());
        }
      }
      try (ResultSet rs = md.getImportedKeys(null, "shale", "kv")) {
        assertEquals(14, rs.getMetaData().getColumnCount());
        assertEquals("DEFERRABILITY", rs.getMetaData().getColumnLabel(14));
        assertFalse(rs.next());
      }
      assertEquals(List.of(), column(md.getExportedKeys(null, "shale", "kv"), "FK_NAME"));
      assertEquals(List.of(), column(md.getFunctions(null, "shale", "%"), "FUNCTION_NAME"));
      assertEquals(List.of(), column(md.getProcedures(null, "shale", "%"), "PROCEDURE_NAME"));

      // The data tab: SELECT * on a plain statement with a row limit.
      try (Statement s =
          c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        s.setMaxRows(200);
        assertTrue(s.execute("SELECT * FROM shale.kv"));
        try (ResultSet rs = s.getResultSet()) {
          ResultSetMetaData m = rs.getMetaData();
          assertEquals(2, m.getColumnCount());
          String[] names = {"key", "value"};
          int[] sizes = {4096, 16 << 20};
          int[] nullable = {ResultSetMetaData.columnNoNulls, ResultSetMetaData.columnNullable};
          for (int i = 1; i <= 2; i++) {
            assertEquals(names[i - 1], m.getColumnLabel(i));
            assertEquals(names[i - 1], m.getColumnName(i));
            assertEquals("kv", m.getTableName(i));
            assertEquals("shale", m.getSchemaName(i));
            assertEquals("", m.getCatalogName(i));
            assertEquals(nullable[i - 1], m.isNullable(i));
            assertTrue(m.isWritable(i), names[i - 1] + " is writable");
            assertFalse(m.isReadOnly(i));
            assertEquals(sizes[i - 1], m.getColumnDisplaySize(i));
            assertEquals(sizes[i - 1], m.getPrecision(i));
            assertEquals("VARCHAR", m.getColumnTypeName(i));
            assertEquals(Types.VARCHAR, m.getColumnType(i));
            assertFalse(m.isAutoIncrement(i));
            assertEquals(0, m.getScale(i));
          }
          assertTrue(rs.next());
          assertEquals("a", rs.getString(1));
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM shale.kv")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1));
      }
    }
  }

  @BothModes
  void editingARowInAutoCommitUsesTheKeyDBeaverFoundAndItsStatements(Mode mode)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(mode.url("dbeaver-edit"))) {
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO kv\n\t(\"key\", \"value\")\n\tVALUES(?,?)")) {
        insert.setString(1, "k");
        insert.setString(2, "v");
        assertEquals(1, insert.executeUpdate());
      }
      try (PreparedStatement update =
          c.prepareStatement("UPDATE kv\n\tSET \"value\"=?\n\tWHERE \"key\"=?")) {
        update.setString(1, "w");
        update.setString(2, "k");
        assertEquals(1, update.executeUpdate());
      }
      assertEquals(List.of("k=w"), MetadataClientsTest.rows(c));
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM kv\n\tWHERE \"key\"=?")) {
        delete.setString(1, "k");
        assertEquals(1, delete.executeUpdate());
      }
      assertEquals(List.of(), MetadataClientsTest.rows(c));
    }
  }
}
