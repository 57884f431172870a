package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.env.Env;
import dev.shale.engine.wal.LogReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Replays a write-ahead log on open. Its torn tail (a crash mid-append) is dropped with a warning
 * by the reader; a record whose checksum holds but does not parse is corruption.
 */
final class LogRecovery {

  /** What replay applies records to; it may flush a full memtable as it goes. */
  interface Sink extends WriteBatchCodec.Handler {
    /** Called after each record. */
    void recordApplied() throws IOException;
  }

  private LogRecovery() {}

  /** Applies every record of {@code file} to {@code sink}; returns the highest sequence seen. */
  static long replay(Env env, Path file, Sink sink, long last) throws IOException {
    try (LogReader reader = LogReader.open(env, file, true)) {
      for (byte[] record = reader.readRecord(); record != null; record = reader.readRecord()) {
        try {
          last = Math.max(last, WriteBatchCodec.decode(record, sink));
        } catch (DbException e) {
          // The checksum held, so this is not a torn write: refuse to guess.
          throw new DbException(
              DbException.Kind.CORRUPTION,
              "log " + file + " at offset " + reader.lastRecordOffset() + ": " + e.getMessage(),
              e);
        }
        sink.recordApplied();
      }
    }
    return last;
  }
}
