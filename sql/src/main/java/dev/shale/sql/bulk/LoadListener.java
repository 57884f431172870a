package dev.shale.sql.bulk;

/**
 * Hears a load as it goes, for a progress display or a log: called on the loading thread, so keep
 * it quick. Both methods do nothing by default.
 */
public interface LoadListener {

  /** Nothing to hear. */
  LoadListener NONE = new LoadListener() {};

  /** {@code rows} records read so far, from {@code bytes} bytes of input. */
  default void progress(long rows, long bytes) {}

  /** A row was rejected. */
  default void rejected(Reject reject) {}
}
