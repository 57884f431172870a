package dev.shale.sql;

import dev.shale.engine.Options;
import dev.shale.sql.session.Session;
import dev.shale.sql.store.KvDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calcite's planner takes about two seconds to load and warm up in a fresh JVM, and the first
 * statement that needs it pays for that. On the first connection of the JVM, a background thread
 * plans and runs a few typical statements against a private in-memory database, so that the
 * planner's classes, its generated metadata handlers and the code compiler are ready, or on their
 * way, when the application's first such statement comes. Point selects never need it.
 *
 * <p>Off with {@code -Dshale.warmup=false}.
 */
final class Warmup {

  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private static final String[] STATEMENTS = {
    "INSERT INTO kv VALUES ('a', '1'), ('b', NULL), ('c', '3')",
    "SELECT key, value FROM kv WHERE key >= 'a' ORDER BY key LIMIT 10",
    "SELECT key FROM kv WHERE key > 'a' AND value IS NOT NULL ORDER BY key DESC",
    "SELECT COUNT(*) FROM kv WHERE key BETWEEN 'a' AND 'z'",
    "UPDATE kv SET value = 'x' WHERE key IN ('a', 'b')",
    "DELETE FROM kv WHERE key LIKE 'c%'",
  };

  private Warmup() {}

  /** Starts the warm-up, once per JVM, unless turned off. Cheap once started: one read. */
  static void startOnce() {
    if (STARTED.get()
        || !STARTED.compareAndSet(false, true)
        || !Boolean.parseBoolean(System.getProperty("shale.warmup", "true"))) {
      return;
    }
    // A class, not Warmup::run: a method reference's class is spun the first time it is evaluated,
    // and this runs right after the JVM's first statement, on its thread.
    Thread thread =
        new Thread(
            new Runnable() {
              @Override
              public void run() {
                Warmup.run();
              }
            },
            "shale-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static void run() {
    long start = System.nanoTime();
    KvDatabase database =
        KvDatabase.openInMemory("shale-warmup-" + System.nanoTime(), Options.defaults());
    Session session;
    try {
      session = ShaleSql.connect(database, false);
    } catch (SQLException | RuntimeException e) {
      database.release();
      LOG.debug("Planner warm-up did not start: {}", e.toString());
      return;
    }
    try (session;
        Statement statement = session.connection().createStatement()) {
      Connection connection = session.connection();
      for (String sql : STATEMENTS) {
        if (statement.execute(sql)) {
          try (ResultSet rows = statement.getResultSet()) {
            while (rows.next()) {
              rows.getString(1);
            }
          }
        }
      }
      try (PreparedStatement range =
          connection.prepareStatement("SELECT value FROM kv WHERE key > ? ORDER BY key LIMIT ?")) {
        range.setString(1, "a");
        range.setInt(2, 5);
        try (ResultSet rows = range.executeQuery()) {
          while (rows.next()) {
            rows.getString(1);
          }
        }
      }
      LOG.debug("Planner warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("Planner warm-up stopped: {}", e.toString());
    }
  }
}
