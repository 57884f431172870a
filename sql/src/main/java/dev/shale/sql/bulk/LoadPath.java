package dev.shale.sql.bulk;

/** Which way a load's rows went into the database. */
public enum LoadPath {
  /** No row was loaded. */
  NONE,
  /** Every row went straight into tables through the engine's ingest (input in key order). */
  INGEST,
  /** Every row went through write batches (the log and the memtable). */
  BATCHES,
  /** Rows in key order were ingested until one came out of order; batches took the rest. */
  INGEST_THEN_BATCHES;

  /** The path after rows went through {@code more} too. */
  LoadPath and(LoadPath more) {
    if (this == NONE || this == more) {
      return more;
    }
    return this == INGEST && more == BATCHES ? INGEST_THEN_BATCHES : this;
  }
}
