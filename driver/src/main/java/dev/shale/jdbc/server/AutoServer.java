package dev.shale.jdbc.server;

import dev.shale.jdbc.remote.RemoteConnector;
import dev.shale.jdbc.remote.RemoteUrl;
import dev.shale.sql.error.SqlStates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic mixed mode ({@code jdbc:shale:<dir>;autoServer=true}, H2's {@code AUTO_SERVER}): the
 * process that holds a directory's lock serves it on a loopback port with a random secret, both in
 * the directory's {@link ServerRecord}; every other process that opens it so connects through that
 * server (see {@link AutoConnect} for the order of tries and the races).
 *
 * <p>A process serves while it has a connection of its own open to the directory through an
 * autoServer URL (its server's connections for other processes do not count): when it closes the
 * last one, or exits, the server stops, the connections of other processes to it fail with 08006
 * (their open transactions rolled back), and the next process that opens the directory takes over.
 *
 * <p>Only the driver calls this class, and only for an autoServer URL: an embedded user's start-up
 * loads none of the server, and a class path without avatica-server fails here, clearly, when this
 * process has to serve.
 */
public final class AutoServer {

  private static final Logger LOG = LoggerFactory.getLogger(AutoServer.class);

  /** The least time an opener waits for the process holding the directory to serve it. */
  static final Duration MIN_WAIT = Duration.ofSeconds(10);

  /** How long a connection through another process's server waits for it to answer. */
  static final int CONNECT_TIMEOUT_MILLIS = 5000;

  /** How long a stopping server lets the requests of other processes finish. */
  static final Duration DRAIN = Duration.ofSeconds(2);

  static final String SERVER_ARTIFACT = "org.apache.calcite.avatica:avatica-server";

  /** The directories this process serves, by real path; guarded by itself. */
  private static final Map<String, Served> SERVED = new HashMap<>();

  private AutoServer() {}

  /** The driver's embedded open of the directory. */
  public interface Embedded {
    /**
     * This process's connection, having taken the directory's lock with one try and called {@link
     * #serve}, or null if another process holds the lock.
     */
    Connection open() throws SQLException;
  }

  /**
   * Opens {@code directory} in automatic mixed mode: embedded (serving it) if this process gets its
   * lock, else through the server of the process that has it; waits up to {@code lockTimeout}, at
   * least {@link #MIN_WAIT}, for that server to appear.
   *
   * @param url the URL as the user gave it (what the connection's {@code getURL} says)
   * @param user the user name given, or null
   * @param transactionMaxBytes the session setting a connection through the server asks for
   */
  public static Connection connect(
      Path directory,
      Duration lockTimeout,
      String url,
      String user,
      long transactionMaxBytes,
      Embedded embedded)
      throws SQLException {
    Path real = realDirectory(directory);
    Duration wait = lockTimeout.compareTo(MIN_WAIT) > 0 ? lockTimeout : MIN_WAIT;
    Properties settings = new Properties();
    settings.setProperty("transactionMaxBytes", Long.toString(transactionMaxBytes));
    AutoConnect.Seams seams =
        new AutoConnect.Seams() {
          @Override
          public Connection openEmbedded() throws SQLException {
            return embedded.open();
          }

          @Override
          public ServerRecord readRecord() throws IOException {
            return ServerRecord.read(real);
          }

          @Override
          public Connection openRemote(ServerRecord record) throws SQLException {
            Connection c =
                RemoteConnector.connect(
                    new RemoteUrl(
                        url,
                        record.url(),
                        user,
                        record.secret(),
                        null,
                        null,
                        CONNECT_TIMEOUT_MILLIS,
                        settings));
            LOG.info(
                "Database directory {} is served by process {}: connected through {}",
                real,
                record.pid(),
                record.url());
            return c;
          }

          @Override
          public boolean alive(long pid) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
          }

          @Override
          public long selfPid() {
            return ProcessHandle.current().pid();
          }

          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          public void pause(long millis) throws InterruptedException {
            Thread.sleep(millis);
          }
        };
    return new AutoConnect(real.toString(), wait, seams).connect();
  }

  /**
   * Called by the driver once this process holds the database of {@code realDirectory}: serves it
   * (unless it already does) and counts one more connection of this process. Running the returned
   * action (once; again is nothing) gives that connection back; the last one stops the server.
   *
   * @param servedUrl the plain embedded URL the server opens its connections with
   */
  public static Runnable serve(Path realDirectory, String servedUrl) throws SQLException {
    requireServerArtifact(realDirectory);
    String key = realDirectory.toString();
    synchronized (SERVED) {
      Served served = SERVED.get(key);
      if (served == null) {
        served = start(realDirectory, servedUrl);
        SERVED.put(key, served);
      }
      served.local++;
    }
    AtomicBoolean given = new AtomicBoolean();
    return () -> {
      if (given.compareAndSet(false, true)) {
        release(key);
      }
    };
  }

  /** Whether this process serves {@code realDirectory} in automatic mixed mode. */
  static boolean serves(Path realDirectory) {
    synchronized (SERVED) {
      return SERVED.containsKey(realDirectory.toString());
    }
  }

  private static void release(String key) {
    synchronized (SERVED) {
      Served served = SERVED.get(key);
      if (served == null || --served.local > 0) {
        return;
      }
      SERVED.remove(key);
      // Under the lock: an opener of this process waits for the stop, then serves anew.
      served.stop();
    }
  }

  private static Served start(Path realDirectory, String servedUrl) throws SQLException {
    ServerConfig loopback = ServerConfig.loopback(servedUrl, 0).withSecret(newSecret());
    ServerConfig config =
        loopback.withLimits(
            loopback.threads(),
            loopback.maxRequestBytes(),
            loopback.maxConnectionsPerClient(),
            loopback.maxStatementsPerConnection(),
            DRAIN,
            loopback.idle());
    ShaleServer server;
    try {
      server = ShaleServer.start(config);
    } catch (IOException e) {
      throw new SQLNonTransientConnectionException(
          "Cannot serve database directory " + realDirectory + " (autoServer=true): " + e,
          SqlStates.CANNOT_CONNECT,
          e);
    } catch (LinkageError e) {
      throw missingServer(realDirectory, e);
    }
    Thread hook = new Thread(server::close, "shale-autoserver-stop");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException e) {
      server.close();
      throw new SQLNonTransientConnectionException(
          "Cannot serve database directory " + realDirectory + ": the JVM is shutting down",
          SqlStates.CANNOT_CONNECT,
          e);
    }
    LOG.info(
        "Database directory {} opened with autoServer=true: serving it to other processes on {}",
        realDirectory,
        server.url());
    return new Served(server, hook);
  }

  /** One directory this process serves and how many of its own connections it has open. */
  private static final class Served {
    final ShaleServer server;
    final Thread hook;
    int local; // guarded by SERVED

    Served(ShaleServer server, Thread hook) {
      this.server = server;
      this.hook = hook;
    }

    void stop() {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is exiting: the hook stops the server (close waits for it if it is first).
      }
      server.close();
    }
  }

  private static void requireServerArtifact(Path directory) throws SQLException {
    try {
      Class.forName(
          "org.apache.calcite.avatica.jdbc.JdbcMeta", false, AutoServer.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw missingServer(directory, e);
    }
  }

  private static SQLException missingServer(Path directory, Throwable cause) {
    return new SQLNonTransientConnectionException(
        "autoServer=true: this process opened database directory "
            + directory
            + " first and must serve it, but the network server's dependency "
            + SERVER_ARTIFACT
            + " is not on the class path: add it (an optional dependency of dev.shale:shale-jdbc,"
            + " at the version of its avatica-core), or use shale-jdbc-"
            + dev.shale.jdbc.ShaleDriver.VERSION
            + "-all.jar, which has it ("
            + cause
            + ")",
        SqlStates.CANNOT_CONNECT,
        cause);
  }

  private static Path realDirectory(Path directory) throws SQLException {
    try {
      Files.createDirectories(directory);
      return directory.toRealPath();
    } catch (IOException e) {
      throw new SQLException(
          "Cannot create database directory " + directory.toAbsolutePath() + ": " + e,
          SqlStates.IO_ERROR,
          e);
    }
  }

  private static String newSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
