package dev.shale.jdbc.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import dev.shale.sql.error.SqlExceptionTranslator;
import dev.shale.sql.error.SqlStates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What Avatica's protocol has no request for, on {@code /shale/…} beside it; each a POST with a
 * short text body, answered 200 with a text body, or 4xx with {@code <SQLState> <message>}:
 *
 * <ul>
 *   <li>{@code /shale/metadata} {@code <connection>}: the connection's {@link
 *       java.sql.DatabaseMetaData} answers ({@link ShaleMeta#metadataAnswers}), as properties;
 *   <li>{@code /shale/cancel} {@code <connection> <statement>}: {@link java.sql.Statement#cancel};
 *   <li>{@code /shale/timeout} {@code <connection> <statement> <seconds>}: {@link
 *       java.sql.Statement#setQueryTimeout};
 *   <li>{@code /shale/shutdown}: a graceful stop, for an admin (a user of role admin, or the secret
 *       of the directory's {@link ServerRecord} in header {@code X-Shale-Secret}).
 * </ul>
 */
final class ControlEndpoint implements HttpHandler {

  /** The header an admin command sends the directory's secret in. */
  static final String SECRET_HEADER = "X-Shale-Secret";

  private static final int MAX_BODY = 1024;

  private final ShaleMeta meta;
  private final ShaleAuthenticator authenticator;
  private final String secret;
  private final Runnable shutdown;

  ControlEndpoint(
      ShaleMeta meta, ShaleAuthenticator authenticator, String secret, Runnable shutdown) {
    this.meta = meta;
    this.authenticator = authenticator;
    this.secret = secret;
    this.shutdown = shutdown;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        reply(exchange, 405, "0A000 POST only");
        return;
      }
      String[] words = body(exchange).trim().split("\\s+");
      String path = exchange.getRequestURI().getPath();
      HttpPrincipal principal = exchange.getPrincipal();
      ShaleMeta.CLIENT.set(
          new ShaleMeta.Client(
              exchange.getRemoteAddress().getAddress().getHostAddress(),
              principal == null ? null : principal.getUsername(),
              authenticator != null && authenticator.role(exchange) == Users.Role.ADMIN));
      try {
        switch (path) {
          case "/shale/metadata" -> {
            Properties answers = meta.metadataAnswers(words[0]);
            java.io.StringWriter text = new java.io.StringWriter();
            answers.store(text, null);
            reply(exchange, 200, text.toString());
          }
          case "/shale/cancel" -> {
            meta.cancel(words[0], statement(words));
            reply(exchange, 200, "cancelled");
          }
          case "/shale/timeout" -> {
            if (words.length < 3) {
              throw new SQLException("timeout needs <connection> <statement> <seconds>", "HY000");
            }
            meta.setQueryTimeout(words[0], statement(words), Integer.parseInt(words[2]));
            reply(exchange, 200, "set");
          }
          case "/shale/shutdown" -> {
            if (!isAdmin(exchange)) {
              reply(
                  exchange,
                  403,
                  SqlStates.INVALID_AUTHORIZATION
                      + " Shutting the server down needs an admin: a user of role admin, or the"
                      + " secret in the database directory's "
                      + ServerRecord.FILE);
              return;
            }
            reply(exchange, 202, "stopping");
            Thread stopper = new Thread(shutdown, "shale-server-shutdown");
            stopper.start();
          }
          default -> reply(exchange, 404, "42000 No such control request: " + path);
        }
      } catch (SQLException | RuntimeException e) {
        SQLException sql = SqlExceptionTranslator.translate(e);
        reply(exchange, 400, sql.getSQLState() + " " + sql.getMessage());
      } finally {
        ShaleMeta.CLIENT.remove();
      }
    }
  }

  private static int statement(String[] words) throws SQLException {
    try {
      return Integer.parseInt(words[1]);
    } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
      throw new SQLException("expected <connection> <statement>", SqlStates.GENERAL_ERROR);
    }
  }

  private boolean isAdmin(HttpExchange exchange) {
    String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
    if (given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
      return true;
    }
    return authenticator != null && authenticator.role(exchange) == Users.Role.ADMIN;
  }

  private static String body(HttpExchange exchange) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[256];
    var in = exchange.getRequestBody();
    for (int n; (n = in.read(buffer)) > 0 && out.size() <= MAX_BODY; ) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void reply(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }
}
