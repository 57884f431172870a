package dev.shale.sql;

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
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
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
 * Calcite's statement preparation with the kv rules in every planner, IN lists kept as key
 * predicates however long (Calcite turns lists of 20 or more into a join by default, which would
 * scan the whole table), and {@code UPSERT INTO kv} kept apart from INSERT.
 */
final class ShalePrepare extends CalcitePrepareImpl {

  /** Set while a statement that began with UPSERT is being prepared on this thread. */
  private static final ThreadLocal<Boolean> PREPARING_UPSERT = ThreadLocal.withInitial(() -> false);

  /**
   * Prepares through the connection's {@link PlanCache}: a statement seen recently, or one that
   * differs from it only in literals a parameter can stand for, reuses its plan and compiled code.
   */
  @Override
  public <T> CalciteSignature<T> prepareSql(
      CalcitePrepare.Context connectionContext,
      Query<T> query,
      Type elementType,
      long maxRowCount) {
    if (query.sql == null) {
      return super.prepareSql(new LexContext(connectionContext), query, elementType, maxRowCount);
    }
    List<SqlTokens.Token> tokens = SqlTokens.of(query.sql);
    boolean upsert = forBabel(tokens);
    if (!upsert) {
      CalciteSignature<T> point =
          PointSelect.prepare(connectionContext, tokens, query.sql, maxRowCount);
      if (point != null) {
        return point;
      }
    }
    CalcitePrepare.Context context = new LexContext(connectionContext);
    KvTable table = KvTable.of(connectionContext);
    if (table == null) {
      return prepare(context, SqlTokens.join(tokens), upsert, elementType, maxRowCount);
    }
    PlanCache cache = table.planCache;
    PlanCache.Template template = PlanCache.template(tokens);
    if (template != null && !cache.refused(template.sql(), upsert)) {
      PlanCache.Key key = new PlanCache.Key(template.sql(), upsert, elementType, maxRowCount);
      @SuppressWarnings("unchecked")
      CalciteSignature<T> cached = (CalciteSignature<T>) cache.get(key);
      if (cached == null) {
        try {
          cached = prepare(context, template.sql(), upsert, elementType, maxRowCount);
        } catch (RuntimeException e) {
          cached = null; // e.g. a parameter where SQL allows none: prepare with the literals
        }
        if (cached == null || !allText(cached)) {
          cache.refuse(template.sql(), upsert);
        } else {
          cache.put(key, cached);
        }
      }
      if (cached != null && !cache.refused(template.sql(), upsert)) {
        return PlanCache.bind(cached, template.literals(), query.sql);
      }
    }
    String sql = SqlTokens.join(tokens);
    PlanCache.Key key = new PlanCache.Key(sql, upsert, elementType, maxRowCount);
    @SuppressWarnings("unchecked")
    CalciteSignature<T> cached = (CalciteSignature<T>) cache.get(key);
    if (cached == null) {
      cached = prepare(context, sql, upsert, elementType, maxRowCount);
      cache.put(key, cached);
    }
    return cached;
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

  /** A connection's prepare context with {@link Config#CONFIG} as its configuration. */
  private record LexContext(CalcitePrepare.Context delegate) implements CalcitePrepare.Context {
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

  /** Whether every parameter of {@code signature} takes a string (a literal can be its value). */
  private static boolean allText(CalciteSignature<?> signature) {
    return signature.parameters.stream()
        .allMatch(
            p ->
                p.parameterType == java.sql.Types.VARCHAR
                    || p.parameterType == java.sql.Types.CHAR);
  }

  private <T> CalciteSignature<T> prepare(
      CalcitePrepare.Context context,
      String sql,
      boolean upsert,
      Type elementType,
      long maxRowCount) {
    PREPARING_UPSERT.set(upsert);
    try {
      return super.prepareSql(context, Query.of(sql), elementType, maxRowCount);
    } finally {
      PREPARING_UPSERT.set(false);
    }
  }

  /**
   * Rewrites two spellings the Babel parser gets wrong, in place: a leading {@code UPSERT} (which
   * it does not parse) becomes {@code INSERT} (same length: error positions stay right), and the
   * word {@code value} right after {@code (} (which it takes for a VALUES table constructor) is
   * quoted. Returns whether the statement is an UPSERT.
   */
  static boolean forBabel(List<SqlTokens.Token> tokens) {
    boolean upsert = false;
    SqlTokens.Token previous = null;
    for (int i = 0; i < tokens.size(); i++) {
      SqlTokens.Token t = tokens.get(i);
      if (t.kind() == SqlTokens.Kind.BLANK || t.kind() == SqlTokens.Kind.COMMENT) {
        continue;
      }
      if (previous == null && t.isWord("UPSERT")) {
        upsert = true;
        tokens.set(i, new SqlTokens.Token(SqlTokens.Kind.WORD, "INSERT"));
      } else if (t.isWord(KvTable.VALUE) && previous != null && previous.isSymbol("(")) {
        tokens.set(i, new SqlTokens.Token(SqlTokens.Kind.QUOTED_IDENTIFIER, '"' + t.text() + '"'));
      }
      previous = t;
    }
    return upsert;
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
   * Converts {@code UPSERT INTO kv} into a MERGE with no update columns, which {@link KvRules}
   * turns into a blind write; everything else as Calcite does.
   */
  private static final class Converter extends SqlToRelConverter {
    Converter(
        PreparingStmt viewExpander,
        SqlValidator validator,
        Prepare.CatalogReader catalogReader,
        RelOptCluster cluster,
        SqlRexConvertletTable convertletTable,
        Config config) {
      super(viewExpander, validator, catalogReader, cluster, convertletTable, config);
    }

    @Override
    protected RelNode convertInsert(SqlInsert call) {
      RelNode insert = super.convertInsert(call);
      boolean upsert = call.isUpsert() || PREPARING_UPSERT.get();
      if (!upsert || !(insert instanceof LogicalTableModify modify)) {
        return insert;
      }
      RelOptTable table = modify.getTable();
      return LogicalTableModify.create(
          table,
          modify.getCatalogReader(),
          modify.getInput(),
          TableModify.Operation.MERGE,
          List.of(),
          null,
          modify.isFlattened());
    }
  }
}
