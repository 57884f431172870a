package dev.shale.jdbc;

import dev.shale.sql.sys.SysTables;
import java.sql.DatabaseMetaData;
import java.sql.Types;

/**
 * What {@link DatabaseMetaData} says of the read-only schema {@code sys}: its tables (type {@code
 * SYSTEM TABLE}) and their columns, from the same definitions the SQL side scans ({@link
 * SysTables}). No primary keys, indexes or references: they are views of the engine, not data a
 * tool should edit. Names match ignoring case, as {@link KvCatalog}'s do.
 */
final class SysCatalog {

  private SysCatalog() {}

  /** Adds the sys rows of getTables to {@code rows} (its columns already defined). */
  static void tables(
      MetaRows rows, String catalog, String schemaPattern, String tablePattern, String[] types) {
    if (!typeWanted(types)
        || !KvCatalog.noCatalog(catalog)
        || !KvCatalog.matches(schemaPattern, SysTables.SCHEMA)) {
      return;
    }
    for (SysTables.Table t : SysTables.ALL) {
      if (KvCatalog.matches(tablePattern, t.name())) {
        rows.row(
            null,
            SysTables.SCHEMA,
            t.name(),
            SysTables.TABLE_TYPE,
            t.remarks(),
            null,
            null,
            null,
            null,
            null);
      }
    }
  }

  private static boolean typeWanted(String[] types) {
    if (types == null) {
      return true;
    }
    for (String type : types) {
      if (SysTables.TABLE_TYPE.equalsIgnoreCase(type)) {
        return true;
      }
    }
    return false;
  }

  /** Adds the sys rows of getColumns to {@code rows} (its columns already defined). */
  static void columns(
      MetaRows rows,
      String catalog,
      String schemaPattern,
      String tablePattern,
      String columnPattern) {
    if (!KvCatalog.noCatalog(catalog) || !KvCatalog.matches(schemaPattern, SysTables.SCHEMA)) {
      return;
    }
    for (SysTables.Table t : SysTables.ALL) {
      if (!KvCatalog.matches(tablePattern, t.name())) {
        continue;
      }
      int position = 0;
      for (SysTables.Column c : t.columns()) {
        position++;
        if (KvCatalog.matches(columnPattern, c.name())) {
          rows.row(column(t, c, position));
        }
      }
    }
  }

  private static Object[] column(SysTables.Table t, SysTables.Column c, int position) {
    Integer size =
        switch (c.jdbcType()) {
          case Types.BIGINT -> 19;
          case Types.INTEGER -> 10;
          case Types.DOUBLE -> 15;
          case Types.BOOLEAN -> 1;
          default -> Integer.MAX_VALUE;
        };
    boolean numeric =
        c.jdbcType() == Types.BIGINT
            || c.jdbcType() == Types.INTEGER
            || c.jdbcType() == Types.DOUBLE;
    return new Object[] {
      null,
      SysTables.SCHEMA,
      t.name(),
      c.name(),
      c.jdbcType(),
      c.typeName(),
      size,
      null,
      c.jdbcType() == Types.BIGINT || c.jdbcType() == Types.INTEGER ? 0 : null,
      numeric ? 10 : null,
      c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
      c.remarks(),
      null,
      null,
      null,
      c.jdbcType() == Types.VARCHAR ? Integer.MAX_VALUE : null,
      position,
      c.nullable() ? "YES" : "NO",
      null,
      null,
      null,
      null,
      "NO",
      "NO"
    };
  }
}
