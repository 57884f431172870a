package dev.shale.sql.adapter;

import com.google.common.collect.ImmutableList;
import dev.shale.sql.exec.KvWriter;
import dev.shale.sql.exec.StatementCancel;
import dev.shale.sql.session.Session;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The table {@code kv(key VARCHAR NOT NULL PRIMARY KEY, value VARCHAR)} as Calcite sees it, one per
 * connection. Planning turns it into a {@link KvTableScan} or {@link KvTableModify}; their
 * generated code calls back into the methods below, which resolve what the plan left to execution
 * (dynamic parameters) and hand the work to the connection's {@link Session}: its reader and its
 * writer.
 */
public final class KvTable extends AbstractTable
    implements TranslatableTable, BuiltInMetadata.Collation.Handler {

  public static final String NAME = "kv";
  public static final String KEY = "key";
  public static final String VALUE = "value";

  private final Session session;

  public KvTable(Session session) {
    this.session = session;
  }

  /**
   * The kv table of the connection {@code context} prepares for, or null if it has none: the one
   * way from a statement being prepared to its connection's session.
   */
  public static KvTable of(CalcitePrepare.Context context) {
    CalciteSchema schema = context.getRootSchema().getSubSchema(KvSchema.NAME, false);
    CalciteSchema.TableEntry entry = schema == null ? null : schema.getTable(NAME, false);
    return entry != null && entry.getTable() instanceof KvTable kv ? kv : null;
  }

  public Session session() {
    return session;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataType varchar = typeFactory.createSqlType(SqlTypeName.VARCHAR);
    return typeFactory
        .builder()
        .add(KEY, typeFactory.createTypeWithNullability(varchar, false))
        .add(VALUE, typeFactory.createTypeWithNullability(varchar, true))
        .build();
  }

  @Override
  public Statistic getStatistic() {
    // No collation here: each scan has its own order (see collations).
    return Statistics.of(100_000d, List.of(ImmutableBitSet.of(0)));
  }

  /** A kv scan's rows are in its own key order, ascending or descending (planner metadata). */
  @Override
  public ImmutableList<RelCollation> collations(RelNode r, RelMetadataQuery mq) {
    return r instanceof KvScan scan
        ? ImmutableList.of(KvScan.collation(scan.spec.descending()))
        : ImmutableList.of();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new KvLogicalScan(context.getCluster(), relOptTable, KvScanSpec.ALL);
  }

  /**
   * The rows {@code spec} selects, {@code Object[] {key, value}}, each enumeration at its own
   * snapshot.
   */
  public Enumerable<Object[]> scan(KvScanSpec spec, DataContext root) {
    IntFunction<Object> parameters = KvScanSpec.parameters(root);
    StatementCancel cancel = StatementCancel.of(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return session.reader().rows(() -> spec.resolve(parameters), cancel);
      }
    };
  }

  /**
   * The number of keys {@code spec} selects, as one value: keys are counted as they are read, never
   * decoded into rows.
   */
  public Enumerable<Long> count(KvScanSpec spec, DataContext root) {
    IntFunction<Object> parameters = KvScanSpec.parameters(root);
    StatementCancel cancel = StatementCancel.of(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Long> enumerator() {
        return Linq4j.singletonEnumerator(session.reader().count(spec.ranges(parameters), cancel));
      }
    };
  }

  /** INSERT of {@code rows} ({@code {key, value}}). */
  public long insert(Enumerable<Object[]> rows) {
    return session.writer().insert(rows);
  }

  /** UPSERT of {@code rows} ({@code {key, value}}). */
  public long upsert(Enumerable<Object[]> rows) {
    return session.writer().upsert(rows);
  }

  /** UPDATE; see {@link KvWriter#update}. */
  public long update(Enumerable<Object[]> rows, int newKeyIndex, int newValueIndex) {
    return session.writer().update(rows, newKeyIndex, newValueIndex);
  }

  /** DELETE of the rows {@code {key, value}} read from kv. */
  public long delete(Enumerable<Object[]> rows) {
    return session.writer().delete(rows);
  }

  /** DELETE of every row {@code spec} selects, with no other predicate. */
  public long deleteRanges(KvScanSpec spec, DataContext root) {
    return session.writer().deleteRanges(spec.ranges(KvScanSpec.parameters(root)));
  }
}
