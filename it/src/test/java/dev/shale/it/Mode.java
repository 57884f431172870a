package dev.shale.it;

import dev.shale.jdbc.server.ServerConfig;
import dev.shale.jdbc.server.ShaleServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;

/**
 * How a test reaches its database: {@link #EMBEDDED} opens it in this JVM ({@link #PLANNED} too,
 * with every statement planned by Calcite, so the direct executor is checked against it), {@link
 * #REMOTE} through a {@link ShaleServer} started in this JVM over the same database and stopped
 * after the test ({@link BothModes}). A test asks for a URL by name; the same name in one test
 * gives the same database (and, remotely, the same server), so two connections of a test see each
 * other's writes.
 */
enum Mode {
  EMBEDDED,
  /** Embedded, with the direct executor off ({@code directPath=false}): every statement planned. */
  PLANNED,
  REMOTE;

  private static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime());

  /** The servers and databases of the test running on this thread, by name. */
  private static final ThreadLocal<Map<String, Database>> OPEN =
      ThreadLocal.withInitial(LinkedHashMap::new);

  /** One database of a test: its embedded URL, and its server when remote. */
  private record Database(String embedded, ShaleServer server) {}

  /**
   * The URL of the database {@code name} of this test (a fresh in-memory one the first time), with
   * {@code settings} ({@code ;k=v...}) that the database is opened with.
   */
  String url(String name, String settings) {
    Database db = database(name, settings);
    return db.server == null ? db.embedded : db.server.jdbcUrl();
  }

  String url(String name) {
    return url(name, "");
  }

  /** The same database's URL as this JVM opens it, bypassing any server (for checks beside). */
  String embeddedUrl(String name) {
    return database(name, "").embedded;
  }

  /** Skips the remote run of a test that holds only embedded, saying why. */
  void onlyEmbedded(String reason) {
    Assumptions.assumeTrue(this != REMOTE, "embedded only: " + reason);
  }

  private Database database(String name, String settings) {
    return OPEN.get()
        .computeIfAbsent(
            name,
            n -> {
              String embedded =
                  "jdbc:shale:mem:"
                      + n
                      + "-"
                      + UNIQUE.incrementAndGet()
                      + settings
                      + (this == PLANNED ? ";directPath=false" : "");
              if (this != REMOTE) {
                return new Database(embedded, null);
              }
              try {
                return new Database(
                    embedded, ShaleServer.start(ServerConfig.loopback(embedded, 0)));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  /** Stops the servers this thread's test started. */
  static void closeAll() {
    Map<String, Database> open = OPEN.get();
    for (Database db : open.values()) {
      if (db.server != null) {
        db.server.close();
      }
    }
    open.clear();
  }
}
