package dev.shale.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first statement of a fresh JVM pays for loading and linking the classes of its path (the
 * direct executor, the driver's statement and result set, the engine's commit and read paths):
 * about 60 classes and 6-10 ms before the JIT has run, where H2 has loaded its own while
 * connecting. So the JVM's first embedded connect starts, on a thread of its own, the common
 * statement shapes (insert, upsert, point and range select, update and delete by key and by range,
 * count; prepared and ad hoc) against a private in-memory database, while the connect itself opens
 * the application's database. With two cores or more the classes are loaded beside the connect
 * rather than after it; a first statement that comes before they are all loaded waits only for the
 * class it needs, never for the whole warm-up. Every statement here takes the direct path: the
 * planner's own warm-up ({@code dev.shale.sql.Warmup}) still starts only after the application's
 * first statement, and these do not count as one.
 *
 * <p>Off with {@code -Dshale.preload=false}.
 */
final class DirectWarmup {

  private static final Logger LOG = LoggerFactory.getLogger(DirectWarmup.class);
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final CountDownLatch DONE = new CountDownLatch(1);

  /** Prepared statements of the common shapes, each bound with two string parameters at most. */
  private static final String[] PREPARED = {
    "INSERT INTO kv VALUES (?, ?)",
    "UPSERT INTO kv VALUES (?, ?)",
    "INSERT INTO kv (key, value) VALUES (?, ?)",
    "SELECT key, value FROM kv WHERE key = ?",
    "SELECT value FROM kv WHERE key = ?",
    "SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key LIMIT 10",
    "UPDATE kv SET value = ? WHERE key = ?",
    "UPDATE kv SET value = ? WHERE key >= ? AND key < ?",
    "SELECT COUNT(*) FROM kv WHERE key >= ? AND key < ?",
    "DELETE FROM kv WHERE key = ?",
    "DELETE FROM kv WHERE key >= ? AND key < ?",
  };

  /** The same shapes ad hoc, literals in the text. */
  private static final String[] AD_HOC = {
    "INSERT INTO kv VALUES ('k3', 'v')",
    "SELECT key, value FROM kv WHERE key = 'k3'",
    "SELECT key, value FROM kv WHERE key >= 'k' ORDER BY key LIMIT 10",
    "UPDATE kv SET value = 'w' WHERE key = 'k3'",
    "SELECT COUNT(*) FROM kv",
    "DELETE FROM kv WHERE key = 'k3'",
  };

  private DirectWarmup() {}

  /** Starts the warm-up, once per JVM, unless turned off. Cheap once started: one read. */
  static void startOnce() {
    if (STARTED.get() || !STARTED.compareAndSet(false, true)) {
      return;
    }
    if (!Boolean.parseBoolean(System.getProperty("shale.preload", "true"))) {
      DONE.countDown();
      return;
    }
    // A class, not DirectWarmup::run: a method reference's class is spun on first evaluation.
    Thread thread =
        new Thread(
            new Runnable() {
              @Override
              public void run() {
                try {
                  DirectWarmup.run();
                } finally {
                  DONE.countDown();
                }
              }
            },
            "shale-preload");
    thread.setDaemon(true);
    thread.start();
  }

  /** For tests: waits until the warm-up has ended (or was never started); false on timeout. */
  static boolean awaitDone(long millis) throws InterruptedException {
    return STARTED.get() && DONE.await(millis, TimeUnit.MILLISECONDS);
  }

  private static void run() {
    long start = System.nanoTime();
    String url = "jdbc:shale:mem:shale-preload-" + start;
    try (Connection c = new ShaleDriver().connect(url, new Properties())) {
      ((ShaleConnection) c).markWarmup();
      for (int s = 0; s < PREPARED.length; s++) {
        String sql = PREPARED[s];
        try (PreparedStatement p = c.prepareStatement(sql)) {
          int n = p.getParameterMetaData().getParameterCount();
          for (int i = 1; i <= n; i++) {
            // Each INSERT a key of its own (k1-<s>, between k1 and k2); the rest k1, k2.
            p.setString(i, i == 1 && sql.startsWith("INSERT") ? "k1-" + s : "k" + i);
          }
          if (sql.startsWith("SELECT")) {
            drain(p.executeQuery());
          } else {
            p.executeUpdate();
          }
        }
      }
      try (Statement s = c.createStatement()) {
        for (String sql : AD_HOC) {
          if (sql.startsWith("SELECT")) {
            drain(s.executeQuery(sql));
          } else {
            s.executeUpdate(sql);
          }
        }
      }
      LOG.debug("Direct path warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("Direct path warm-up stopped: {}", e.toString());
    }
  }

  /** Reads every column of every row, as an application would. */
  private static void drain(ResultSet rows) throws SQLException {
    try (ResultSet r = rows) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        for (int i = 1; i <= columns; i++) {
          r.getString(i);
        }
      }
    }
  }
}
