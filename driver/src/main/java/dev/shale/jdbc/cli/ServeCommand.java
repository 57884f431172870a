package dev.shale.jdbc.cli;

import dev.shale.jdbc.server.ServerConfig;
import dev.shale.jdbc.server.ShaleServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve --dir <dir>}: the network server on a database directory, until SIGTERM (Ctrl-C) or
 * {@code shutdown}; both stop it gracefully.
 */
@Command(
    name = ServeCommand.NAME,
    mixinStandardHelpOptions = true,
    description = {
      "Serve the database in <dir> over the network (Apache Avatica's protocol over HTTP):"
          + " clients connect with jdbc:shale:remote:<host>:<port>, scripts post JSON to"
          + " http://<host>:<port>/json. Stops gracefully on SIGTERM (Ctrl-C) or"
          + " 'shutdown --dir <dir>'."
    })
final class ServeCommand implements Callable<Integer> {

  static final String NAME = "serve";

  @Option(names = "--dir", required = true, description = "the database directory")
  Path dir;

  @Option(
      names = "--port",
      defaultValue = "8765",
      description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one)")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description =
          "address to listen on (default ${DEFAULT-VALUE}); beyond loopback --users is required")
  String bind;

  @Option(
      names = "--users",
      description = "users file (made with 'passwd'); clients must authenticate")
  Path users;

  @Option(names = "--tls-keystore", description = "PKCS#12 key store: serve https")
  Path keyStore;

  @Option(
      names = "--tls-password",
      description = "the key store's password (default: environment variable SHALE_TLS_PASSWORD)")
  String keyStorePassword;

  @Option(
      names = "--sync",
      defaultValue = "true",
      description = "fsync each commit (default ${DEFAULT-VALUE})")
  boolean sync;

  @Option(
      names = "--threads",
      defaultValue = "64",
      description = "requests served at once (default ${DEFAULT-VALUE})")
  int threads;

  @Option(
      names = "--max-request-bytes",
      defaultValue = "67108864",
      description = "largest request (default ${DEFAULT-VALUE})")
  long maxRequestBytes;

  @Option(
      names = "--max-connections-per-client",
      defaultValue = "256",
      description = "open connections per client address (default ${DEFAULT-VALUE})")
  int maxConnections;

  @Option(
      names = "--max-statements-per-connection",
      defaultValue = "1000",
      description = "open statements per connection (default ${DEFAULT-VALUE})")
  int maxStatements;

  @Option(
      names = "--drain-seconds",
      defaultValue = "10",
      description =
          "at shutdown, how long requests in flight may finish (default ${DEFAULT-VALUE})")
  int drainSeconds;

  @Option(
      names = "--idle-minutes",
      defaultValue = "480",
      description =
          "close a connection unused this long, rolling it back (default ${DEFAULT-VALUE})")
  int idleMinutes;

  @Option(
      names = "--slow-statement-millis",
      defaultValue = "0",
      description =
          "log statements taking at least this long at WARN on dev.shale.slow (default 0: off)")
  long slowStatementMillis;

  @Override
  public Integer call() throws Exception {
    String url =
        "jdbc:shale:" + dir + ";sync=" + sync + ";slowStatementMillis=" + slowStatementMillis;
    ServerConfig config =
        ServerConfig.loopback(url, port)
            .withBind(bind)
            .withUsers(users)
            .withLimits(
                threads,
                maxRequestBytes,
                maxConnections,
                maxStatements,
                Duration.ofSeconds(drainSeconds),
                Duration.ofMinutes(idleMinutes));
    if (keyStore != null) {
      String pw = keyStorePassword != null ? keyStorePassword : System.getenv("SHALE_TLS_PASSWORD");
      if (pw == null) {
        System.err.println("--tls-keystore needs --tls-password or SHALE_TLS_PASSWORD");
        return 2;
      }
      config = config.withTls(new ServerConfig.TlsConfig(keyStore, pw.toCharArray()));
    }
    ShaleServer server;
    try {
      server = ShaleServer.start(config);
    } catch (IllegalArgumentException e) {
      System.err.println("serve: " + e.getMessage());
      return 2;
    } catch (java.sql.SQLException | java.io.IOException e) {
      System.err.println("serve: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  System.out.println("Shale server " + server.stopReport());
                  System.out.flush();
                },
                "shale-serve-stop"));
    System.out.println(
        "Shale serves "
            + dir
            + " on "
            + (keyStore != null ? "https" : "http")
            + "://"
            + bind
            + ":"
            + server.port()
            + " - connect with jdbc:shale:remote:"
            + bind
            + ":"
            + server.port()
            + "; stop with Ctrl-C or: java -jar … shutdown --dir "
            + dir);
    System.out.flush();
    server.awaitStop();
    return 0;
  }
}
