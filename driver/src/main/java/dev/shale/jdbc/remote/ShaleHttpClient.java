package dev.shale.jdbc.remote;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.sql.SQLException;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.TrustStoreConfigurable;
import org.apache.calcite.avatica.remote.UsernamePasswordAuthenticateable;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * How a remote connection's Avatica client sends its requests: Apache HttpClient's classic
 * (blocking) client, which Avatica brings, on the calling thread over a kept-alive connection,
 * Basic credentials sent with every request (no challenge round trip), and no retries — Avatica's
 * default client retries a request that got no answer (or a 503) for ever, which turns a server
 * that is gone, or a plain client talking to a TLS server, into a hang. Here such a request fails
 * at once, and the connection with it (08006).
 *
 * <p>Named by the {@code httpclient_impl} property {@link RemoteConnector} sets; Avatica makes one
 * per connection from its URL.
 */
public final class ShaleHttpClient
    implements AvaticaHttpClient, UsernamePasswordAuthenticateable, TrustStoreConfigurable {

  private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(10);

  private final java.net.URI uri;
  private String authorization;
  private static final java.util.concurrent.ConcurrentMap<String, CloseableHttpClient> SHARED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private javax.net.ssl.SSLContext ssl;
  private String trustKey = "";
  private volatile CloseableHttpClient http;

  public ShaleHttpClient(URL url) throws URISyntaxException {
    this.uri = url.toURI();
  }

  @Override
  public void setUsernamePassword(AuthenticationType authType, String username, String password) {
    authorization = ControlClient.basic(username, password);
  }

  @Override
  public void setTrustStore(File truststore, String password) {
    try {
      ssl = ControlClient.sslContext(truststore.toPath(), password);
      trustKey = truststore.getAbsolutePath() + " " + Integer.toHexString(password.hashCode());
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private CloseableHttpClient http() {
    CloseableHttpClient h = http;
    if (h == null) {
      // One client (and pool of kept-alive sockets) per server and trust, shared by the
      // connections to it: Avatica never closes the client it makes per connection, so a client
      // of its own per connection would leave a socket behind each closed connection.
      h =
          SHARED.computeIfAbsent(
              uri.getScheme() + "://" + uri.getAuthority() + " " + trustKey, k -> build(ssl));
      http = h;
    }
    return h;
  }

  private static CloseableHttpClient build(javax.net.ssl.SSLContext ssl) {
    PoolingHttpClientConnectionManagerBuilder pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(
                ConnectionConfig.custom().setConnectTimeout(CONNECT_TIMEOUT).build())
            .setMaxConnTotal(256)
            .setMaxConnPerRoute(256);
    if (ssl != null) {
      pool.setSSLSocketFactory(new SSLConnectionSocketFactory(ssl));
    }
    return HttpClients.custom()
        .setConnectionManager(pool.build())
        .evictIdleConnections(org.apache.hc.core5.util.TimeValue.ofSeconds(20))
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
  }

  @Override
  public byte[] send(byte[] request) {
    HttpPost post = new HttpPost(uri);
    post.setEntity(new ByteArrayEntity(request, ContentType.APPLICATION_OCTET_STREAM));
    if (authorization != null) {
      post.setHeader("Authorization", authorization);
    }
    try {
      return http()
          .execute(
              post,
              response -> {
                int status = response.getCode();
                byte[] body = EntityUtils.toByteArray(response.getEntity());
                if (status == 200 || status == 500) {
                  return body; // 500 carries Avatica's error response
                }
                throw new IOException("Failed to execute HTTP Request, got HTTP/" + status);
              });
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).startsWith("Failed to execute HTTP Request")) {
        throw new RuntimeException(e.getMessage(), e);
      }
      throw new RuntimeException(new java.net.ConnectException("no answer from " + uri + ": " + e));
    }
  }
}
