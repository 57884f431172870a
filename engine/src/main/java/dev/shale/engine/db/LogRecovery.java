package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.WriteBatch;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.wal.LogReader;
import dev.shale.engine.wal.LogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a database directory: replays its logs, oldest first, and starts the log that new writes
 * go to.
 *
 * <p>Temporary, until SSTables arrive: with nowhere else to keep recovered data, the live state
 * (the newest value of each key; deletions have nothing under them to hide) is written at the head
 * of a new log, the log and the directory are synced, and only then are the old logs deleted. So a
 * tail dropped during replay is gone from disk as well and later appends never follow a torn
 * record, and a crash anywhere in between leaves logs that replay to the same state: either the old
 * logs are all still there (the new log's head, torn or whole, only repeats them) or only the new
 * log is. The price is a rewrite of all live data on every open.
 */
final class LogRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

  /** The head of the new log is cut into records of about this size. */
  private static final long CHUNK_BYTES = 1 << 20;

  /** What {@link #run} hands to the database: its memtable, its log, its last sequence. */
  record Recovered(MemTable mem, LogWriter log, long lastSequence) {}

  private LogRecovery() {}

  static Recovered run(DbDirectory dir) throws IOException {
    List<Long> numbers = dir.logNumbers();
    MemTable replayed = new MemTable();
    long last = 0;
    for (long number : numbers) {
      last = replay(dir.logFile(number), replayed, last);
    }

    long newNumber = numbers.isEmpty() ? 1 : numbers.get(numbers.size() - 1) + 1;
    LogWriter log = LogWriter.create(dir.logFile(newNumber));
    MemTable mem = new MemTable();
    long liveKeys;
    try {
      liveKeys = writeLiveState(replayed, last, log, mem);
      log.sync();
      dir.sync();
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
    for (long number : numbers) {
      Path old = dir.logFile(number);
      try {
        Files.delete(old);
      } catch (IOException e) {
        // Harmless: the next open replays it before the newer log, which repeats its content.
        LOG.warn("cannot delete replayed log {}: {}", old, e.toString());
      }
    }
    if (!numbers.isEmpty()) {
      dir.sync();
    }
    long lastSequence = last + liveKeys;
    LOG.info(
        "opened {}: replayed {} log(s), {} live keys, last sequence {}, writing {}",
        dir.path(),
        numbers.size(),
        liveKeys,
        lastSequence,
        log.file().getFileName());
    return new Recovered(mem, log, lastSequence);
  }

  /** Applies every record of {@code file} to {@code mem}; returns the highest sequence seen. */
  private static long replay(Path file, MemTable mem, long last) throws IOException {
    try (LogReader reader = LogReader.open(file, true)) {
      for (byte[] record = reader.readRecord(); record != null; record = reader.readRecord()) {
        try {
          last = Math.max(last, WriteBatchCodec.decode(record, mem));
        } catch (DbException e) {
          // The checksum held, so this is not a torn write: refuse to guess.
          throw new DbException(
              DbException.Kind.CORRUPTION,
              "log " + file + " at offset " + reader.lastRecordOffset() + ": " + e.getMessage(),
              e);
        }
      }
    }
    return last;
  }

  /**
   * Writes the newest live version of each key in {@code replayed} to {@code log} as records with
   * sequences from {@code last + 1}, and applies them to {@code mem}; at least one record, so the
   * log always carries the last sequence. Returns the number of keys written.
   */
  private static long writeLiveState(MemTable replayed, long last, LogWriter log, MemTable mem)
      throws IOException {
    long sequence = last + 1;
    WriteBatch chunk = new WriteBatch();
    InternalIterator it = replayed.newIterator();
    byte[] previous = null;
    for (it.seekToFirst(); it.isValid(); it.next()) {
      InternalKey key = it.key();
      if (previous != null && Arrays.equals(previous, key.userKey())) {
        continue; // an older version
      }
      previous = key.userKey();
      if (key.type() == ValueType.VALUE) {
        chunk.put(key.userKey(), it.value());
        if (chunk.approximateBytes() >= CHUNK_BYTES) {
          sequence = writeChunk(sequence, chunk, log, mem);
        }
      }
    }
    if (chunk.count() > 0 || sequence == last + 1) {
      sequence = writeChunk(sequence, chunk, log, mem);
    }
    return sequence - 1 - last;
  }

  private static long writeChunk(long sequence, WriteBatch chunk, LogWriter log, MemTable mem)
      throws IOException {
    byte[] record = WriteBatchCodec.encode(sequence, List.of(chunk));
    log.addRecord(record);
    WriteBatchCodec.decode(record, mem);
    long next = sequence + chunk.count();
    chunk.clear();
    return next;
  }
}
