package dev.shale.jdbc.server;

import dev.shale.sql.error.SqlStates;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How automatic mixed mode opens a directory: the engine's directory lock decides who serves, the
 * {@link ServerRecord} only says where to find the one who does. Until the wait is over:
 *
 * <ol>
 *   <li>Try the lock once. Got it: this process opens the database embedded and serves it (the
 *       record it writes replaces any stale one); done.
 *   <li>Another process holds it: read the record. Trust it only if it names this directory, a
 *       loopback address and a live process other than this one; then connect through it, done.
 *   <li>No trusted record, or its server did not answer as this directory's (refused, gone, wrong
 *       secret: a record left by a killed process, or one being replaced): pause, and again from 1.
 *       A process that is starting to serve holds the lock a moment before its record appears; one
 *       that is stopping removes its record a moment before it lets the lock go.
 * </ol>
 *
 * A server that refuses the connection for its limits (08004) is an answer, not a stale record: it
 * fails at once. When the wait is over: 08001, naming the directory, the wait and what was seen.
 * Nothing here deletes a file: a stale record is overwritten by the next process that serves.
 */
final class AutoConnect {

  private static final Logger LOG = LoggerFactory.getLogger(AutoConnect.class);

  private static final long FIRST_PAUSE_MILLIS = 10;
  private static final long MAX_PAUSE_MILLIS = 200;

  /** What the loop needs of the world; tests bring their own. */
  interface Seams {
    /**
     * This process's embedded connection, opened with one try of the directory's lock (and this
     * process then serves the directory), or null if another process holds the lock.
     */
    Connection openEmbedded() throws SQLException;

    /** The directory's record, or null if there is none. */
    ServerRecord readRecord() throws IOException;

    /** A connection through the server of {@code record}. */
    Connection openRemote(ServerRecord record) throws SQLException;

    boolean alive(long pid);

    long selfPid();

    long nanoTime();

    void pause(long millis) throws InterruptedException;
  }

  private final String directory;
  private final Duration wait;
  private final Seams seams;

  /**
   * @param directory the real path of the database directory
   * @param wait how long another process may hold the lock without a server that answers
   */
  AutoConnect(String directory, Duration wait, Seams seams) {
    this.directory = directory;
    this.wait = wait;
    this.seams = seams;
  }

  Connection connect() throws SQLException {
    long deadline = seams.nanoTime() + wait.toNanos();
    long pause = FIRST_PAUSE_MILLIS;
    String seen = "no server record appeared in " + ServerRecord.FILE;
    SQLException lastFailure = null;
    for (int attempt = 1; ; attempt++) {
      Connection embedded = seams.openEmbedded();
      if (embedded != null) {
        return embedded;
      }
      ServerRecord record;
      try {
        record = seams.readRecord();
      } catch (IOException e) {
        record = null;
        seen = "its " + ServerRecord.FILE + " cannot be read (" + e.getMessage() + ")";
      }
      if (record != null) {
        String distrust = distrust(record);
        if (distrust == null) {
          try {
            return seams.openRemote(record);
          } catch (SQLException e) {
            if (SqlStates.CONNECTION_REJECTED.equals(e.getSQLState())) {
              throw e;
            }
            lastFailure = e;
            seen = "the server of its record (" + record.url() + ") did not answer: " + e;
          }
        } else {
          seen = "its " + ServerRecord.FILE + " is not to be trusted: " + distrust;
        }
      }
      long left = deadline - seams.nanoTime();
      if (left <= 0) {
        throw new SQLTransientConnectionException(
            "Database directory "
                + directory
                + " is locked by another process that does not serve it to this one: "
                + seen
                + " (waited "
                + wait.toMillis()
                + " ms, "
                + attempt
                + " tries; autoServer=true waits up to lockTimeout, at least "
                + AutoServer.MIN_WAIT.toMillis()
                + " ms). Open it with autoServer=true in every process, or close it in the other",
            SqlStates.CANNOT_CONNECT,
            lastFailure);
      }
      if (attempt == 1) {
        LOG.info(
            "Database directory {} is locked by another process; waiting for its server",
            directory);
      }
      try {
        seams.pause(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLTransientConnectionException(
            "Interrupted while waiting for the server of database directory " + directory,
            SqlStates.CANNOT_CONNECT,
            e);
      }
      pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
    }
  }

  /** Why {@code record} is not to be trusted for this directory, or null if it is. */
  String distrust(ServerRecord record) {
    if (record.directory() != null && !record.directory().equals(directory)) {
      return "it was written for " + record.directory() + " (a copy of a served directory?)";
    }
    if (!onLoopback(record.url())) {
      return "its address " + record.url() + " is not http://127.0.0.1:<port>";
    }
    if (record.pid() == seams.selfPid()) {
      return "it names this process (" + record.pid() + "), which does not serve the directory";
    }
    if (!seams.alive(record.pid())) {
      return "its process " + record.pid() + " is not running";
    }
    return null;
  }

  static boolean onLoopback(String url) {
    try {
      URI uri = new URI(url);
      return "http".equals(uri.getScheme())
          && "127.0.0.1".equals(uri.getHost())
          && uri.getPort() > 0
          && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
          && uri.getUserInfo() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
