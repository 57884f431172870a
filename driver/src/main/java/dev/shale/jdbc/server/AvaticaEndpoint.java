package dev.shale.jdbc.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import dev.shale.sql.error.SqlStates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's wire protocol on one path of the JDK's HTTP server: a POST whose body is one request
 * (protobuf on {@code /}, what {@code jdbc:shale:remote:} speaks; JSON on {@code /json}, for
 * scripts), answered by one response. The body may be at most {@link
 * ServerConfig#maxRequestBytes()}; a larger one is answered with an error (54000) naming the limit,
 * without being read.
 */
final class AvaticaEndpoint implements HttpHandler {

  private final long maxRequestBytes;
  private final Function<byte[], HandlerResponse<byte[]>> handler;
  private final Function<Exception, HandlerResponse<byte[]>> errors;
  private final String contentType;
  private final InFlight inFlight;
  private ShaleAuthenticator authenticator;

  private AvaticaEndpoint(
      InFlight inFlight,
      long maxRequestBytes,
      Function<byte[], HandlerResponse<byte[]>> handler,
      Function<Exception, HandlerResponse<byte[]>> errors,
      String contentType) {
    this.inFlight = inFlight;
    this.maxRequestBytes = maxRequestBytes;
    this.handler = handler;
    this.errors = errors;
    this.contentType = contentType;
  }

  static AvaticaEndpoint protobuf(InFlight inFlight, Service service, long maxRequestBytes) {
    ProtobufHandler pb =
        new ProtobufHandler(
            service, new ProtobufTranslationImpl(), NoopMetricsSystem.getInstance());
    return new AvaticaEndpoint(
        inFlight,
        maxRequestBytes,
        pb::apply,
        pb::convertToErrorResponse,
        "application/octet-stream");
  }

  static AvaticaEndpoint json(InFlight inFlight, Service service, long maxRequestBytes) {
    JsonHandler json = new JsonHandler(service, NoopMetricsSystem.getInstance());
    return new AvaticaEndpoint(
        inFlight,
        maxRequestBytes,
        body -> bytes(json.apply(new String(body, StandardCharsets.UTF_8))),
        e -> bytes(json.convertToErrorResponse(e)),
        "application/json; charset=utf-8");
  }

  /**
   * Tells requests apart by role: only an admin's connections (a user of role admin, or the
   * directory's secret) may use the procedures that name the server's files.
   */
  AvaticaEndpoint roles(ShaleAuthenticator authenticator) {
    this.authenticator = authenticator;
    return this;
  }

  private static HandlerResponse<byte[]> bytes(HandlerResponse<String> r) {
    return new HandlerResponse<>(
        r.getResponse().getBytes(StandardCharsets.UTF_8), r.getStatusCode());
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        byte[] text =
            "This is a Shale server: it speaks Avatica's protocol, one POST per request\n"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Allow", "POST");
        exchange.sendResponseHeaders(405, text.length);
        exchange.getResponseBody().write(text);
        return;
      }
      HandlerResponse<byte[]> response;
      byte[] body = readBounded(exchange);
      if (!inFlight.enter()) {
        response =
            errors.apply(
                new AvaticaRuntimeException(
                    "The Shale server is stopping: it takes no new requests",
                    0,
                    SqlStates.CONNECTION_FAILURE,
                    AvaticaSeverity.ERROR));
        exchange.getResponseHeaders().set("Connection", "close");
      } else if (body == null) {
        inFlight.exit();
        response =
            errors.apply(
                new AvaticaRuntimeException(
                    "The request is larger than the server's limit of "
                        + maxRequestBytes
                        + " bytes (--max-request-bytes)",
                    0,
                    SqlStates.PROGRAM_LIMIT_EXCEEDED,
                    AvaticaSeverity.ERROR));
        exchange.getResponseHeaders().set("Connection", "close");
      } else {
        HttpPrincipal principal = exchange.getPrincipal();
        ShaleMeta.CLIENT.set(
            new ShaleMeta.Client(
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                principal == null ? null : principal.getUsername(),
                authenticator != null && authenticator.role(exchange) == Users.Role.ADMIN));
        try {
          response = handler.apply(body);
        } finally {
          ShaleMeta.CLIENT.remove();
          inFlight.exit();
        }
      }
      byte[] out = response.getResponse();
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(response.getStatusCode(), out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    }
  }

  /** The request body, or null if it is larger than the limit (what it says or what comes). */
  private byte[] readBounded(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxRequestBytes) {
          return null;
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    InputStream in = exchange.getRequestBody();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > maxRequestBytes) {
        return null;
      }
      body.write(buffer, 0, n);
    }
    return body.toByteArray();
  }
}
