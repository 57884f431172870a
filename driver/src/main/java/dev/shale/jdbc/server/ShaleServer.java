package dev.shale.jdbc.server;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.shale.jdbc.ShaleDriver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shale's network server: Avatica's protocol (protobuf on {@code /}, JSON on {@code /json}) over
 * HTTP from the JDK's own server (no Jetty), in front of the embedded database of {@link
 * ServerConfig#databaseUrl()}. Each client connection is one embedded connection, with its own
 * transaction; the server keeps one more open, so the database stays open (and locked to this
 * process) while it runs. A directory database gets a {@link ServerRecord} while it is served.
 *
 * <p>{@link #close()} stops gracefully: no new requests, those in flight may finish within {@link
 * ServerConfig#drain()} and are then cancelled, every open transaction is rolled back, and the
 * database is closed (if no one else in this process has it open).
 */
public final class ShaleServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ShaleServer.class);

  private final ServerConfig config;
  private final HttpServer http;
  private final ExecutorService executor;
  private final ShaleMeta meta;
  private final Connection anchor;
  private final Path directory;
  private final ServerRecord record;
  private final InFlight inFlight;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile String stopReport = "not stopped";

  private ShaleServer(
      ServerConfig config,
      HttpServer http,
      ExecutorService executor,
      ShaleMeta meta,
      Connection anchor,
      Path directory,
      ServerRecord record,
      InFlight inFlight) {
    this.inFlight = inFlight;
    this.config = config;
    this.http = http;
    this.executor = executor;
    this.meta = meta;
    this.anchor = anchor;
    this.directory = directory;
    this.record = record;
  }

  /**
   * Opens the database and starts serving it; fails if the database cannot be opened, the port is
   * taken, or the server would listen beyond loopback without authentication.
   */
  public static ShaleServer start(ServerConfig config) throws IOException, SQLException {
    if (!config.bind().isLoopbackAddress() && config.users() == null) {
      throw new IllegalArgumentException(
          "The server would listen on "
              + config.bind().getHostAddress()
              + ", beyond loopback, without authentication: give it a users file (--users, made"
              + " with java -jar … passwd), or bind to 127.0.0.1");
    }
    Users users = config.users() == null ? null : Users.load(config.users());
    // The JDK's server waits for a delayed ACK between headers and body unless told not to.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    Connection anchor = DriverManager.getConnection(config.databaseUrl());
    HttpServer http = null;
    ExecutorService executor = null;
    try {
      ShaleMeta meta = new ShaleMeta(config);
      InFlight inFlight = new InFlight();
      Service service = ErrorReplies.around(new LocalService(meta));
      String secret = config.secret() != null ? config.secret() : newSecret();
      ShaleAuthenticator authenticator =
          config.authenticates() ? new ShaleAuthenticator(users, secret) : null;
      InetSocketAddress address = new InetSocketAddress(config.bind(), config.port());
      if (config.tls() != null) {
        HttpsServer https = HttpsServer.create(address, 128);
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext(config.tls())));
        http = https;
      } else {
        http = HttpServer.create(address, 128);
      }
      executor = executor(config.threads());
      http.setExecutor(executor);
      Path directory = ShaleDriver.directoryOf(config.databaseUrl());
      String scheme = config.tls() != null ? "https" : "http";
      int port = http.getAddress().getPort();
      ServerRecord record =
          new ServerRecord(scheme + "://127.0.0.1:" + port, secret, ProcessHandle.current().pid());
      ShaleServer server =
          new ShaleServer(config, http, executor, meta, anchor, directory, record, inFlight);
      context(
          http,
          "/",
          AvaticaEndpoint.protobuf(inFlight, service, config.maxRequestBytes())
              .roles(authenticator),
          authenticator);
      context(
          http,
          "/json",
          AvaticaEndpoint.json(inFlight, service, config.maxRequestBytes()).roles(authenticator),
          authenticator);
      context(
          http,
          "/shale/",
          new ControlEndpoint(meta, authenticator, secret, server::close),
          authenticator);
      if (directory != null) {
        record.write(directory);
      }
      http.start();
      LOG.info(
          "Shale server on {}://{}:{} serving {}{}",
          scheme,
          config.bind().getHostAddress(),
          port,
          config.databaseUrl(),
          authenticator != null ? " (authentication required)" : "");
      return server;
    } catch (IOException | SQLException | RuntimeException | Error e) {
      if (http != null) {
        http.stop(0);
      }
      if (executor != null) {
        executor.shutdownNow();
      }
      anchor.close();
      throw e;
    }
  }

  private static void context(
      HttpServer http,
      String path,
      com.sun.net.httpserver.HttpHandler handler,
      Authenticator auth) {
    HttpContext context = http.createContext(path, handler);
    if (auth != null) {
      context.setAuthenticator(auth);
    }
  }

  private static ExecutorService executor(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "shale-server-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static SSLContext sslContext(ServerConfig.TlsConfig tls) throws IOException {
    try (InputStream in = Files.newInputStream(tls.keyStore())) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, tls.password());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, tls.password());
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(kmf.getKeyManagers(), null, new SecureRandom());
      return ssl;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "The TLS key store " + tls.keyStore() + " cannot be used: " + e.getMessage(), e);
    }
  }

  private static String newSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The port the server listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Where this server can be reached from this machine, e.g. {@code http://127.0.0.1:8765}. */
  public String url() {
    return record.url();
  }

  /** The URL a client of this machine connects with: {@code jdbc:shale:remote:127.0.0.1:<port>}. */
  public String jdbcUrl() {
    return "jdbc:shale:remote:127.0.0.1:" + port() + (config.tls() != null ? ";tls=true" : "");
  }

  /** How many client connections are open. */
  public int openConnections() {
    return meta.openConnections();
  }

  /** How the last stop went: how long it took, how many connections it rolled back. */
  public String stopReport() {
    return stopReport;
  }

  /** Blocks until the server has stopped. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops gracefully (see the class comment); returns when the database is closed. Idempotent: a
   * second call waits for the first.
   */
  @Override
  public void close() {
    if (!stopping.compareAndSet(false, true)) {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    long started = System.nanoTime();
    int open = meta.openConnections();
    try {
      // No new request from here; those in flight may finish within the drain time, then are
      // cancelled (and given a moment to answer so).
      if (!inFlight.closeAndAwait(config.drain())) {
        LOG.info("Shale server stopping: cancelling the statements still running");
        meta.cancelAll();
        inFlight.closeAndAwait(java.time.Duration.ofSeconds(2));
      }
      http.stop(0);
      executor.shutdownNow();
      meta.closeAll();
      if (directory != null) {
        record.remove(directory);
      }
      anchor.close();
      stopReport =
          "stopped in "
              + (System.nanoTime() - started) / 1_000_000
              + " ms; "
              + open
              + " open connection(s) rolled back and closed";
      LOG.info("Shale server on port {} {}", port(), stopReport);
    } catch (IOException | SQLException | RuntimeException e) {
      LOG.warn("Shale server stop: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopped.countDown();
    }
  }
}
