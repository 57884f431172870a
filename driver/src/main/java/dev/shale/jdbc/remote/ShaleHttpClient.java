package dev.shale.jdbc.remote;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.TrustStoreConfigurable;
import org.apache.calcite.avatica.remote.UsernamePasswordAuthenticateable;

/**
 * How a remote connection's Avatica client sends its requests: over the JDK's HTTP client, HTTP/1.1
 * with keep-alive, Basic credentials sent with every request (no challenge round trip), and no
 * retries — Avatica's default client retries a request that got no answer (or a 503) for ever,
 * which turns a server that is gone, or a plain client talking to a TLS server, into a hang. Here
 * such a request fails at once, and the connection with it (08006).
 *
 * <p>Named by the {@code httpclient_impl} property {@link RemoteConnector} sets; Avatica makes one
 * per connection from its URL.
 */
public final class ShaleHttpClient
    implements AvaticaHttpClient, UsernamePasswordAuthenticateable, TrustStoreConfigurable {

  private static final Duration CONNECT = Duration.ofSeconds(10);

  private final java.net.URI uri;
  private String authorization;
  private javax.net.ssl.SSLContext ssl;
  private volatile HttpClient http;

  public ShaleHttpClient(URL url) throws URISyntaxException {
    this.uri = url.toURI();
  }

  @Override
  public void setUsernamePassword(AuthenticationType authType, String username, String password) {
    authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void setTrustStore(File truststore, String password) {
    try {
      ssl = ControlClient.sslContext(truststore.toPath(), password);
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private HttpClient http() {
    HttpClient h = http;
    if (h == null) {
      synchronized (this) {
        if (http == null) {
          HttpClient.Builder b =
              HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT);
          if (ssl != null) {
            b.sslContext(ssl);
          }
          http = b.build();
        }
        h = http;
      }
    }
    return h;
  }

  @Override
  public byte[] send(byte[] request) {
    HttpRequest.Builder post =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request));
    if (authorization != null) {
      post.header("Authorization", authorization);
    }
    HttpResponse<byte[]> response;
    try {
      response = http().send(post.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RuntimeException(new java.net.ConnectException("no answer from " + uri + ": " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException("interrupted waiting for " + uri, e);
    }
    int status = response.statusCode();
    if (status == 200 || status == 500) {
      return response.body(); // 500 carries Avatica's error response
    }
    throw new RuntimeException("Failed to execute HTTP Request, got HTTP/" + status);
  }
}
