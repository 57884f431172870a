package dev.shale.jdbc;

import dev.shale.sql.error.SqlStates;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The grammar every Shale URL shares after its prefix: {@code <location>[;name=value]...}, with the
 * connect properties under the URL's settings (the URL wins) and every name checked against the
 * settings the URL kind knows.
 *
 * @param location what comes before the first {@code ;}
 * @param settings the settings, URL over properties, in the order given
 */
public record UrlSettings(String location, Map<String, String> settings) {

  /** {@code rest} (the URL after its prefix) and {@code info} of {@code url}, checked. */
  public static UrlSettings parse(String url, String rest, Properties info, Set<String> known)
      throws SQLException {
    String[] parts = rest.split(";");
    Map<String, String> settings = new LinkedHashMap<>();
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        settings.put(name, info.getProperty(name));
      }
    }
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].isEmpty()) {
        continue;
      }
      int eq = parts[i].indexOf('=');
      if (eq <= 0) {
        throw invalid(url, "setting '" + parts[i] + "' is not of the form name=value");
      }
      settings.put(parts[i].substring(0, eq).trim(), parts[i].substring(eq + 1).trim());
    }
    for (String name : settings.keySet()) {
      if (!known.contains(name)) {
        throw invalid(url, "unknown setting '" + name + "'; known settings: " + known);
      }
    }
    return new UrlSettings(parts[0], settings);
  }

  /** The error of a URL that cannot be opened as written (08001), naming it and the problem. */
  public static SQLException invalid(String url, String problem) {
    return new SQLNonTransientConnectionException(
        "Invalid URL " + url + ": " + problem, SqlStates.CANNOT_CONNECT);
  }
}
