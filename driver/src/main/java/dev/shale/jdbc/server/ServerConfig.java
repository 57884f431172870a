package dev.shale.jdbc.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a {@link ShaleServer} listens and what it allows.
 *
 * @param databaseUrl the embedded URL the server opens its connections with ({@code
 *     jdbc:shale:<dir>[;settings]}); every client connection is one connection of it
 * @param bind the address to listen on; loopback unless told otherwise
 * @param port the TCP port; 0 picks a free one ({@link ShaleServer#port()} says which)
 * @param users the users file (see {@link Users}); required unless {@code bind} is loopback
 * @param tls the key store for TLS, or null for plain HTTP
 * @param secret a password every client must give (any user name), or null for none; automatic
 *     mixed mode sets it to the one it records in the directory
 * @param threads how many requests run at once; more wait their turn
 * @param maxRequestBytes the largest request body accepted
 * @param maxConnectionsPerClient the most open connections from one client address
 * @param maxStatementsPerConnection the most open statements of one connection
 * @param drain how long a shutdown waits for requests in flight before cancelling them
 * @param idle how long a client connection (or statement) may go unused before the server closes
 *     it, rolling back its transaction: the only way to reap the connections of a client that died,
 *     since HTTP keeps no connection open
 */
public record ServerConfig(
    String databaseUrl,
    InetAddress bind,
    int port,
    Path users,
    TlsConfig tls,
    String secret,
    int threads,
    long maxRequestBytes,
    int maxConnectionsPerClient,
    int maxStatementsPerConnection,
    Duration drain,
    Duration idle) {

  /** The port Avatica's own server uses, which Shale's takes by default. */
  public static final int DEFAULT_PORT = 8765;

  /** The key store of a TLS server: a PKCS#12 (or JKS) file and its password. */
  public record TlsConfig(Path keyStore, char[] password) {}

  public ServerConfig {
    if (databaseUrl == null || !databaseUrl.startsWith("jdbc:shale:")) {
      throw new IllegalArgumentException(
          "the server needs an embedded Shale URL (jdbc:shale:<dir>), not " + databaseUrl);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    positive("threads", threads);
    positive("maxRequestBytes", maxRequestBytes);
    positive("maxConnectionsPerClient", maxConnectionsPerClient);
    positive("maxStatementsPerConnection", maxStatementsPerConnection);
  }

  /**
   * A loopback server on {@code port} over the database at {@code databaseUrl}, with the default
   * limits: 64 requests at once, requests up to 64 MiB (a 16 MiB value fits, whatever its
   * encoding), 256 connections per client address, 1,000 statements per connection, 10 s of
   * draining at shutdown, connections closed after 8 hours unused.
   */
  public static ServerConfig loopback(String databaseUrl, int port) {
    return new ServerConfig(
        databaseUrl,
        InetAddress.getLoopbackAddress(),
        port,
        null,
        null,
        null,
        64,
        64L << 20,
        256,
        1000,
        Duration.ofSeconds(10),
        Duration.ofHours(8));
  }

  public ServerConfig withBind(String host) throws UnknownHostException {
    return new ServerConfig(
        databaseUrl,
        InetAddress.getByName(host),
        port,
        users,
        tls,
        secret,
        threads,
        maxRequestBytes,
        maxConnectionsPerClient,
        maxStatementsPerConnection,
        drain,
        idle);
  }

  public ServerConfig withUsers(Path file) {
    return new ServerConfig(
        databaseUrl,
        bind,
        port,
        file,
        tls,
        secret,
        threads,
        maxRequestBytes,
        maxConnectionsPerClient,
        maxStatementsPerConnection,
        drain,
        idle);
  }

  public ServerConfig withTls(TlsConfig config) {
    return new ServerConfig(
        databaseUrl,
        bind,
        port,
        users,
        config,
        secret,
        threads,
        maxRequestBytes,
        maxConnectionsPerClient,
        maxStatementsPerConnection,
        drain,
        idle);
  }

  public ServerConfig withSecret(String password) {
    return new ServerConfig(
        databaseUrl,
        bind,
        port,
        users,
        tls,
        password,
        threads,
        maxRequestBytes,
        maxConnectionsPerClient,
        maxStatementsPerConnection,
        drain,
        idle);
  }

  public ServerConfig withLimits(
      int threads,
      long maxRequestBytes,
      int maxConnectionsPerClient,
      int maxStatementsPerConnection,
      Duration drain,
      Duration idle) {
    return new ServerConfig(
        databaseUrl,
        bind,
        port,
        users,
        tls,
        secret,
        threads,
        maxRequestBytes,
        maxConnectionsPerClient,
        maxStatementsPerConnection,
        drain,
        idle);
  }

  /** True if clients must authenticate (a users file or a secret). */
  boolean authenticates() {
    return users != null || secret != null;
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
  }
}
