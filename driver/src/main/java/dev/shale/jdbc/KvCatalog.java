package dev.shale.jdbc;

import dev.shale.sql.sys.SysTables;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.regex.Pattern;

/**
 * What {@link DatabaseMetaData} says of the one table, as tools read it: no catalogs, the schema
 * {@code shale} holding one table {@code kv(key VARCHAR NOT NULL, value VARCHAR)} whose primary key
 * {@code kv_pk} on {@code key} is also its one unique index, no foreign keys, functions or
 * procedures; beside it the read-only schema {@code sys} ({@link SysCatalog}).
 *
 * <p>One identifier case: names are kept and reported in lower case, and match in any case, quoted
 * or not (as the parser treats them). So a name pattern matches ignoring case: {@code KV}, {@code
 * kv} and {@code K%} all find the table, as {@code SELECT * FROM KV} finds it. A catalog argument
 * other than null or "" finds nothing: there are no catalogs ({@code getCatalog()} is null).
 *
 * <p>Sizes are the engine's limits: a key is 1 to {@code maxKeyBytes} bytes and a value at most
 * {@code maxValueBytes} bytes of CESU-8, so {@code COLUMN_SIZE} (characters) is the number of ASCII
 * characters that fit, and {@code CHAR_OCTET_LENGTH} the limit in bytes.
 */
final class KvCatalog {

  static final String SCHEMA = "shale";
  static final String TABLE = "kv";
  static final String KEY = "key";
  static final String VALUE = "value";
  static final String PRIMARY_KEY = "kv_pk";
  static final String TABLE_TYPE = "TABLE";

  private final int maxKeyBytes;
  private final int maxValueBytes;

  KvCatalog(int maxKeyBytes, int maxValueBytes) {
    this.maxKeyBytes = maxKeyBytes;
    this.maxValueBytes = maxValueBytes;
  }

  int maxKeyBytes() {
    return maxKeyBytes;
  }

  int maxValueBytes() {
    return maxValueBytes;
  }

  /**
   * Whether a JDBC name pattern ({@code %}, {@code _}, escape {@code \}) matches {@code name},
   * ignoring case; null matches every name, "" none.
   */
  static boolean matches(String pattern, String name) {
    if (pattern == null) {
      return true;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
        .matcher(name)
        .matches();
  }

  /** Whether a catalog argument lets rows of no catalog through: null (any) or "" (none). */
  static boolean noCatalog(String catalog) {
    return catalog == null || catalog.isEmpty();
  }

  /** A table name argument that is not a pattern (getPrimaryKeys, getIndexInfo…): exact or null. */
  private static boolean isKv(String catalog, String schema, String table) {
    return noCatalog(catalog)
        && (schema == null || SCHEMA.equalsIgnoreCase(schema))
        && (table == null || TABLE.equalsIgnoreCase(table) || "%".equals(table));
  }

  private static boolean kvMatches(String catalog, String schemaPattern, String tablePattern) {
    return noCatalog(catalog) && matches(schemaPattern, SCHEMA) && matches(tablePattern, TABLE);
  }

  MetaRows catalogs() {
    return new MetaRows().column("TABLE_CAT", Types.VARCHAR);
  }

  MetaRows schemas(String catalog, String schemaPattern) {
    MetaRows rows =
        new MetaRows().column("TABLE_SCHEM", Types.VARCHAR).column("TABLE_CATALOG", Types.VARCHAR);
    if (noCatalog(catalog) && matches(schemaPattern, SCHEMA)) {
      rows.row(SCHEMA, null);
    }
    if (noCatalog(catalog) && matches(schemaPattern, SysTables.SCHEMA)) {
      rows.row(SysTables.SCHEMA, null);
    }
    return rows;
  }

  MetaRows tableTypes() {
    // Ordered by type, as JDBC asks.
    return new MetaRows()
        .column("TABLE_TYPE", Types.VARCHAR)
        .row(SysTables.TABLE_TYPE)
        .row(TABLE_TYPE);
  }

  MetaRows tables(String catalog, String schemaPattern, String tablePattern, String[] types) {
    MetaRows rows = new MetaRows();
    for (String name :
        new String[] {
          "TABLE_CAT",
          "TABLE_SCHEM",
          "TABLE_NAME",
          "TABLE_TYPE",
          "REMARKS",
          "TYPE_CAT",
          "TYPE_SCHEM",
          "TYPE_NAME",
          "SELF_REFERENCING_COL_NAME",
          "REF_GENERATION"
        }) {
      rows.column(name, Types.VARCHAR);
    }
    // Ordered by type: SYSTEM TABLE before TABLE.
    SysCatalog.tables(rows, catalog, schemaPattern, tablePattern, types);
    boolean typeWanted = types == null;
    for (String type : types == null ? new String[0] : types) {
      typeWanted |= TABLE_TYPE.equalsIgnoreCase(type);
    }
    if (typeWanted && kvMatches(catalog, schemaPattern, tablePattern)) {
      rows.row(
          null,
          SCHEMA,
          TABLE,
          TABLE_TYPE,
          "The whole database: every key and its value",
          null,
          null,
          null,
          null,
          null);
    }
    return rows;
  }

  MetaRows columns(
      String catalog, String schemaPattern, String tablePattern, String columnPattern) {
    MetaRows rows =
        new MetaRows()
            .column("TABLE_CAT", Types.VARCHAR)
            .column("TABLE_SCHEM", Types.VARCHAR)
            .column("TABLE_NAME", Types.VARCHAR)
            .column("COLUMN_NAME", Types.VARCHAR)
            .column("DATA_TYPE", Types.INTEGER)
            .column("TYPE_NAME", Types.VARCHAR)
            .column("COLUMN_SIZE", Types.INTEGER)
            .column("BUFFER_LENGTH", Types.INTEGER)
            .column("DECIMAL_DIGITS", Types.INTEGER)
            .column("NUM_PREC_RADIX", Types.INTEGER)
            .column("NULLABLE", Types.INTEGER)
            .column("REMARKS", Types.VARCHAR)
            .column("COLUMN_DEF", Types.VARCHAR)
            .column("SQL_DATA_TYPE", Types.INTEGER)
            .column("SQL_DATETIME_SUB", Types.INTEGER)
            .column("CHAR_OCTET_LENGTH", Types.INTEGER)
            .column("ORDINAL_POSITION", Types.INTEGER)
            .column("IS_NULLABLE", Types.VARCHAR)
            .column("SCOPE_CATALOG", Types.VARCHAR)
            .column("SCOPE_SCHEMA", Types.VARCHAR)
            .column("SCOPE_TABLE", Types.VARCHAR)
            .column("SOURCE_DATA_TYPE", Types.SMALLINT)
            .column("IS_AUTOINCREMENT", Types.VARCHAR)
            .column("IS_GENERATEDCOLUMN", Types.VARCHAR);
    if (kvMatches(catalog, schemaPattern, tablePattern)) {
      if (matches(columnPattern, KEY)) {
        rows.row(column(KEY, maxKeyBytes, false, 1, "The key: 1 to " + maxKeyBytes + " bytes"));
      }
      if (matches(columnPattern, VALUE)) {
        rows.row(
            column(
                VALUE, maxValueBytes, true, 2, "The value: at most " + maxValueBytes + " bytes"));
      }
    }
    // Ordered by schema: shale before sys.
    SysCatalog.columns(rows, catalog, schemaPattern, tablePattern, columnPattern);
    return rows;
  }

  private static Object[] column(
      String name, int bytes, boolean nullable, int position, String remarks) {
    return new Object[] {
      null,
      SCHEMA,
      TABLE,
      name,
      Types.VARCHAR,
      "VARCHAR",
      bytes,
      null,
      null,
      null,
      nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
      remarks,
      null,
      null,
      null,
      bytes,
      position,
      nullable ? "YES" : "NO",
      null,
      null,
      null,
      null,
      "NO",
      "NO"
    };
  }

  MetaRows primaryKeys(String catalog, String schema, String table) {
    MetaRows rows =
        new MetaRows()
            .column("TABLE_CAT", Types.VARCHAR)
            .column("TABLE_SCHEM", Types.VARCHAR)
            .column("TABLE_NAME", Types.VARCHAR)
            .column("COLUMN_NAME", Types.VARCHAR)
            .column("KEY_SEQ", Types.SMALLINT)
            .column("PK_NAME", Types.VARCHAR);
    if (isKv(catalog, schema, table)) {
      rows.row(null, SCHEMA, TABLE, KEY, (short) 1, PRIMARY_KEY);
    }
    return rows;
  }

  MetaRows indexInfo(String catalog, String schema, String table, boolean unique) {
    MetaRows rows =
        new MetaRows()
            .column("TABLE_CAT", Types.VARCHAR)
            .column("TABLE_SCHEM", Types.VARCHAR)
            .column("TABLE_NAME", Types.VARCHAR)
            .column("NON_UNIQUE", Types.BOOLEAN)
            .column("INDEX_QUALIFIER", Types.VARCHAR)
            .column("INDEX_NAME", Types.VARCHAR)
            .column("TYPE", Types.SMALLINT)
            .column("ORDINAL_POSITION", Types.SMALLINT)
            .column("COLUMN_NAME", Types.VARCHAR)
            .column("ASC_OR_DESC", Types.VARCHAR)
            .column("CARDINALITY", Types.BIGINT)
            .column("PAGES", Types.BIGINT)
            .column("FILTER_CONDITION", Types.VARCHAR);
    if (isKv(catalog, schema, table)) {
      // The key order of the LSM tree is the index; its size is not tracked (0).
      rows.row(
          null,
          SCHEMA,
          TABLE,
          false,
          null,
          PRIMARY_KEY,
          DatabaseMetaData.tableIndexOther,
          (short) 1,
          KEY,
          "A",
          0L,
          0L,
          null);
    }
    return rows;
  }

  /** getImportedKeys, getExportedKeys, getCrossReference: kv references nothing. */
  MetaRows foreignKeys() {
    MetaRows rows = new MetaRows();
    for (String name :
        new String[] {
          "PKTABLE_CAT",
          "PKTABLE_SCHEM",
          "PKTABLE_NAME",
          "PKCOLUMN_NAME",
          "FKTABLE_CAT",
          "FKTABLE_SCHEM",
          "FKTABLE_NAME",
          "FKCOLUMN_NAME"
        }) {
      rows.column(name, Types.VARCHAR);
    }
    return rows.column("KEY_SEQ", Types.SMALLINT)
        .column("UPDATE_RULE", Types.SMALLINT)
        .column("DELETE_RULE", Types.SMALLINT)
        .column("FK_NAME", Types.VARCHAR)
        .column("PK_NAME", Types.VARCHAR)
        .column("DEFERRABILITY", Types.SMALLINT);
  }

  MetaRows functions() {
    return new MetaRows()
        .column("FUNCTION_CAT", Types.VARCHAR)
        .column("FUNCTION_SCHEM", Types.VARCHAR)
        .column("FUNCTION_NAME", Types.VARCHAR)
        .column("REMARKS", Types.VARCHAR)
        .column("FUNCTION_TYPE", Types.SMALLINT)
        .column("SPECIFIC_NAME", Types.VARCHAR);
  }

  MetaRows functionColumns() {
    MetaRows rows =
        new MetaRows()
            .column("FUNCTION_CAT", Types.VARCHAR)
            .column("FUNCTION_SCHEM", Types.VARCHAR)
            .column("FUNCTION_NAME", Types.VARCHAR)
            .column("COLUMN_NAME", Types.VARCHAR)
            .column("COLUMN_TYPE", Types.SMALLINT)
            .column("DATA_TYPE", Types.INTEGER)
            .column("TYPE_NAME", Types.VARCHAR)
            .column("PRECISION", Types.INTEGER)
            .column("LENGTH", Types.INTEGER)
            .column("SCALE", Types.SMALLINT)
            .column("RADIX", Types.SMALLINT)
            .column("NULLABLE", Types.SMALLINT)
            .column("REMARKS", Types.VARCHAR)
            .column("CHAR_OCTET_LENGTH", Types.INTEGER)
            .column("ORDINAL_POSITION", Types.INTEGER)
            .column("IS_NULLABLE", Types.VARCHAR)
            .column("SPECIFIC_NAME", Types.VARCHAR);
    return rows;
  }

  MetaRows procedures() {
    return new MetaRows()
        .column("PROCEDURE_CAT", Types.VARCHAR)
        .column("PROCEDURE_SCHEM", Types.VARCHAR)
        .column("PROCEDURE_NAME", Types.VARCHAR)
        .column("RESERVED1", Types.VARCHAR)
        .column("RESERVED2", Types.VARCHAR)
        .column("RESERVED3", Types.VARCHAR)
        .column("REMARKS", Types.VARCHAR)
        .column("PROCEDURE_TYPE", Types.SMALLINT)
        .column("SPECIFIC_NAME", Types.VARCHAR);
  }

  MetaRows procedureColumns() {
    MetaRows rows = new MetaRows();
    for (String name : new String[] {"PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME"}) {
      rows.column(name, Types.VARCHAR);
    }
    return rows.column("COLUMN_NAME", Types.VARCHAR)
        .column("COLUMN_TYPE", Types.SMALLINT)
        .column("DATA_TYPE", Types.INTEGER)
        .column("TYPE_NAME", Types.VARCHAR)
        .column("PRECISION", Types.INTEGER)
        .column("LENGTH", Types.INTEGER)
        .column("SCALE", Types.SMALLINT)
        .column("RADIX", Types.SMALLINT)
        .column("NULLABLE", Types.SMALLINT)
        .column("REMARKS", Types.VARCHAR)
        .column("COLUMN_DEF", Types.VARCHAR)
        .column("SQL_DATA_TYPE", Types.INTEGER)
        .column("SQL_DATETIME_SUB", Types.INTEGER)
        .column("CHAR_OCTET_LENGTH", Types.INTEGER)
        .column("ORDINAL_POSITION", Types.INTEGER)
        .column("IS_NULLABLE", Types.VARCHAR)
        .column("SPECIFIC_NAME", Types.VARCHAR);
  }

  /** getBestRowIdentifier: the key, for any scope; nullable or not, it never is NULL. */
  MetaRows bestRowIdentifier(String catalog, String schema, String table) {
    MetaRows rows =
        new MetaRows()
            .column("SCOPE", Types.SMALLINT)
            .column("COLUMN_NAME", Types.VARCHAR)
            .column("DATA_TYPE", Types.INTEGER)
            .column("TYPE_NAME", Types.VARCHAR)
            .column("COLUMN_SIZE", Types.INTEGER)
            .column("BUFFER_LENGTH", Types.INTEGER)
            .column("DECIMAL_DIGITS", Types.SMALLINT)
            .column("PSEUDO_COLUMN", Types.SMALLINT);
    if (isKv(catalog, schema, table)) {
      rows.row(
          (short) DatabaseMetaData.bestRowSession,
          KEY,
          Types.VARCHAR,
          "VARCHAR",
          maxKeyBytes,
          null,
          null,
          (short) DatabaseMetaData.bestRowNotPseudo);
    }
    return rows;
  }

  /** getVersionColumns: no column changes by itself when a row is updated. */
  MetaRows versionColumns() {
    return new MetaRows()
        .column("SCOPE", Types.SMALLINT)
        .column("COLUMN_NAME", Types.VARCHAR)
        .column("DATA_TYPE", Types.INTEGER)
        .column("TYPE_NAME", Types.VARCHAR)
        .column("COLUMN_SIZE", Types.INTEGER)
        .column("BUFFER_LENGTH", Types.INTEGER)
        .column("DECIMAL_DIGITS", Types.SMALLINT)
        .column("PSEUDO_COLUMN", Types.SMALLINT);
  }

  /** getPseudoColumns: none (no ROWID: the key is the row's identity). */
  MetaRows pseudoColumns() {
    MetaRows rows = new MetaRows();
    for (String name : new String[] {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME"}) {
      rows.column(name, Types.VARCHAR);
    }
    return rows.column("DATA_TYPE", Types.INTEGER)
        .column("COLUMN_SIZE", Types.INTEGER)
        .column("DECIMAL_DIGITS", Types.INTEGER)
        .column("NUM_PREC_RADIX", Types.INTEGER)
        .column("COLUMN_USAGE", Types.VARCHAR)
        .column("REMARKS", Types.VARCHAR)
        .column("CHAR_OCTET_LENGTH", Types.INTEGER)
        .column("IS_NULLABLE", Types.VARCHAR);
  }

  /** getClientInfoProperties: the three a connection keeps (see ShaleConnection.setClientInfo). */
  MetaRows clientInfoProperties() {
    MetaRows rows =
        new MetaRows()
            .column("NAME", Types.VARCHAR)
            .column("MAX_LEN", Types.INTEGER)
            .column("DEFAULT_VALUE", Types.VARCHAR)
            .column("DESCRIPTION", Types.VARCHAR);
    for (String name : ShaleConnection.CLIENT_INFO.stream().sorted().toList()) {
      rows.row(
          name,
          Integer.MAX_VALUE,
          null,
          "kept per connection for the client; Shale does not use it");
    }
    return rows;
  }
}
