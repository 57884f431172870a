package dev.shale.it;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.EnumMap;
import java.util.Map;

/**
 * The child JVM of {@link CrashTest}: runs its {@link CrashOps.Stream} through JDBC until it is
 * killed. It prints {@code ready} once its statements are prepared, then {@code ack <op> <result>}
 * for each operation, flushed, after the statement (or batch) returned and before the next one
 * starts: a printed operation is one Shale acknowledged.
 *
 * <p>Usage: {@code CrashWriter <url> <child number> <seed>}
 */
public final class CrashWriter {

  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    CrashOps.Stream ops = new CrashOps.Stream(Integer.parseInt(args[1]), Long.parseLong(args[2]));
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (Connection connection = DriverManager.getConnection(url)) {
      // Prepared up front: the planner's first plans take a second or two in a fresh JVM.
      Map<CrashOps.Kind, PreparedStatement> statements = new EnumMap<>(CrashOps.Kind.class);
      statements.put(
          CrashOps.Kind.INSERT, connection.prepareStatement("INSERT INTO kv VALUES (?, ?)"));
      statements.put(
          CrashOps.Kind.UPSERT, connection.prepareStatement("UPSERT INTO kv VALUES (?, ?)"));
      statements.put(
          CrashOps.Kind.UPDATE_KEY,
          connection.prepareStatement("UPDATE kv SET value = ? WHERE key = ?"));
      statements.put(
          CrashOps.Kind.UPDATE_RANGE,
          connection.prepareStatement("UPDATE kv SET value = ? WHERE key BETWEEN ? AND ?"));
      statements.put(
          CrashOps.Kind.DELETE_KEY, connection.prepareStatement("DELETE FROM kv WHERE key = ?"));
      statements.put(
          CrashOps.Kind.DELETE_RANGE,
          connection.prepareStatement("DELETE FROM kv WHERE key BETWEEN ? AND ?"));
      statements.put(CrashOps.Kind.INSERT_BATCH, statements.get(CrashOps.Kind.INSERT));
      statements.put(CrashOps.Kind.UPSERT_BATCH, statements.get(CrashOps.Kind.UPSERT));
      out.println("ready");
      out.flush();
      while (true) {
        CrashOps.Op op = ops.next();
        String result = run(statements.get(op.kind()), op);
        out.println("ack " + op.index() + " " + result);
        out.flush();
      }
    }
  }

  /** Runs {@code op}; returns what {@link CrashOps#apply} returns for it. */
  private static String run(PreparedStatement s, CrashOps.Op op) throws SQLException {
    try {
      switch (op.kind()) {
        case INSERT, UPSERT:
          s.setString(1, op.key());
          setValue(s, 2, op.value());
          return Integer.toString(s.executeUpdate());
        case UPDATE_KEY:
          setValue(s, 1, op.value());
          s.setString(2, op.key());
          return Integer.toString(s.executeUpdate());
        case UPDATE_RANGE:
          setValue(s, 1, op.value());
          s.setString(2, op.key());
          s.setString(3, op.hi());
          return Integer.toString(s.executeUpdate());
        case DELETE_KEY:
          s.setString(1, op.key());
          return Integer.toString(s.executeUpdate());
        case DELETE_RANGE:
          s.setString(1, op.key());
          s.setString(2, op.hi());
          return Integer.toString(s.executeUpdate());
        case INSERT_BATCH, UPSERT_BATCH:
          for (String[] row : op.rows()) {
            s.setString(1, row[0]);
            setValue(s, 2, row[1]);
            s.addBatch();
          }
          try {
            return "b" + s.executeBatch().length;
          } catch (BatchUpdateException e) {
            return "b" + e.getUpdateCounts().length + "!" + e.getSQLState();
          } finally {
            s.clearBatch();
          }
        default:
          throw new AssertionError(op.kind());
      }
    } catch (SQLException e) {
      return "!" + e.getSQLState();
    }
  }

  private static void setValue(PreparedStatement s, int index, String value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, value);
    }
  }
}
