package dev.shale.jdbc;

import dev.shale.engine.DbException;
import dev.shale.engine.Options;
import dev.shale.jdbc.remote.RemoteConnector;
import dev.shale.jdbc.remote.RemoteUrl;
import dev.shale.sql.ShaleSql;
import dev.shale.sql.store.KvDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver for {@code jdbc:shale:} URLs (see {@link ShaleUrl}). Registered with {@link
 * DriverManager} when loaded, and through {@code META-INF/services/java.sql.Driver}.
 */
public final class ShaleDriver implements Driver {

  public static final String VERSION = readVersion();

  static {
    try {
      DriverManager.registerDriver(new ShaleDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null; // JDBC: another driver's URL
    }
    if (RemoteUrl.isRemote(url)) {
      return RemoteConnector.connect(RemoteUrl.parse(url, info));
    }
    ShaleUrl parsed = ShaleUrl.parse(url, info);
    DirectWarmup.startOnce(); // beside this connect: see DirectWarmup
    if (parsed.autoServer()) {
      return autoServer(parsed, url, info);
    }
    Options options = options(parsed);
    KvDatabase database;
    try {
      database =
          parsed.memoryName() != null
              ? KvDatabase.openInMemory(parsed.memoryName(), options)
              : KvDatabase.openDirectory(parsed.directory(), options);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
    try {
      return new ShaleConnection(
          ShaleSql.connect(database, parsed.sync(), parsed.transactionMaxBytes()),
          url,
          parsed.slowStatementMillis(),
          parsed.directPath(),
          null);
    } catch (SQLException | RuntimeException | Error e) {
      database.release();
      throw SqlErrors.translate(e);
    }
  }

  private static Options options(ShaleUrl parsed) {
    return Options.defaults()
        .withSync(parsed.sync())
        .withLockTimeout(parsed.lockTimeout())
        .withMaxValueBytes(parsed.maxValueBytes());
  }

  /**
   * Automatic mixed mode: the server's classes are reached from here only, so an embedded user's
   * start-up loads none of them.
   */
  private static Connection autoServer(ShaleUrl parsed, String url, Properties info)
      throws SQLException {
    String user = info == null ? null : info.getProperty("user");
    return dev.shale.jdbc.server.AutoServer.connect(
        parsed.directory(),
        parsed.lockTimeout(),
        url,
        user,
        parsed.transactionMaxBytes(),
        () -> openServed(parsed, url));
  }

  /**
   * This process's connection of an autoServer directory, with one try of its lock (null if another
   * process holds it); this process then serves the directory while the connection is open.
   */
  private static Connection openServed(ShaleUrl parsed, String url) throws SQLException {
    KvDatabase database;
    try {
      database =
          KvDatabase.openDirectory(
              parsed.directory(), options(parsed).withLockTimeout(Duration.ZERO));
    } catch (DbException e) {
      if (e.kind() == DbException.Kind.LOCKED) {
        return null;
      }
      throw SqlErrors.translate(e);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
    Runnable release = null;
    try {
      Path real = Path.of(database.location());
      release = dev.shale.jdbc.server.AutoServer.serve(real, parsed.servedUrl(real));
      return new ShaleConnection(
          ShaleSql.connect(database, parsed.sync(), parsed.transactionMaxBytes()),
          url,
          parsed.slowStatementMillis(),
          parsed.directPath(),
          release);
    } catch (SQLException | RuntimeException | Error e) {
      database.release();
      if (release != null) {
        release.run();
      }
      throw SqlErrors.translate(e);
    }
  }

  /**
   * The directory of an embedded on-disk URL ({@code jdbc:shale:<dir>[;…]}), or null for an
   * in-memory or remote one.
   */
  public static Path directoryOf(String url) throws SQLException {
    if (!ShaleUrl.accepts(url) || RemoteUrl.isRemote(url)) {
      return null;
    }
    return ShaleUrl.parse(url, null).directory();
  }

  @Override
  public boolean acceptsURL(String url) {
    return ShaleUrl.accepts(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return RemoteUrl.isRemote(url) ? RemoteUrl.propertyInfo() : ShaleUrl.propertyInfo();
  }

  @Override
  public int getMajorVersion() {
    return versionPart(0);
  }

  @Override
  public int getMinorVersion() {
    return versionPart(1);
  }

  @Override
  public boolean jdbcCompliant() {
    return false; // not full SQL-92 entry level: one table, no DDL
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Shale logs through SLF4J, not java.util.logging");
  }

  static int versionPart(int index) {
    String[] parts = VERSION.split("[.-]");
    try {
      return index < parts.length ? Integer.parseInt(parts[index]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String readVersion() {
    try (InputStream in = ShaleDriver.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "0.0.0");
    } catch (IOException e) {
      return "0.0.0";
    }
  }
}
