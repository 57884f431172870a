package dev.shale.sql.adapter;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.Lex;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * Calcite's statement preparation for kv: Babel's parser, the kv rules in every planner, IN lists
 * kept as key predicates however long (Calcite turns lists of 20 or more into a join by default,
 * which would scan the whole table), and {@code UPSERT INTO kv} as a modify of its own kind. The
 * front door ({@code dev.shale.sql.front}) decides what reaches {@link #plan}.
 */
public class KvPrepare extends CalcitePrepareImpl {

  /**
   * Parses, validates, plans and compiles {@code sql} on {@code connectionContext}'s connection;
   * with {@code upsert}, its INSERT is an UPSERT (the front door rewrote the leading word, which
   * the parser does not know).
   */
  protected final <T> CalciteSignature<T> plan(
      CalcitePrepare.Context connectionContext,
      String sql,
      boolean upsert,
      Type elementType,
      long maxRowCount) {
    return super.prepareSql(
        new PrepareContext(connectionContext, upsert), Query.of(sql), elementType, maxRowCount);
  }

  /** Prepares a statement that has no SQL text (Calcite's own queries) as Calcite does. */
  protected final <T> CalciteSignature<T> planQuery(
      CalcitePrepare.Context connectionContext,
      Query<T> query,
      Type elementType,
      long maxRowCount) {
    return super.prepareSql(
        new PrepareContext(connectionContext, false), query, elementType, maxRowCount);
  }

  /**
   * The configuration statements are prepared with: names case-insensitive and kept as written,
   * identifiers quoted with "...". It is not a connection property because Calcite parses every
   * connection property again on each of its several config reads per execution (about a fifth of a
   * prepared point select with one property); preparation alone needs it.
   */
  private static final class Config {
    static final CalciteConnectionConfig CONFIG;

    static {
      Properties properties = new Properties();
      properties.setProperty(CalciteConnectionProperty.LEX.camelName(), Lex.MYSQL_ANSI.name());
      CONFIG = new CalciteConnectionConfigImpl(properties);
    }
  }

  /**
   * A connection's prepare context with {@link Config#CONFIG} as its configuration, and whether the
   * statement is an UPSERT (which the converter asks).
   */
  private record PrepareContext(CalcitePrepare.Context delegate, boolean upsert)
      implements CalcitePrepare.Context {
    @Override
    public JavaTypeFactory getTypeFactory() {
      return delegate.getTypeFactory();
    }

    @Override
    public org.apache.calcite.jdbc.CalciteSchema getRootSchema() {
      return delegate.getRootSchema();
    }

    @Override
    public org.apache.calcite.jdbc.CalciteSchema getMutableRootSchema() {
      return delegate.getMutableRootSchema();
    }

    @Override
    public List<String> getDefaultSchemaPath() {
      return delegate.getDefaultSchemaPath();
    }

    @Override
    public CalciteConnectionConfig config() {
      return Config.CONFIG;
    }

    @Override
    public CalcitePrepare.SparkHandler spark() {
      return delegate.spark();
    }

    @Override
    public org.apache.calcite.DataContext getDataContext() {
      return delegate.getDataContext();
    }

    @Override
    public List<String> getObjectPath() {
      return delegate.getObjectPath();
    }

    @Override
    public org.apache.calcite.tools.RelRunner getRelRunner() {
      return delegate.getRelRunner();
    }
  }

  /**
   * Babel's parser: in Calcite's default parser VALUE is reserved and {@code SELECT key, value FROM
   * kv} fails.
   */
  @Override
  protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    return super.createParser(sql, parserConfig.withParserFactory(SqlBabelParserImpl.FACTORY));
  }

  @Override
  protected RelOptPlanner createPlanner(
      CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext, // not CalcitePrepare.Context
      RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    KvRules.register(planner);
    return planner;
  }

  @Override
  protected CalcitePreparingStmt getPreparingStmt(
      CalcitePrepare.Context context,
      Type elementType,
      CalciteCatalogReader catalogReader,
      RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    return new PreparingStmt(
        this,
        context,
        catalogReader,
        typeFactory,
        context.getRootSchema(),
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM,
        createCluster(planner, new RexBuilder(typeFactory)),
        EnumerableConvention.INSTANCE,
        createConvertletTable());
  }

  /** Calcite's preparing statement with {@link Converter} as its SQL-to-relational converter. */
  private static final class PreparingStmt extends CalcitePreparingStmt {
    private final RelOptCluster relCluster;
    private final SqlRexConvertletTable convertlets;

    PreparingStmt(
        CalcitePrepareImpl prepare,
        CalcitePrepare.Context context,
        Prepare.CatalogReader catalogReader,
        JavaTypeFactory typeFactory,
        org.apache.calcite.jdbc.CalciteSchema schema,
        EnumerableRel.Prefer prefer,
        RelOptCluster cluster,
        org.apache.calcite.plan.Convention resultConvention,
        SqlRexConvertletTable convertletTable) {
      super(
          prepare,
          context,
          catalogReader,
          typeFactory,
          schema,
          prefer,
          cluster,
          resultConvention,
          convertletTable);
      this.relCluster = cluster;
      this.convertlets = convertletTable;
    }

    /** Calcite's program, after a pass that applies the kv pushdown rules wherever they match. */
    @Override
    protected Program getProgram() {
      return Programs.sequence(KvRules.PUSHDOWN, super.getProgram());
    }

    @Override
    protected SqlToRelConverter getSqlToRelConverter(
        SqlValidator validator,
        Prepare.CatalogReader catalogReader,
        SqlToRelConverter.Config config) {
      return new Converter(
          context instanceof PrepareContext p && p.upsert(),
          this,
          validator,
          catalogReader,
          relCluster,
          convertlets,
          config
              .withInSubQueryThreshold(Integer.MAX_VALUE)
              .withTopDownGeneralDecorrelationEnabled(
                  context.config().topDownGeneralDecorrelationEnabled()));
    }
  }

  /**
   * Converts {@code UPSERT INTO kv} into a {@link KvLogicalModify} of kind {@link
   * ModifyKind#UPSERT}; everything else as Calcite does.
   */
  private static final class Converter extends SqlToRelConverter {
    private final boolean upsert;

    Converter(
        boolean upsert,
        PreparingStmt viewExpander,
        SqlValidator validator,
        Prepare.CatalogReader catalogReader,
        RelOptCluster cluster,
        SqlRexConvertletTable convertletTable,
        Config config) {
      super(viewExpander, validator, catalogReader, cluster, convertletTable, config);
      this.upsert = upsert;
    }

    @Override
    protected RelNode convertInsert(SqlInsert call) {
      RelNode insert = super.convertInsert(call);
      if (!(upsert || call.isUpsert()) || !(insert instanceof LogicalTableModify modify)) {
        return insert;
      }
      return KvLogicalModify.upsert(modify);
    }
  }
}
