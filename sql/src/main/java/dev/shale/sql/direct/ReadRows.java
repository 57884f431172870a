package dev.shale.sql.direct;

import org.apache.calcite.linq4j.Enumerator;

/**
 * The rows of a direct SELECT: the session reader's {@code {key, value}} rows, projected onto the
 * statement's columns. The first row is read when the statement executes ({@link #start}), as the
 * planned path reads it, so that a bad parameter fails the execution rather than the first {@link
 * #next()}.
 */
final class ReadRows implements DirectRows {

  private final Enumerator<Object[]> rows;
  private final int[] fields;
  private boolean started;
  private boolean pending;
  private boolean closed;
  private Object[] current;

  ReadRows(Enumerator<Object[]> rows, int[] fields) {
    this.rows = rows;
    this.fields = fields;
  }

  /** Reads the first row; closes the rows if that fails. */
  ReadRows start() {
    try {
      pending = rows.moveNext();
      started = true;
      return this;
    } catch (RuntimeException | Error e) {
      rows.close();
      throw e;
    }
  }

  /** Moves to the next row; false past the last one, and once closed. */
  @Override
  public boolean next() {
    if (closed) {
      return false;
    }
    boolean has;
    if (started) {
      started = false;
      has = pending;
    } else {
      has = rows.moveNext();
    }
    current = has ? rows.current() : null;
    return has;
  }

  @Override
  public Object get(int column) {
    if (current == null) {
      throw new IllegalStateException("No current row");
    }
    return current[fields[column]];
  }

  @Override
  public void close() {
    closed = true;
    current = null;
    rows.close();
  }
}
