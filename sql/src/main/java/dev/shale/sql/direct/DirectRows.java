package dev.shale.sql.direct;

/**
 * The rows of a direct query, read forward once: {@link #next()} moves to the next row, {@link
 * #get(int)} reads a column of the current one (0-based; a String, or a Long for a count, or null).
 * Failures are {@link dev.shale.sql.error.ShaleSqlException}s with their SQLState.
 */
public interface DirectRows extends AutoCloseable {

  boolean next();

  Object get(int column);

  @Override
  void close();
}
