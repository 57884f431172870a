package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.Options;
import dev.shale.engine.memtable.MemTable;
import dev.shale.engine.version.CompactionPicker;
import dev.shale.engine.version.VersionEdit;
import dev.shale.engine.version.VersionSet;
import dev.shale.engine.wal.LogWriter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a database's files: reads the manifest, replays the logs it does not cover into level-0
 * tables, starts a new log, and records all that in one version edit; from then on the old logs are
 * obsolete.
 */
final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  /** What opening found and started. */
  record Recovered(VersionSet versions, LogWriter log, long logNumber, long lastSequence) {}

  /** Writes a replayed memtable as a level-0 table recorded in an edit. */
  interface Level0Writer {
    void write(VersionSet versions, MemTable mem, VersionEdit edit) throws IOException;
  }

  private Recovery() {}

  /**
   * Recovers {@code dir}; {@code versionReleased} runs when a version no reader holds any more is
   * dropped. Nothing stays open if it fails. Running out of disk space fails it with an IO error
   * saying how much free space opening needs ({@link RecoverySpace}).
   */
  static Recovered recover(
      DbDirectory dir, Options options, Runnable versionReleased, Level0Writer level0, String name)
      throws IOException {
    RecoverySpace space = RecoverySpace.measure(dir);
    try {
      return recoverFiles(dir, options, versionReleased, level0, name);
    } catch (IOException e) {
      DbException full = space.outOfSpace(e);
      if (full != null) {
        throw full;
      }
      throw e;
    } catch (DbException e) {
      // A table builder reports its failed writes as IO errors around the IOException.
      DbException full =
          e.kind() == DbException.Kind.IO && e.getCause() instanceof IOException io
              ? space.outOfSpace(io)
              : null;
      if (full != null) {
        throw full;
      }
      throw e;
    }
  }

  private static Recovered recoverFiles(
      DbDirectory dir, Options options, Runnable versionReleased, Level0Writer level0, String name)
      throws IOException {
    VersionSet versions =
        VersionSet.recover(
            dir.env(),
            dir.path(),
            new CompactionPicker(
                new CompactionPicker.Shape(
                    options.l0CompactionTrigger(),
                    options.maxBytesForLevelBase(),
                    options.levelSizeMultiplier())),
            versionReleased,
            dir.list().stream().mapToLong(DbDirectory.Entry::number).max().orElse(0) + 1);
    LogWriter log = null;
    long start = System.nanoTime();
    try {
      VersionEdit edit = new VersionEdit();
      LogRecovery.Replayed replayed =
          LogRecovery.replayLogs(
              dir,
              versions.logNumber(),
              versions.lastSequence(),
              options.writeBufferBytes(),
              mem -> level0.write(versions, mem, edit));
      long last = replayed.lastSequence();
      long logNumber = versions.newFileNumber();
      log = LogWriter.createWriteAhead(dir.env(), dir.logFile(logNumber));
      dir.sync();
      versions.logAndApply(edit.setLogNumber(logNumber).setLastSequence(last));
      // INFO for a database on disk; an in-memory one (the planner's warm-up opens one) recovers
      // nothing, and a test's own Env is the test's business.
      LOG.atLevel(
              dir.env() == dev.shale.engine.env.Env.disk()
                  ? org.slf4j.event.Level.INFO
                  : org.slf4j.event.Level.DEBUG)
          .log(
              "opened {} in {} ms: replayed {} log(s), {} record(s), {} bytes, up to sequence {}; {};"
                  + " writing {}",
              name,
              (System.nanoTime() - start) / 1_000_000,
              replayed.logs(),
              replayed.records(),
              replayed.bytes(),
              last,
              versions,
              log.file().getFileName());
      return new Recovered(versions, log, logNumber, last);
    } catch (IOException | RuntimeException | Error e) {
      closeQuietly(log, e);
      closeQuietly(versions, e);
      throw e;
    }
  }

  private static void closeQuietly(AutoCloseable c, Throwable failure) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }
}
