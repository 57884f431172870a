package dev.shale.sql.direct;

import dev.shale.sql.adapter.KeyFilter;
import dev.shale.sql.adapter.KeyRanges;
import dev.shale.sql.adapter.KvTable;
import dev.shale.sql.adapter.RowCount;
import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.exec.KeyRead;
import dev.shale.sql.exec.KvReader;
import dev.shale.sql.exec.KvWriter;
import dev.shale.sql.exec.ListRows;
import dev.shale.sql.exec.StatementCancel;
import dev.shale.sql.front.DirectShape;
import dev.shale.sql.front.DirectShape.Operand;
import dev.shale.sql.session.Session;
import dev.shale.sql.session.StatementPath;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.Enumerator;

/**
 * A statement of one of the common single-table shapes, which runs without Calcite: recognised from
 * its tokens once ({@link #parse}, see {@link DirectShape} for the shapes), then executed any
 * number of times over a session's reader and writer, with results, metadata and errors identical
 * to the planned path's.
 *
 * <p>It runs what the planned path's plan would run, through the same code: the reader's rows of
 * {@link KeyRanges#read} (ranges, order, OFFSET and LIMIT checked alike) for a SELECT, the reader's
 * count for COUNT(*), and the writer's insert, upsert, update (rows {@code {key, value, new
 * value}}) and range delete for the writes; so transactions, read-only connections and the key and
 * value limits behave alike. Each {@link #execute} counts once as {@link StatementPath#DIRECT} in
 * the session.
 *
 * <p>Immutable: one parsed statement may run on any number of sessions and threads at once.
 */
public final class DirectStatement {

  /**
   * A parameter value meaning "not set": executing with it (or with fewer values than parameters)
   * fails as the planned path fails on an unbound parameter.
   */
  public static final Object UNBOUND = new Object();

  /** The label and name Calcite gives the one column of COUNT(*). */
  static final String COUNT_LABEL = "EXPR$0";

  private final DirectShape shape;
  private final List<DirectColumn> columns;
  private final int[] fields; // a SELECT's columns: 0 key, 1 value

  private DirectStatement(DirectShape shape) {
    this.shape = shape;
    this.columns = columnsOf(shape);
    List<Integer> selected =
        shape instanceof DirectShape.Select select ? select.fields() : List.of();
    this.fields = new int[selected.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = selected.get(i); // a loop, not a stream: no stream classes for a first statement
    }
  }

  /** The direct statement of {@code sql}, or null when it needs Calcite. Cheap and thread-safe. */
  public static DirectStatement parse(String sql) {
    DirectShape shape = sql == null ? null : DirectShape.of(sql);
    return shape == null ? null : new DirectStatement(shape);
  }

  private static List<DirectColumn> columnsOf(DirectShape shape) {
    if (shape instanceof DirectShape.Count) {
      return List.of(new DirectColumn(COUNT_LABEL, COUNT_LABEL, Types.BIGINT, false));
    }
    if (!(shape instanceof DirectShape.Select select)) {
      return List.of();
    }
    List<DirectColumn> out = new ArrayList<>();
    for (int i = 0; i < select.fields().size(); i++) {
      boolean value = select.fields().get(i) == 1;
      out.add(
          new DirectColumn(
              select.labels().get(i), value ? KvTable.VALUE : KvTable.KEY, Types.VARCHAR, value));
    }
    return List.copyOf(out);
  }

  /** How many {@code ?} parameters the statement has. */
  public int parameterCount() {
    return shape.parameterTypes().size();
  }

  /**
   * The {@link java.sql.Types} code of parameter {@code index} (0-based): VARCHAR for a key or
   * value, INTEGER for a LIMIT or OFFSET.
   */
  public int parameterType(int index) {
    return shape.parameterTypes().get(index);
  }

  /** Whether it returns rows (a SELECT) rather than an update count. */
  public boolean isQuery() {
    return shape instanceof DirectShape.Select || shape instanceof DirectShape.Count;
  }

  /** A query's columns; empty for a write. */
  public List<DirectColumn> columns() {
    return columns;
  }

  /**
   * Runs the statement on {@code session} with {@code parameters} (one per {@code ?}, the values
   * the driver's setters made: a String, a Number for LIMIT/OFFSET, or null; {@link #UNBOUND} for
   * one not set), stopping with 57014 when {@code cancel} says so; a query returns at most {@code
   * maxRows} rows (0: all). A query's first row is read here, so that what fails the planned path's
   * execution fails this call too. Failures are {@link ShaleSqlException}s (and the engine's {@link
   * dev.shale.engine.DbException}s), as on the planned path.
   */
  public DirectResult execute(
      Session session, Object[] parameters, StatementCancel cancel, long maxRows) {
    session.took(StatementPath.DIRECT);
    IntFunction<Object> values = bound(parameters);
    KvReader reader = session.reader();
    KvWriter writer = session.writer();
    if (shape instanceof DirectShape.Select s) {
      long cap = maxRows > 0 ? maxRows : Long.MAX_VALUE;
      Enumerator<Object[]> rows =
          reader.rows(
              new Read(s.keys(), s.descending(), s.offset(), s.fetch(), values, cap), cancel);
      return new DirectResult(new ReadRows(rows, fields).start(), -1);
    }
    if (shape instanceof DirectShape.Count count) {
      long n = reader.count(KeyRanges.ranges(count.keys(), values), cancel);
      return new DirectResult(new CountRow(n), -1);
    }
    if (shape instanceof DirectShape.Insert insert) {
      List<Object[]> rows = new ArrayList<>(insert.rows().size());
      for (List<Operand> row : insert.rows()) {
        rows.add(new Object[] {row.get(0).value(values), row.get(1).value(values)});
      }
      Rows given = new Rows(rows);
      return written(insert.upsert() ? writer.upsertRows(given) : writer.insertRows(given));
    }
    if (shape instanceof DirectShape.Update update) {
      String value = update.value().value(values);
      Read read = new Read(update.keys(), false, null, null, values, Long.MAX_VALUE);
      return written(writer.updateRows(new Updated(reader, read, cancel, value), 0, 2));
    }
    DirectShape.Delete delete = (DirectShape.Delete) shape;
    return written(writer.deleteRanges(KeyRanges.ranges(delete.keys(), values)));
  }

  /**
   * {@link #execute(Session, Object[], StatementCancel, long)} for a JDBC statement: it stops with
   * 57014 once {@code cancelFlag} (null: none) is set or {@code timeoutMillis} (0: none) have
   * passed since this call.
   */
  public DirectResult execute(
      Session session,
      Object[] parameters,
      AtomicBoolean cancelFlag,
      long timeoutMillis,
      long maxRows) {
    return execute(session, parameters, StatementCancel.of(cancelFlag, timeoutMillis), maxRows);
  }

  private static DirectResult written(long count) {
    return new DirectResult(null, count);
  }

  /**
   * The parameters as the key filters read them; 'unbound parameter' (HY000, the planned path's
   * message) when one is not set.
   */
  private IntFunction<Object> bound(Object[] parameters) {
    int n = parameterCount();
    for (int i = 0; i < n; i++) {
      if (parameters == null || i >= parameters.length || parameters[i] == UNBOUND) {
        throw new ShaleSqlException(
            SqlStates.GENERAL_ERROR,
            "exception while executing query: exception while executing query: unbound parameter");
      }
    }
    return new Bound(n == 0 ? new Object[0] : parameters.clone());
  }

  // The helpers of an execution below are small classes, not lambdas: a lambda's class is spun the
  // first time it is evaluated in a JVM (about half a millisecond each before the JIT has run),
  // which the first statement of an application would pay.

  /** One execution's parameter values, as the key filters read them. */
  private static final class Bound implements IntFunction<Object> {
    private final Object[] values;

    Bound(Object[] values) {
      this.values = values;
    }

    @Override
    public Object apply(int index) {
      return values[index];
    }
  }

  /**
   * What a SELECT or UPDATE reads, resolved when its first row is wanted (each enumeration again):
   * the keys of {@code keys} in order, after {@code offset}, at most {@code fetch} and {@code cap}
   * rows.
   */
  private static final class Read implements Supplier<KeyRead> {
    private final KeyFilter keys;
    private final boolean descending;
    private final RowCount offset;
    private final RowCount fetch;
    private final IntFunction<Object> values;
    private final long cap;

    Read(
        KeyFilter keys,
        boolean descending,
        RowCount offset,
        RowCount fetch,
        IntFunction<Object> values,
        long cap) {
      this.keys = keys;
      this.descending = descending;
      this.offset = offset;
      this.fetch = fetch;
      this.values = values;
      this.cap = cap;
    }

    @Override
    public KeyRead get() {
      KeyRead read = KeyRanges.read(keys, descending, offset, fetch, values);
      return read.limit() <= cap
          ? read
          : new KeyRead(read.ranges(), read.descending(), read.skip(), cap);
    }
  }

  /** An INSERT's or UPSERT's rows {@code {key, value}}, enumerated under the write lock. */
  private static final class Rows implements Supplier<Enumerator<Object[]>> {
    private final List<Object[]> rows;

    Rows(List<Object[]> rows) {
      this.rows = rows;
    }

    @Override
    public Enumerator<Object[]> get() {
      return new ListRows(rows);
    }
  }

  /** An UPDATE's rows with their new value, read under the write lock. */
  private static final class Updated implements Supplier<Enumerator<Object[]>> {
    private final KvReader reader;
    private final Read read;
    private final StatementCancel cancel;
    private final String value;

    Updated(KvReader reader, Read read, StatementCancel cancel, String value) {
      this.reader = reader;
      this.read = read;
      this.cancel = cancel;
      this.value = value;
    }

    @Override
    public Enumerator<Object[]> get() {
      return new WithValue(reader.rows(read, cancel), value);
    }
  }

  /**
   * The rows {@code {key, value}} an UPDATE reads, each with its new value: {@code {key, value,
   * new}}.
   */
  private static final class WithValue implements Enumerator<Object[]> {
    private final Enumerator<Object[]> rows;
    private final String value;

    WithValue(Enumerator<Object[]> rows, String value) {
      this.rows = rows;
      this.value = value;
    }

    @Override
    public Object[] current() {
      Object[] row = rows.current();
      return new Object[] {row[0], row[1], value};
    }

    @Override
    public boolean moveNext() {
      return rows.moveNext();
    }

    @Override
    public void reset() {
      rows.reset();
    }

    @Override
    public void close() {
      rows.close();
    }
  }
}
