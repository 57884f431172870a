package dev.shale.jdbc.remote;

import dev.shale.sql.error.SqlExceptionTranslator;
import dev.shale.sql.error.SqlStates;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client of a server's {@code /shale/…} requests (what Avatica's protocol has no request for:
 * metadata answers, cancel, query timeout, shutdown), over the JDK's HTTP client with the same
 * credentials and trust as the connection.
 */
public final class ControlClient {

  private static final ConcurrentMap<String, HttpClient> SHARED = new ConcurrentHashMap<>();

  private final String base;
  private final HttpClient http;
  private final String authorization;
  private final String secret;
  private final Duration timeout;

  ControlClient(RemoteUrl url) throws SQLException {
    this(url.base(), url.user(), url.password(), null, client(url), url.connectTimeoutMillis());
  }

  private ControlClient(
      String base,
      String user,
      String password,
      String secret,
      HttpClient http,
      int timeoutMillis) {
    this.base = base;
    this.timeout = Duration.ofMillis(timeoutMillis);
    this.http = http;
    this.authorization = password == null ? null : basic(user == null ? "" : user, password);
    this.secret = secret;
  }

  /** The {@code Authorization} header of HTTP Basic for {@code user} and {@code password}. */
  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A client with the credentials and trust of {@code url}. */
  public static ControlClient of(RemoteUrl url) throws SQLException {
    return new ControlClient(url);
  }

  /** An admin client of the server at {@code base} that proves itself with the directory secret. */
  public static ControlClient admin(String base, String secret) {
    return new ControlClient(base, "shale", secret, secret, shared("", null), 10_000);
  }

  Properties metadata(String connectionId) throws SQLException {
    Properties p = new Properties();
    try {
      p.load(new StringReader(post("metadata", connectionId)));
    } catch (IOException e) {
      throw new SQLException("Unreadable metadata from " + base, SqlStates.CONNECTION_FAILURE, e);
    }
    return p;
  }

  void cancel(String connectionId, int statementId) throws SQLException {
    post("cancel", connectionId + " " + statementId);
  }

  void timeout(String connectionId, int statementId, int seconds) throws SQLException {
    post("timeout", connectionId + " " + statementId + " " + seconds);
  }

  /** Asks the server to stop gracefully; returns once it has accepted. */
  public void shutdown() throws SQLException {
    post("shutdown", "");
  }

  private String post(String what, String body) throws SQLException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/shale/" + what))
            .timeout(timeout.plusSeconds(50))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (secret != null) {
      request.header("X-Shale-Secret", secret);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SQLException(
          "The Shale server at " + base + " cannot be reached: " + e,
          SqlStates.CONNECTION_FAILURE,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted waiting for " + base, SqlStates.QUERY_CANCELED, e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return response.body();
    }
    if (status == 401 || status == 403) {
      throw SqlExceptionTranslator.fromState(
          SqlStates.INVALID_AUTHORIZATION,
          status == 401
              ? "The Shale server at " + base + " did not accept the user name and password"
              : response.body().substring(Math.min(6, response.body().length())),
          null);
    }
    String text = response.body();
    int space = text.indexOf(' ');
    if (space == 5) {
      throw SqlExceptionTranslator.fromState(text.substring(0, 5), text.substring(6), null);
    }
    throw new SQLException(
        "The Shale server at " + base + " answered HTTP " + status + ": " + text,
        SqlStates.CONNECTION_FAILURE);
  }

  /**
   * The JDK HTTP client for {@code url}'s trust, one per trust store shared by every connection:
   * each client holds a selector thread and descriptors until it is collected, so one per
   * connection left three descriptors behind each closed connection.
   */
  private static HttpClient client(RemoteUrl url) throws SQLException {
    if (url.trustStore() == null) {
      return shared("", null);
    }
    String key =
        url.trustStore().toAbsolutePath() + " " + Objects.hashCode(url.trustStorePassword());
    HttpClient known = SHARED.get(key);
    return known != null ? known : shared(key, sslContext(url));
  }

  private static HttpClient shared(String key, SSLContext ssl) {
    return SHARED.computeIfAbsent(
        key,
        k -> {
          HttpClient.Builder builder =
              HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
          if (ssl != null) {
            builder.sslContext(ssl);
          }
          return builder.build();
        });
  }

  private static SSLContext sslContext(RemoteUrl url) throws SQLException {
    return url.trustStore() == null ? null : sslContext(url.trustStore(), url.trustStorePassword());
  }

  /** A TLS context that trusts the certificates of {@code file}, a PKCS#12 or JKS store. */
  static SSLContext sslContext(Path file, String password) throws SQLException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, password == null ? null : password.toCharArray());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (IOException | GeneralSecurityException e) {
      throw new SQLException(
          "The trust store " + file + " cannot be used: " + e.getMessage(),
          SqlStates.CANNOT_CONNECT,
          e);
    }
  }
}
