package dev.shale.sql.exec;

import java.util.List;
import org.apache.calcite.linq4j.Enumerator;

/** The rows of a list as an {@link Enumerator}, for the writer's {@code *Rows} methods. */
public final class ListRows implements Enumerator<Object[]> {

  private final List<Object[]> rows;
  private int next;
  private Object[] current;

  public ListRows(List<Object[]> rows) {
    this.rows = rows;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if (next < rows.size()) {
      current = rows.get(next++);
      return true;
    }
    current = null;
    return false;
  }

  @Override
  public void reset() {
    next = 0;
    current = null;
  }

  @Override
  public void close() {}
}
