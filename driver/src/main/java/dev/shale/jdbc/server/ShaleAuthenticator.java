package dev.shale.jdbc.server;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HTTP Basic authentication of every request against the users file and, where the server has one,
 * its secret (any user name with the secret as password, as automatic mixed mode connects). Basic
 * sends the password with every request, so run a server beyond loopback with TLS.
 */
final class ShaleAuthenticator extends BasicAuthenticator {

  private final Users users;
  private final String secret;

  ShaleAuthenticator(Users users, String secret) {
    super("shale");
    this.users = users;
    this.secret = secret;
  }

  @Override
  public boolean checkCredentials(String user, String password) {
    return role(user, password) != null;
  }

  /** The role of the credentials, or null if they are not accepted. */
  Users.Role role(String user, String password) {
    if (secret != null
        && MessageDigest.isEqual(
            secret.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
      return Users.Role.ADMIN;
    }
    return users == null ? null : users.check(user, password);
  }

  /** The role of the request's Basic credentials, or null. */
  Users.Role role(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? null : role(decoded.substring(0, colon), decoded.substring(colon + 1));
  }
}
