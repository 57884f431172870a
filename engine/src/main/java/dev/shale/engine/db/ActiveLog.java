package dev.shale.engine.db;

import dev.shale.engine.wal.LogWriter;
import java.io.Closeable;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log new writes go to, and its file number. Only the commit leader writes it; the database's
 * mutex guards a switch to a new log.
 */
final class ActiveLog implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(ActiveLog.class);

  private final DbDirectory dir;
  private LogWriter writer;
  private long number;

  ActiveLog(DbDirectory dir, LogWriter writer, long number) {
    this.dir = dir;
    this.writer = writer;
    this.number = number;
  }

  LogWriter writer() {
    return writer;
  }

  long number() {
    return number;
  }

  /**
   * Moves new writes to a new log numbered {@code next}; returns the old log's number. The old log
   * is synced first, so a synced write to the new one never outlives an unsynced write before it;
   * the directory after creating the new one, so its name survives a crash as its synced records
   * do. On failure the old log stays the active one.
   */
  long switchTo(long next) throws IOException {
    writer.sync();
    LogWriter created = LogWriter.createWriteAhead(dir.env(), dir.logFile(next));
    try {
      dir.sync();
    } catch (IOException e) {
      try {
        created.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    try {
      writer.close();
    } catch (IOException e) {
      // Its records were appended, and the flush of the frozen memtable makes them durable.
      LOG.warn("closing log {}: {}", writer.file(), e.toString());
    }
    long old = number;
    writer = created;
    number = next;
    return old;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
