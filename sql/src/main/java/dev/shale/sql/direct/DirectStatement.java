package dev.shale.sql.direct;

import dev.shale.sql.exec.StatementCancel;
import dev.shale.sql.session.Session;
import java.util.List;

/**
 * A statement of one of the common single-table shapes, which runs without Calcite: recognised from
 * its tokens once ({@link #parse}), then executed any number of times over a session's reader and
 * writer, with results, metadata and errors identical to the planned path's.
 */
public final class DirectStatement {

  private DirectStatement() {}

  /** The direct statement of {@code sql}, or null when it needs Calcite. */
  public static DirectStatement parse(String sql) {
    return null;
  }

  /** How many {@code ?} parameters the statement has. */
  public int parameterCount() {
    throw new UnsupportedOperationException();
  }

  /**
   * The {@link java.sql.Types} code of parameter {@code index} (0-based): VARCHAR for a key or
   * value, INTEGER for a LIMIT or OFFSET.
   */
  public int parameterType(int index) {
    throw new UnsupportedOperationException();
  }

  /** Whether it returns rows (a SELECT) rather than an update count. */
  public boolean isQuery() {
    throw new UnsupportedOperationException();
  }

  /** A query's columns; empty for a write. */
  public List<DirectColumn> columns() {
    throw new UnsupportedOperationException();
  }

  /**
   * Runs the statement on {@code session} with {@code parameters} (one per {@code ?}, the values
   * the driver's setters made: a String, a Number for LIMIT/OFFSET, or null), stopping with 57014
   * when {@code cancel} says so; a query returns at most {@code maxRows} rows (0: all). Failures
   * are {@link dev.shale.sql.error.ShaleSqlException}s.
   */
  public DirectResult execute(
      Session session, Object[] parameters, StatementCancel cancel, long maxRows) {
    throw new UnsupportedOperationException();
  }
}
