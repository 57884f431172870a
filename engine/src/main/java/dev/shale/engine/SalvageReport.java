package dev.shale.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Db#salvage} kept and what it lost. Every loss is named: a table set aside (its
 * entries gone; older versions of their keys may show again), a damaged stretch of a log (the
 * batches in it gone), a log record that did not parse.
 *
 * @param tablesKept tables read whole, every block's checksum held
 * @param logRecordsKept log records replayed
 * @param entriesWritten entries (and range deletions) in the rebuilt table
 * @param losses one line per loss, naming the file and where
 * @param setAside where the old files were moved (nothing is deleted)
 */
public record SalvageReport(
    int tablesKept, long logRecordsKept, long entriesWritten, List<String> losses, Path setAside) {

  /** Whether nothing was lost. */
  public boolean complete() {
    return losses.isEmpty();
  }
}
