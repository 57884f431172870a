package dev.shale.sql.direct;

/** The one row of a direct {@code SELECT COUNT(*)}: the count, a Long. */
final class CountRow implements DirectRows {

  private final long count;
  private int position; // 0 before the row, 1 on it, 2 past it

  CountRow(long count) {
    this.count = count;
  }

  @Override
  public boolean next() {
    if (position < 2) {
      position++;
    }
    return position == 1;
  }

  @Override
  public Object get(int column) {
    if (position != 1 || column != 0) {
      throw new IllegalStateException("No column " + column + " in the current row");
    }
    return count;
  }

  @Override
  public void close() {
    position = 2;
  }
}
