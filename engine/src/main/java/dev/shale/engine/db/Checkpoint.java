package dev.shale.engine.db;

import dev.shale.engine.CheckpointReport;
import dev.shale.engine.DbException;
import dev.shale.engine.Snapshot;
import dev.shale.engine.Stats;
import dev.shale.engine.Stats.Counter;
import dev.shale.engine.env.Env;
import dev.shale.engine.env.FileNames;
import dev.shale.engine.env.WritableFile;
import dev.shale.engine.version.FileMetaData;
import dev.shale.engine.version.Version;
import dev.shale.engine.version.VersionEdit;
import dev.shale.engine.version.VersionSet;
import dev.shale.engine.wal.LogWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An online backup ({@link dev.shale.engine.Db#checkpoint}, after RocksDB's {@code Checkpoint}).
 *
 * <p>The moment: at a turn of its own in the commit order ({@link CommitQueue.Exclusive}), when no
 * write is in flight, {@link #capture} takes the last sequence S, the current version (referenced,
 * so its tables stay), and the logs that version still needs (from its log number on) with their
 * lengths then; those logs are pinned against deletion ({@link FilePins}). Every write up to S is
 * in those tables or in those bytes of those logs, and none after S is (the log writer keeps no
 * bytes of its own, so every record written is with the OS, whatever the sync setting).
 *
 * <p>Then, writers going on, {@link #make} fills a temporary sibling of the target: the tables
 * hard-linked (immutable; copied where links fail or the target is in another env), each log copied
 * up to its captured length, and a new manifest with one edit describing the pinned version with
 * last sequence S and the first log it needs, and CURRENT. Everything is synced, then the directory
 * is renamed to the target: a crash leaves a temporary directory, never a half backup under the
 * target's name. Opening the target replays those log bytes, which hold no write after S.
 */
final class Checkpoint {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

  /** A checkpoint made, and (for tests) a snapshot of the source at its moment, or null. */
  record Made(CheckpointReport report, Snapshot snapshot) {}

  private final DbDirectory source;
  private final VersionSet versions;
  private final FilePins pins;
  private final Stats stats;
  private final Env targetEnv;
  private final Path target;
  private final Path temp;

  // Captured at the moment.
  private long sequence;
  private Version version;
  private long firstLog = -1;
  private final Map<Long, Long> logLengths = new LinkedHashMap<>();
  private Snapshot snapshot;

  /**
   * A checkpoint of {@code source} into {@code target} of {@code targetEnv}; throws
   * INVALID_ARGUMENT if the target exists.
   */
  Checkpoint(
      DbDirectory source,
      VersionSet versions,
      FilePins pins,
      Stats stats,
      Env targetEnv,
      Path target) {
    this.source = source;
    this.versions = versions;
    this.pins = pins;
    this.stats = stats;
    this.targetEnv = targetEnv;
    this.target = target.toAbsolutePath().normalize();
    if (targetEnv.exists(this.target)) {
      throw new DbException(
          DbException.Kind.INVALID_ARGUMENT,
          "checkpoint target " + this.target + " exists; name a directory that does not");
    }
    if (this.target.getParent() == null) {
      throw new DbException(
          DbException.Kind.INVALID_ARGUMENT, "checkpoint target " + this.target + " has no parent");
    }
    this.temp =
        this.target.resolveSibling(this.target.getFileName() + ".checkpoint-" + System.nanoTime());
  }

  /**
   * The moment, at an exclusive turn with the mutex held: {@code lastSequence}, the active log
   * {@code activeLog} and its length {@code activeLength}; {@code snapshot} (or null) is a snapshot
   * at it, given back with the result.
   */
  DbException capture(long lastSequence, long activeLog, long activeLength, Snapshot snapshot) {
    try {
      this.sequence = lastSequence;
      this.snapshot = snapshot;
      long[] log = new long[1];
      this.firstLog =
          pins.pinLogsFrom(
              () -> {
                version = versions.current(log);
                return log[0];
              });
      for (long n : source.logNumbers()) {
        if (n >= firstLog && n < activeLog) {
          logLengths.put(n, source.env().size(source.logFile(n))); // closed: complete
        }
      }
      logLengths.put(activeLog, activeLength);
      return null;
    } catch (IOException e) {
      release();
      return new DbException(
          DbException.Kind.IO, "checkpoint of " + source.path() + ": listing logs: " + e, e);
    }
  }

  /** Gives back the version and the logs pinned at the moment. */
  private void release() {
    if (version != null) {
      version.unref();
      pins.unpinLogs(firstLog);
      version = null;
    }
  }

  /** Writes the checkpoint from what {@link #capture} took, then lets go of it. */
  Made make() {
    long start = System.nanoTime();
    int linked = 0;
    int copied = 0;
    long bytesCopied = 0;
    boolean done = false;
    try {
      targetEnv.createDirectories(temp);
      long maxNumber = firstLog;
      VersionEdit whole = new VersionEdit();
      for (int level = 0; level < Version.NUM_LEVELS; level++) {
        for (FileMetaData f : version.files(level)) {
          whole.addFile(level, f);
          maxNumber = Math.max(maxNumber, f.number());
          Path from = source.tableFile(f.number());
          Path to = FileNames.tableFile(temp, f.number());
          if (targetEnv == source.env() && targetEnv.link(from, to)) {
            linked++;
          } else {
            bytesCopied += copy(from, to, f.size());
            copied++;
          }
        }
      }
      for (Map.Entry<Long, Long> log : logLengths.entrySet()) {
        maxNumber = Math.max(maxNumber, log.getKey());
        bytesCopied +=
            copy(
                source.logFile(log.getKey()),
                FileNames.logFile(temp, log.getKey()),
                log.getValue());
      }
      long manifestNumber = maxNumber + 1;
      whole.setLogNumber(firstLog).setNextFileNumber(manifestNumber + 1).setLastSequence(sequence);
      byte[] record = whole.encode();
      try (LogWriter manifest =
          LogWriter.create(targetEnv, FileNames.manifestFile(temp, manifestNumber))) {
        manifest.addRecord(record);
        manifest.sync();
      }
      bytesCopied += record.length;
      byte[] current =
          (FileNames.manifestName(manifestNumber) + "\n").getBytes(StandardCharsets.UTF_8);
      try (WritableFile out = targetEnv.newWritableFile(FileNames.currentFile(temp))) {
        out.append(current, 0, current.length);
        out.sync();
      }
      targetEnv.syncDirectory(temp);
      if (targetEnv.exists(target)) {
        throw new DbException(
            DbException.Kind.INVALID_ARGUMENT,
            "checkpoint target " + target + " appeared meanwhile");
      }
      targetEnv.rename(temp, target);
      targetEnv.syncDirectory(target.getParent());
      done = true;
    } catch (IOException e) {
      throw new DbException(
          DbException.Kind.IO, "checkpoint of " + source.path() + " to " + target + ": " + e, e);
    } finally {
      release();
      if (!done) {
        deleteTemp();
        if (snapshot != null) {
          snapshot.close();
        }
      }
    }
    long nanos = System.nanoTime() - start;
    stats.add(Counter.CHECKPOINTS, 1);
    LOG.info(
        "checkpoint of {} at sequence {} in {}: {} table(s) linked, {} copied, {} bytes copied, {}"
            + " ms",
        source.path(),
        sequence,
        target,
        linked,
        copied,
        bytesCopied,
        nanos / 1_000_000);
    return new Made(
        new CheckpointReport(target, sequence, linked, copied, bytesCopied, nanos), snapshot);
  }

  /** Copies the first {@code length} bytes of {@code from} (source env) to a new, synced file. */
  private long copy(Path from, Path to, long length) throws IOException {
    byte[] buf = new byte[64 << 10];
    long left = length;
    try (InputStream in = source.env().newSequentialFile(from);
        WritableFile out = targetEnv.newWritableFile(to)) {
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new IOException(from + " ends before the " + length + " bytes to copy");
        }
        out.append(buf, 0, n);
        left -= n;
      }
      out.sync();
    }
    return length;
  }

  private void deleteTemp() {
    try {
      if (targetEnv.exists(temp)) {
        for (String name : targetEnv.children(temp)) {
          targetEnv.deleteIfExists(temp.resolve(name));
        }
        targetEnv.deleteIfExists(temp);
      }
    } catch (IOException e) {
      LOG.warn("checkpoint: could not delete {}: {}", temp, e.toString());
    }
  }
}
