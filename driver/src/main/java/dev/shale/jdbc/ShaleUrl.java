package dev.shale.jdbc;

import java.nio.file.Path;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed {@code jdbc:shale:} URL and its settings.
 *
 * <pre>
 * jdbc:shale:&lt;dir&gt;[;name=value]...        embedded, on disk; creates the directory
 * jdbc:shale:mem:&lt;name&gt;[;name=value]...   embedded, in memory; gone with the last connection
 * </pre>
 *
 * Settings come from the URL and from the {@link Properties} passed to connect; the URL wins.
 */
record ShaleUrl(
    String url,
    Path directory,
    String memoryName,
    boolean sync,
    Duration lockTimeout,
    int maxValueBytes,
    long transactionMaxBytes,
    boolean autoServer,
    long slowStatementMillis,
    boolean directPath) {

  static final String PREFIX = "jdbc:shale:";
  private static final String MEMORY = "mem:";

  /** Every setting a URL or the connect properties may name, with its description. */
  static final Map<String, String> SETTINGS = new LinkedHashMap<>();

  static {
    SETTINGS.put(
        "sync",
        "true (default): a write is fsynced to the log before executeUpdate returns; false: it"
            + " survives a crash of the process but not of the machine");
    SETTINGS.put(
        "lockTimeout",
        "milliseconds to wait for another process to release the database directory (default 0:"
            + " fail at once)");
    SETTINGS.put(
        "maxValueBytes",
        "largest value in bytes (default 16777216); set by the first connection that opens the"
            + " database");
    SETTINGS.put(
        "transactionMaxBytes",
        "largest size in bytes of the uncommitted writes of one transaction (default 67108864);"
            + " a statement that would pass it fails with 54000");
    SETTINGS.put(
        "autoServer",
        "true: automatic mixed mode; the first process to open the directory serves it on a"
            + " loopback port (recorded in server.properties, with a random password), later ones"
            + " connect through it (waiting up to lockTimeout, at least 10 s, for it to serve), and"
            + " when it closes its last connection or exits the next opener takes over (default"
            + " false: a second process is refused with 08001)");
    SETTINGS.put(
        "slowStatementMillis",
        "log each statement that takes at least this many milliseconds (its execution and the"
            + " fetching of its rows, not the application's time between rows) at WARN on the"
            + " logger "
            + SlowStatementLog.LOGGER
            + ", with its rows and SQL (default 0: off)");
    SETTINGS.put(
        "directPath",
        "true (default): the common single-table statements (SELECT, COUNT(*), INSERT, UPSERT,"
            + " UPDATE, DELETE over key predicates) run without Calcite's planner; false: every"
            + " statement is planned by Calcite (same results, slower first statements)");
    SETTINGS.put("user", "accepted and ignored (embedded databases have no users)");
    SETTINGS.put("password", "accepted and ignored");
  }

  static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  static ShaleUrl parse(String url, Properties info) throws SQLException {
    UrlSettings parsed =
        UrlSettings.parse(url, url.substring(PREFIX.length()), info, SETTINGS.keySet());
    String location = parsed.location();
    Map<String, String> settings = parsed.settings();
    Path directory = null;
    String memoryName = null;
    if (location.startsWith(MEMORY)) {
      memoryName = location.substring(MEMORY.length());
      if (memoryName.isEmpty()) {
        throw UrlSettings.invalid(url, "an in-memory database needs a name: jdbc:shale:mem:<name>");
      }
    } else if (location.isEmpty()) {
      throw UrlSettings.invalid(url, "no database directory: jdbc:shale:<dir>");
    } else {
      try {
        directory = Path.of(location);
      } catch (java.nio.file.InvalidPathException e) {
        throw UrlSettings.invalid(
            url, "'" + location + "' is not a valid directory path: " + e.getMessage());
      }
    }
    boolean sync = parseBoolean(url, "sync", settings.getOrDefault("sync", "true"));
    long lockMillis = parseLong(url, "lockTimeout", settings.getOrDefault("lockTimeout", "0"));
    long maxValue =
        parseLong(
            url,
            "maxValueBytes",
            settings.getOrDefault("maxValueBytes", Integer.toString(16 << 20)));
    long transactionMax =
        parseLong(
            url,
            "transactionMaxBytes",
            settings.getOrDefault("transactionMaxBytes", Long.toString(64L << 20)));
    if (transactionMax < 1 || transactionMax > (1L << 30)) {
      throw UrlSettings.invalid(
          url, "transactionMaxBytes must be 1..1073741824, not " + transactionMax);
    }
    if (lockMillis < 0) {
      throw UrlSettings.invalid(
          url, "lockTimeout must be 0 or more milliseconds, not " + lockMillis);
    }
    if (maxValue < 0 || maxValue > (1 << 30)) {
      throw UrlSettings.invalid(url, "maxValueBytes must be 0..1073741824, not " + maxValue);
    }
    boolean autoServer =
        parseBoolean(url, "autoServer", settings.getOrDefault("autoServer", "false"));
    if (autoServer && memoryName != null) {
      throw UrlSettings.invalid(
          url, "autoServer needs a directory: an in-memory database is seen by this process only");
    }
    long slowMillis =
        parseLong(url, "slowStatementMillis", settings.getOrDefault("slowStatementMillis", "0"));
    if (slowMillis < 0) {
      throw UrlSettings.invalid(
          url, "slowStatementMillis must be 0 (off) or more milliseconds, not " + slowMillis);
    }
    boolean directPath =
        parseBoolean(url, "directPath", settings.getOrDefault("directPath", "true"));
    return new ShaleUrl(
        url,
        directory,
        memoryName,
        sync,
        Duration.ofMillis(lockMillis),
        (int) maxValue,
        transactionMax,
        autoServer,
        slowMillis,
        directPath);
  }

  /**
   * The plain embedded URL of this directory database with its engine and session settings, for the
   * server of automatic mixed mode (its own connections must not serve again).
   */
  String servedUrl(Path realDirectory) {
    return PREFIX
        + realDirectory
        + ";sync="
        + sync
        + ";maxValueBytes="
        + maxValueBytes
        + ";transactionMaxBytes="
        + transactionMaxBytes
        + ";slowStatementMillis="
        + slowStatementMillis
        + ";directPath="
        + directPath;
  }

  static DriverPropertyInfo[] propertyInfo() {
    return SETTINGS.entrySet().stream()
        .map(
            e -> {
              DriverPropertyInfo info = new DriverPropertyInfo(e.getKey(), null);
              info.description = e.getValue();
              return info;
            })
        .toArray(DriverPropertyInfo[]::new);
  }

  private static boolean parseBoolean(String url, String name, String value) throws SQLException {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw UrlSettings.invalid(url, name + " must be true or false, not '" + value + "'");
    };
  }

  private static long parseLong(String url, String name, String value) throws SQLException {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw UrlSettings.invalid(url, name + " must be a whole number, not '" + value + "'");
    }
  }
}
