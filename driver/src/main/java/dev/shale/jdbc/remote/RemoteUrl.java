package dev.shale.jdbc.remote;

import dev.shale.jdbc.UrlSettings;
import java.nio.file.Path;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed {@code jdbc:shale:remote:<host>:<port>[;name=value]...} URL: a connection through a
 * Shale server ({@code java -jar … serve}). Settings come from the URL and from the connect
 * properties; the URL wins; an unknown one is an error.
 *
 * @param url the URL as given
 * @param base the server's HTTP(S) address, e.g. {@code http://127.0.0.1:8765}
 * @param user the user name, or null (a loopback server without users needs none)
 * @param password the password, or null
 * @param trustStore the trust store a TLS client checks the server's certificate with, or null for
 *     the JDK's default
 * @param trustStorePassword its password, or null
 * @param connectTimeoutMillis how long to wait for the server to answer a connection
 * @param serverSettings the settings of the server-side connection ({@code transactionMaxBytes})
 */
public record RemoteUrl(
    String url,
    String base,
    String user,
    String password,
    Path trustStore,
    String trustStorePassword,
    int connectTimeoutMillis,
    Properties serverSettings) {

  static final String PREFIX = "jdbc:shale:remote:";

  /** Every setting a remote URL may name, with its description. */
  static final Map<String, String> SETTINGS = new LinkedHashMap<>();

  static {
    SETTINGS.put(
        "user", "the user name the server knows (a loopback server without users needs none)");
    SETTINGS.put("password", "the user's password");
    SETTINGS.put(
        "tls", "true: connect with TLS (https); the server must have been started with TLS");
    SETTINGS.put("trustStore", "the trust store (PKCS#12 or JKS) holding the server's certificate");
    SETTINGS.put("trustStorePassword", "the trust store's password");
    SETTINGS.put("connectTimeout", "milliseconds to wait for the server (default 10000)");
    SETTINGS.put(
        "transactionMaxBytes",
        "largest size in bytes of the uncommitted writes of one transaction (default 67108864)");
  }

  public static boolean isRemote(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  public static RemoteUrl parse(String url, Properties info) throws SQLException {
    UrlSettings parsed =
        UrlSettings.parse(url, url.substring(PREFIX.length()), info, SETTINGS.keySet());
    String location = parsed.location();
    Map<String, String> settings = parsed.settings();
    int colon = location.lastIndexOf(':');
    if (colon <= 0 || colon == location.length() - 1) {
      throw UrlSettings.invalid(url, "expected jdbc:shale:remote:<host>:<port>");
    }
    String host = location.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(location.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw UrlSettings.invalid(
          url, "the port must be 1..65535, not '" + location.substring(colon + 1) + "'");
    }
    boolean tls =
        switch (settings.getOrDefault("tls", "false").toLowerCase(Locale.ROOT)) {
          case "true" -> true;
          case "false" -> false;
          default ->
              throw UrlSettings.invalid(
                  url, "tls must be true or false, not '" + settings.get("tls") + "'");
        };
    int timeout;
    try {
      timeout = Integer.parseInt(settings.getOrDefault("connectTimeout", "10000"));
    } catch (NumberFormatException e) {
      throw UrlSettings.invalid(url, "connectTimeout must be a whole number of milliseconds");
    }
    if (timeout < 1) {
      throw UrlSettings.invalid(
          url, "connectTimeout must be at least 1 millisecond, not " + timeout);
    }
    Properties server = new Properties();
    if (settings.containsKey("transactionMaxBytes")) {
      server.setProperty("transactionMaxBytes", settings.get("transactionMaxBytes"));
    }
    String trust = settings.get("trustStore");
    return new RemoteUrl(
        url,
        (tls ? "https://" : "http://") + host + ":" + port,
        settings.get("user"),
        settings.get("password"),
        trust == null ? null : Path.of(trust),
        settings.get("trustStorePassword"),
        timeout,
        server);
  }

  public static DriverPropertyInfo[] propertyInfo() {
    return SETTINGS.entrySet().stream()
        .map(
            e -> {
              DriverPropertyInfo info = new DriverPropertyInfo(e.getKey(), null);
              info.description = e.getValue();
              return info;
            })
        .toArray(DriverPropertyInfo[]::new);
  }
}
