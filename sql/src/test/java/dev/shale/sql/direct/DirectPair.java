package dev.shale.sql.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.shale.engine.Options;
import dev.shale.sql.ShaleSql;
import dev.shale.sql.error.SqlExceptionTranslator;
import dev.shale.sql.exec.ByteRange;
import dev.shale.sql.exec.KeyRead;
import dev.shale.sql.exec.StatementCancel;
import dev.shale.sql.session.Session;
import dev.shale.sql.session.StatementPath;
import dev.shale.sql.store.KvDatabase;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Two identical databases for differential tests: every statement runs on {@code direct} through
 * {@link DirectStatement} and on {@code planned} through Calcite (the session's connection), and
 * what each path gives (parameters, columns, rows, update count, or the failure's phase, SQLState
 * and message) must be the same, and so must the tables after it.
 */
final class DirectPair implements AutoCloseable {

  /** Keys of at most 16 bytes and values of at most 24 bytes, so that tests reach the limits. */
  static final Options OPTIONS = Options.defaults().withMaxKeyBytes(16).withMaxValueBytes(24);

  /** The rows both databases start with. */
  static final String[][] ROWS = {
    {"a", "x"},
    {"a ", "a space"},
    {"ab", null},
    {"abc", ""},
    {"b", "bee"},
    {"c", "it's"},
    {"d", null},
    {"e", "e"},
    {"it's", "quote"},
    {"é", "accent"},
    {"z", "zed"},
    {"zz", "zz"},
    {"\uD83D\uDE00", "emoji"},
    {"k\u0000", "nul"},
  };

  /** A statement with its parameters, run with at most {@code maxRows} rows (0: all). */
  record Case(String sql, long maxRows, Object... params) {
    static Case of(String sql, Object... params) {
      return new Case(sql, 0, params);
    }

    @Override
    public String toString() {
      return sql
          + (params.length > 0 ? " " + Arrays.toString(params) : "")
          + (maxRows > 0 ? " maxRows " + maxRows : "");
    }
  }

  final Session direct;
  final Session planned;

  DirectPair() throws SQLException {
    this(ROWS);
  }

  DirectPair(String[][] rows) throws SQLException {
    direct = open(rows);
    planned = open(rows);
  }

  private static Session open(String[][] rows) throws SQLException {
    KvDatabase database = KvDatabase.openInMemory("direct-diff-" + System.nanoTime(), OPTIONS);
    Session session = ShaleSql.connect(database, false);
    List<Object[]> data = new ArrayList<>();
    for (String[] row : rows) {
      data.add(new Object[] {row[0], row[1]});
    }
    session.writer().upsert(Linq4j.asEnumerable(data));
    return session;
  }

  /** Runs {@code c} on both paths; asserts that they agree, and returns what they gave. */
  List<String> run(Case c) {
    DirectStatement statement = DirectStatement.parse(c.sql());
    assertNotNull(statement, "not taken by the direct path: " + c.sql());
    long before = direct.count(StatementPath.DIRECT);
    List<String> viaDirect = direct(statement, c);
    assertEquals(before + 1, direct.count(StatementPath.DIRECT), c.toString());
    List<String> viaPlanned = planned(c);
    assertEquals(viaPlanned, viaDirect, c.toString());
    assertEquals(contents(planned), contents(direct), "table after " + c);
    return viaDirect;
  }

  private List<String> direct(DirectStatement statement, Case c) {
    List<String> out = new ArrayList<>();
    StringBuilder params = new StringBuilder("params " + statement.parameterCount() + ":");
    for (int i = 0; i < statement.parameterCount(); i++) {
      params.append(' ').append(statement.parameterType(i));
    }
    out.add(params.toString());
    String phase = "execute";
    DirectResult result = null;
    try {
      result = statement.execute(direct, c.params(), StatementCancel.NONE, c.maxRows());
      if (statement.isQuery()) {
        for (DirectColumn col : statement.columns()) {
          out.add(
              column(
                  col.label(),
                  col.columnName(),
                  col.type(),
                  col.typeName(),
                  col.nullable(),
                  col.tableName(),
                  col.schemaName(),
                  col.className(),
                  col.precision(),
                  col.displaySize()));
        }
        phase = "fetch";
        try (DirectRows rows = result.rows()) {
          int n = statement.columns().size();
          while (rows.next()) {
            StringBuilder row = new StringBuilder("row");
            for (int i = 0; i < n; i++) {
              row.append(' ').append(value(rows.get(i)));
            }
            out.add(row.toString());
          }
        }
      } else {
        assertEquals(null, result.rows());
        out.add("count " + result.updateCount());
      }
    } catch (RuntimeException | Error e) {
      out.add(failure(phase, e));
    }
    return out;
  }

  private List<String> planned(Case c) {
    List<String> out = new ArrayList<>();
    if (c.maxRows() > 0) {
      return plannedWithMaxRows(c);
    }
    String phase = "prepare";
    try (PreparedStatement p = planned.connection().prepareStatement(c.sql())) {
      ParameterMetaData pm = p.getParameterMetaData();
      StringBuilder params = new StringBuilder("params " + pm.getParameterCount() + ":");
      for (int i = 1; i <= pm.getParameterCount(); i++) {
        params.append(' ').append(pm.getParameterType(i));
      }
      out.add(params.toString());
      for (int i = 0; i < c.params().length; i++) {
        Object v = c.params()[i];
        if (v == null) {
          p.setNull(i + 1, pm.getParameterType(i + 1));
        } else if (v instanceof String s) {
          p.setString(i + 1, s);
        } else if (v instanceof Integer n) {
          p.setInt(i + 1, n);
        } else {
          p.setLong(i + 1, (Long) v);
        }
      }
      phase = "execute";
      if (p.execute()) {
        try (ResultSet rs = p.getResultSet()) {
          phase = "fetch";
          out.addAll(describe(rs));
        }
      } else {
        out.add("count " + p.getUpdateCount());
      }
    } catch (SQLException | RuntimeException | Error e) {
      out.add(failure(phase, e));
    }
    return out;
  }

  /**
   * {@code c} on the planned path with a row cap: through a plain statement, because Calcite's
   * prepared statements ignore a setMaxRows made after they were prepared (they return every row).
   */
  private List<String> plannedWithMaxRows(Case c) {
    assertEquals(0, c.params().length, "a row cap is tested without parameters: " + c);
    List<String> out = new ArrayList<>();
    out.add("params 0:");
    String phase = "execute";
    try (Statement s = planned.connection().createStatement()) {
      s.setMaxRows((int) c.maxRows());
      if (s.execute(c.sql())) {
        try (ResultSet rs = s.getResultSet()) {
          phase = "fetch";
          out.addAll(describe(rs));
        }
      } else {
        out.add("count " + s.getUpdateCount());
      }
    } catch (SQLException | RuntimeException | Error e) {
      out.add(failure(phase, e));
    }
    return out;
  }

  /** A result set's columns and rows, the failure of a row read included. */
  private static List<String> describe(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    ResultSetMetaData md = rs.getMetaData();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      out.add(
          column(
              md.getColumnLabel(i),
              md.getColumnName(i),
              md.getColumnType(i),
              md.getColumnTypeName(i),
              md.isNullable(i) == ResultSetMetaData.columnNullable,
              md.getTableName(i),
              md.getSchemaName(i),
              md.getColumnClassName(i),
              md.getPrecision(i),
              md.getColumnDisplaySize(i)));
    }
    try {
      while (rs.next()) {
        StringBuilder row = new StringBuilder("row");
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.append(' ').append(value(rs.getObject(i)));
        }
        out.add(row.toString());
      }
    } catch (SQLException | RuntimeException e) {
      out.add(failure("fetch", e));
    }
    return out;
  }

  private static String column(
      String label,
      String name,
      int type,
      String typeName,
      boolean nullable,
      String table,
      String schema,
      String className,
      int precision,
      int displaySize) {
    return String.join(
        "/",
        "column " + label,
        name,
        Integer.toString(type),
        typeName,
        nullable ? "nullable" : "not null",
        String.valueOf(table),
        String.valueOf(schema),
        className,
        Integer.toString(precision),
        Integer.toString(displaySize));
  }

  private static String value(Object v) {
    return v == null ? "NULL" : "'" + v + "':" + v.getClass().getSimpleName();
  }

  private static String failure(String phase, Throwable e) {
    SQLException sql = SqlExceptionTranslator.translate(e);
    return "fails at " + phase + ": " + sql.getSQLState() + " " + sql.getMessage();
  }

  /** Every row of {@code session}'s kv as it sees it (its transaction's writes included). */
  static List<String> contents(Session session) {
    List<String> out = new ArrayList<>();
    try (Enumerator<Object[]> rows =
        session
            .reader()
            .rows(() -> new KeyRead(List.of(ByteRange.ALL), false, 0, Long.MAX_VALUE))) {
      while (rows.moveNext()) {
        out.add(rows.current()[0] + "=" + rows.current()[1]);
      }
    }
    return out;
  }

  /** Runs {@code sql} on both sessions' own JDBC connection (setup, not under test). */
  void both(String sql) throws SQLException {
    for (Session s : List.of(direct, planned)) {
      try (var st = s.connection().createStatement()) {
        st.execute(sql);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      direct.close();
    } finally {
      planned.close();
    }
  }
}
