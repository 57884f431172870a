package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.dbunit.database.DatabaseConnection;
import org.dbunit.database.IDatabaseConnection;
import org.dbunit.dataset.IDataSet;
import org.dbunit.dataset.ITable;
import org.dbunit.dataset.xml.FlatXmlDataSet;
import org.dbunit.dataset.xml.FlatXmlDataSetBuilder;
import org.dbunit.operation.DatabaseOperation;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Meta;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.PrimaryKey;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/** Libraries that read the metadata: jOOQ, DbUnit, SchemaCrawler find kv and its primary key. */
class MetadataClientsTest {

  private static Connection open(Mode mode, String name) throws SQLException {
    return DriverManager.getConnection(mode.url(name));
  }

  private static void insert(Connection c, String... keyValues) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (int i = 0; i < keyValues.length; i += 2) {
        s.executeUpdate(
            "INSERT INTO kv VALUES ('" + keyValues[i] + "', '" + keyValues[i + 1] + "')");
      }
    }
  }

  @BothModes
  void jooqRunsPlainSqlAndTheDslAndItsMetaFindsKvWithItsPrimaryKey(Mode mode) throws SQLException {
    try (Connection c = open(mode, "jooq")) {
      DSLContext ctx = DSL.using(c, SQLDialect.DEFAULT);
      assertEquals(1, ctx.execute("INSERT INTO kv VALUES (?, ?)", "a", "1"));
      Table<Record> kv = DSL.table(DSL.name("kv"));
      Field<String> key = DSL.field(DSL.name("key"), String.class);
      Field<String> value = DSL.field(DSL.name("value"), String.class);
      assertEquals(2, ctx.insertInto(kv, key, value).values("b", "2").values("c", "3").execute());
      assertEquals(1, ctx.update(kv).set(value, "22").where(key.eq("b")).execute());
      assertEquals(1, ctx.deleteFrom(kv).where(key.eq("c")).execute());
      assertEquals(List.of("a", "b"), ctx.select(key).from(kv).orderBy(key).fetch(key));
      assertEquals("22", ctx.select(value).from(kv).where(key.eq("b")).fetchOne(value));
      assertEquals(2, ctx.fetchCount(kv));
      assertEquals("1", ctx.fetchValue("SELECT value FROM kv WHERE key = 'a'"));

      Meta meta = ctx.meta();
      List<Table<?>> tables = meta.getTables("kv");
      assertEquals(1, tables.size(), "tables: " + meta.getTables());
      Table<?> table = tables.get(0);
      assertEquals("shale", table.getSchema().getName());
      assertEquals(List.of("key", "value"), names(table.fields()));
      UniqueKey<?> pk = table.getPrimaryKey();
      assertNotNull(pk, "jOOQ's meta found no primary key");
      assertEquals("kv_pk", pk.getName());
      assertEquals(List.of("key"), names(pk.getFieldsArray()));
      assertFalse(table.field("key").getDataType().nullable());
      assertTrue(table.field("value").getDataType().nullable());
      assertEquals(4096, table.field("key").getDataType().length());
    }
  }

  private static List<String> names(Field<?>[] fields) {
    List<String> names = new ArrayList<>();
    for (Field<?> f : fields) {
      names.add(f.getName());
    }
    return names;
  }

  @BothModes
  void dbunitExportsKvAndCleanInsertsAndRefreshesIt(Mode mode) throws Exception {
    try (Connection c = open(mode, "dbunit")) {
      insert(c, "a", "1", "b", "2");
      IDatabaseConnection db = new DatabaseConnection(c, "shale");

      IDataSet exported = db.createDataSet(new String[] {"KV"});
      ITable table = exported.getTable("KV");
      assertEquals(2, table.getRowCount());
      assertEquals("key", table.getTableMetaData().getPrimaryKeys()[0].getColumnName());
      StringWriter xml = new StringWriter();
      FlatXmlDataSet.write(exported, xml);
      assertTrue(xml.toString().contains("<kv key=\"a\" value=\"1\"/>"), xml.toString());

      IDataSet wanted =
          new FlatXmlDataSetBuilder()
              .build(
                  new StringReader(
                      "<dataset><kv key=\"x\" value=\"10\"/><kv key=\"y\""
                          + " value=\"20\"/></dataset>"));
      DatabaseOperation.CLEAN_INSERT.execute(db, wanted);
      assertEquals(List.of("x=10", "y=20"), rows(c));

      IDataSet refresh =
          new FlatXmlDataSetBuilder()
              .build(
                  new StringReader(
                      "<dataset><kv key=\"y\" value=\"21\"/><kv key=\"z\""
                          + " value=\"30\"/></dataset>"));
      DatabaseOperation.REFRESH.execute(db, refresh);
      assertEquals(List.of("x=10", "y=21", "z=30"), rows(c));
    }
  }

  static List<String> rows(Connection c) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT key, value FROM kv ORDER BY key")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "=" + rs.getString(2));
      }
    }
    return rows;
  }

  @BothModes
  void schemaCrawlerFindsKvItsColumnsAndItsPrimaryKey(Mode mode) throws Exception {
    try (Connection held = open(mode, "crawler");
        HikariDataSource source = PoolAndTemplateTest.pool(mode, "crawler", null)) {
      SchemaCrawlerOptions options =
          SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
              .withLoadOptions(
                  LoadOptionsBuilder.builder()
                      .withSchemaInfoLevel(SchemaInfoLevelBuilder.standard())
                      .toOptions());
      Catalog catalog =
          SchemaCrawlerUtility.getCatalog(
              DatabaseConnectionSources.fromDataSource(source), options);
      List<String> tables = new ArrayList<>();
      catalog.getTables().forEach(t -> tables.add(t.getFullName()));
      assertEquals(List.of("shale.kv"), tables);
      schemacrawler.schema.Table kv = catalog.getTables().iterator().next();
      List<String> columns = new ArrayList<>();
      for (Column column : kv.getColumns()) {
        columns.add(
            column.getName()
                + " "
                + column.getColumnDataType().getName()
                + "("
                + column.getSize()
                + ")"
                + (column.isNullable() ? "" : " NOT NULL"));
      }
      assertEquals(List.of("key VARCHAR(4096) NOT NULL", "value VARCHAR(16777216)"), columns);
      assertTrue(kv.hasPrimaryKey(), "SchemaCrawler found no primary key");
      PrimaryKey pk = kv.getPrimaryKey();
      assertEquals("kv_pk", pk.getName());
      assertEquals("key", pk.getConstrainedColumns().get(0).getName());
    }
  }
}
