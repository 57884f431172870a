package dev.shale.sql.bulk;

import java.util.List;

/**
 * What a load did.
 *
 * @param rowsRead records read (the header not counted)
 * @param rowsLoaded rows committed
 * @param rowsRejected rows not taken, each reported with its line
 * @param bytes bytes of input read
 * @param nanos how long the load took
 * @param path which way the rows went in
 * @param switchedAtLine the line whose key came out of order and moved the load from ingest to
 *     batches, or 0
 * @param ingestCommits ingest chunks committed; {@code batches} write batches written
 * @param stopped why the load stopped before the end of its input, or null if it read all of it
 * @param rejects the first {@link BulkLoader#REJECTS_KEPT} rejected rows
 */
public record LoadReport(
    long rowsRead,
    long rowsLoaded,
    long rowsRejected,
    long bytes,
    long nanos,
    LoadPath path,
    long switchedAtLine,
    long ingestCommits,
    long batches,
    String stopped,
    List<Reject> rejects) {

  public double seconds() {
    return nanos / 1e9;
  }

  /** Rows loaded per second (0 for an empty load). */
  public double rowsPerSecond() {
    return nanos == 0 ? 0 : rowsLoaded / seconds();
  }

  /** One line for a person: counts, speed, path, and why it stopped if it did. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            java.util.Locale.ROOT,
            "%d rows read, %d loaded, %d rejected; %d bytes in %.2f s (%.0f rows/s); path %s",
            rowsRead,
            rowsLoaded,
            rowsRejected,
            bytes,
            seconds(),
            rowsPerSecond(),
            path.name().toLowerCase(java.util.Locale.ROOT)));
    if (switchedAtLine > 0) {
      s.append(" (out of order at line ").append(switchedAtLine).append(')');
    }
    if (stopped != null) {
      s.append("; stopped: ").append(stopped);
    }
    return s.toString();
  }
}
