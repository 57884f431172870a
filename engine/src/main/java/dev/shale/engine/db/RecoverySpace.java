package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.env.FileNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What opening a database needs of its disk, measured before it starts, so that running out of
 * space says how much is needed and where rather than only that a write failed. Opening writes the
 * logs' data again as level-0 tables (about the logs' size; more for many small entries, each of
 * which gains an 8-byte tag and index and filter bits), a new manifest holding the whole state
 * (about the current one's size), a new log and {@code CURRENT}; only once all that is durable are
 * the old logs and manifest deleted, so their space cannot be counted on.
 */
final class RecoverySpace {

  /** A new log's first writes, {@code CURRENT} and its temporary file: small, rounded up. */
  private static final long FIXED_BYTES = 64 << 10;

  private final DbDirectory dir;
  private final long logBytes;
  private final List<String> logs;
  private final long manifestBytes;

  private RecoverySpace(DbDirectory dir, long logBytes, List<String> logs, long manifestBytes) {
    this.dir = dir;
    this.logBytes = logBytes;
    this.logs = logs;
    this.manifestBytes = manifestBytes;
  }

  /** Sizes the logs and manifests of {@code dir} now, before opening touches them. */
  static RecoverySpace measure(DbDirectory dir) throws IOException {
    long logBytes = 0;
    long manifestBytes = 0;
    List<String> logs = new ArrayList<>();
    for (DbDirectory.Entry e : dir.list()) {
      if (e.kind() == FileNames.Kind.LOG) {
        logBytes += dir.env().size(e.path());
        logs.add(e.path().getFileName().toString());
      } else if (e.kind() == FileNames.Kind.MANIFEST) {
        manifestBytes = Math.max(manifestBytes, dir.env().size(e.path()));
      }
    }
    logs.sort(null);
    return new RecoverySpace(dir, logBytes, logs, manifestBytes);
  }

  /** Free bytes opening needs: the logs' data as tables with room to spare, a manifest, a log. */
  long neededBytes() {
    return logBytes + logBytes / 2 + manifestBytes + FIXED_BYTES;
  }

  /**
   * {@code e}, a failure of opening, as an IO error saying how much space opening needs in which
   * directory when the disk is full (the failure says so, or the free space is below the need);
   * otherwise null.
   */
  DbException outOfSpace(IOException e) {
    long free = dir.env().usableSpace(dir.path());
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    boolean full =
        message.contains("no space left")
            || message.contains("not enough space")
            || message.contains("disk full")
            || message.contains("quota exceeded")
            || (free >= 0 && free < neededBytes());
    if (!full) {
      return null;
    }
    return new DbException(
        DbException.Kind.IO,
        String.format(
            Locale.ROOT,
            "cannot open database %s: out of disk space. Opening needs about %,d bytes free on the"
                + " file system of %s (%s) to replay %,d bytes of log (%s) into tables and write a"
                + " new manifest of about %,d bytes; the old files are deleted only after that."
                + " Free some space and open again; nothing was lost: %s",
            dir.path(),
            neededBytes(),
            dir.path(),
            free >= 0
                ? String.format(Locale.ROOT, "%,d bytes free now", free)
                : "free space unknown",
            logBytes,
            logs.isEmpty() ? "no logs" : String.join(", ", logs),
            manifestBytes,
            e),
        e);
  }
}
