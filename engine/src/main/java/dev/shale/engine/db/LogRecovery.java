package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.env.Env;
import dev.shale.engine.memtable.MemTable;
import dev.shale.engine.wal.LogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays the write-ahead logs on open. Its torn tail (a crash mid-append) is dropped with a
 * warning by the reader; a record whose checksum holds but does not parse is corruption.
 */
final class LogRecovery {

  /** What replay applies records to; it may flush a full memtable as it goes. */
  interface Sink extends WriteBatchCodec.Handler {
    /** Called after each record. */
    void recordApplied() throws IOException;
  }

  /** Where replay hands a full memtable (and the last one): to be written as a level-0 table. */
  interface Level0Writer {
    void write(MemTable mem) throws IOException;
  }

  /**
   * What {@link #replayLogs} did: the highest sequence seen, how many logs it read, their records
   * and bytes.
   */
  record Replayed(long lastSequence, int logs, long records, long bytes) {}

  private LogRecovery() {}

  /**
   * Replays, in number order, the logs of {@code dir} numbered {@code fromLog} or above (those the
   * manifest does not cover) into memtables of up to {@code writeBufferBytes}, handing each full
   * one and the last one to {@code level0}; sequences start above {@code last}.
   */
  static Replayed replayLogs(
      DbDirectory dir, long fromLog, long last, long writeBufferBytes, Level0Writer level0)
      throws IOException {
    List<Long> logs = new ArrayList<>();
    for (long number : dir.logNumbers()) {
      if (number >= fromLog) {
        logs.add(number);
      }
    }
    MemTable[] replayed = {new MemTable()};
    long[] records = {0};
    Sink sink =
        new Sink() {
          @Override
          public void put(long sequence, byte[] key, byte[] value) {
            replayed[0].put(sequence, key, value);
          }

          @Override
          public void delete(long sequence, byte[] key) {
            replayed[0].delete(sequence, key);
          }

          @Override
          public void deleteRange(long sequence, byte[] begin, byte[] end) {
            replayed[0].deleteRange(sequence, begin, end);
          }

          @Override
          public void recordApplied() throws IOException {
            records[0]++;
            if (replayed[0].approximateMemoryUsage() >= writeBufferBytes) {
              level0.write(replayed[0]);
              replayed[0] = new MemTable();
            }
          }
        };
    long[] bytes = {0};
    for (long number : logs) {
      last = replay(dir.env(), dir.logFile(number), sink, last, bytes);
    }
    level0.write(replayed[0]);
    return new Replayed(last, logs.size(), records[0], bytes[0]);
  }

  /**
   * Applies every record of {@code file} to {@code sink}; returns the highest sequence seen. Adds
   * to {@code bytes[0]} the bytes the records take in the file (up to the end of the last one, so
   * not the zeros a log file allocates ahead).
   */
  static long replay(Env env, Path file, Sink sink, long last, long[] bytes) throws IOException {
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
      bytes[0] += reader.recordsEnd();
    }
    return last;
  }
}
