package dev.shale.sql.bulk;

/** What a dump wrote: rows, bytes of output, and how long it took. */
public record DumpReport(long rows, long bytes, long nanos) {

  public double seconds() {
    return nanos / 1e9;
  }

  public double rowsPerSecond() {
    return nanos == 0 ? 0 : rows / seconds();
  }

  public String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "%d rows dumped, %d bytes in %.2f s (%.0f rows/s)",
        rows,
        bytes,
        seconds(),
        rowsPerSecond());
  }
}
