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

  /**
   * The classes the common shapes load on their first run after a connect, in that order (as a
   * fresh JVM logs them: {@code DirectWarmupTest}). Loaded first, by name, because they need no
   * database: so their loading runs while the connect opens the application's database, rather than
   * after the warm-up's own in-memory database is open. The statements below then load what this
   * list misses. A name that no longer exists is skipped ({@code DirectWarmupTest} fails on it).
   */
  static final String[] CLASSES = {
    "dev.shale.jdbc.StatementSettings",
    "dev.shale.jdbc.ShaleConnection$CalcitePrepared",
    "dev.shale.sql.direct.DirectStatement",
    "dev.shale.sql.direct.DirectRows",
    "dev.shale.sql.front.DirectShape",
    "dev.shale.sql.front.DirectParser",
    "dev.shale.sql.front.SqlTokens",
    "dev.shale.sql.front.SqlTokens$Kind",
    "dev.shale.sql.front.SqlTokens$Token",
    "dev.shale.sql.front.StatementLimits",
    "dev.shale.sql.front.StatementLimits$ListFrame",
    "dev.shale.sql.front.TokenCursor",
    "dev.shale.sql.front.DirectShape$Operand",
    "dev.shale.sql.front.DirectShape$Insert",
    "dev.shale.sql.front.DirectShape$Count",
    "dev.shale.sql.front.DirectShape$Select",
    "dev.shale.jdbc.ParameterSlots",
    "dev.shale.jdbc.ForwardingStatement",
    "dev.shale.jdbc.ShaleStatement",
    "dev.shale.jdbc.PreparedStatementSetters",
    "dev.shale.jdbc.ShalePreparedStatement",
    "dev.shale.jdbc.ShalePreparedStatement$2",
    "dev.shale.jdbc.SqlErrors",
    "dev.shale.sql.exec.StatementCancel",
    "dev.shale.sql.direct.DirectStatement$Bound",
    "dev.shale.sql.direct.DirectStatement$Rows",
    "dev.shale.sql.exec.KvWriter$1",
    "dev.shale.sql.store.EngineStore$Batch",
    "dev.shale.engine.WriteBatch",
    "dev.shale.engine.WriteBatch$Op",
    "dev.shale.sql.exec.ListRows",
    "dev.shale.sql.exec.KvEncoding",
    "dev.shale.engine.ReadTrace",
    "dev.shale.engine.coding.KeyHash",
    "dev.shale.engine.WriteBatch$Op$Type",
    "dev.shale.sql.session.Transaction$Pending",
    "dev.shale.engine.coding.Varint",
    "dev.shale.engine.db.BatchValidator$1",
    "dev.shale.engine.db.CommitQueue$Writer",
    "dev.shale.engine.db.WriteBatchCodec",
    "dev.shale.engine.coding.LittleEndian",
    "dev.shale.engine.db.WriteBatchCodec$1",
    "dev.shale.engine.keys.ValueType",
    "dev.shale.engine.memtable.MemTable$1",
    "dev.shale.engine.coding.KeyWords",
    "dev.shale.engine.db.CommitQueue$1",
    "dev.shale.sql.direct.DirectResult",
    "dev.shale.sql.Warmup",
    "dev.shale.sql.exec.KvWriter$2",
    "dev.shale.sql.adapter.KeyFilter$Endpoint",
    "dev.shale.sql.adapter.KeyFilter",
    "dev.shale.sql.adapter.KeyFilter$1",
    "dev.shale.sql.adapter.KeyFilter$Leaf",
    "dev.shale.sql.adapter.KeyFilter$Ranges",
    "dev.shale.sql.direct.DirectColumn",
    "dev.shale.jdbc.ShalePreparedStatement$1",
    "dev.shale.sql.direct.DirectStatement$Read",
    "dev.shale.sql.exec.RangeCursor",
    "dev.shale.sql.direct.ReadRows",
    "dev.shale.sql.adapter.KeyRanges",
    "dev.shale.sql.exec.KeyRead",
    "dev.shale.sql.exec.ByteRange",
    "dev.shale.jdbc.DirectResultSetMetaData",
    "dev.shale.jdbc.DirectResultSetMetaData$Column",
    "dev.shale.jdbc.ForwardOnlyResultSet",
    "dev.shale.jdbc.ResultSetLabels",
    "dev.shale.jdbc.DirectResultSet",
    "dev.shale.jdbc.DirectResultSet$Position",
    "dev.shale.sql.adapter.RowCount",
    "dev.shale.sql.store.EngineStore$Cursor",
    "dev.shale.engine.keys.MergingIterator",
    "dev.shale.engine.db.ReadPath$Release",
    "dev.shale.engine.db.SnapshotIterator",
    "dev.shale.engine.db.RangeTombstoneSet",
    "dev.shale.engine.db.SnapshotIterator$Direction",
    "dev.shale.sql.front.DirectShape$Update",
    "dev.shale.sql.direct.DirectStatement$Updated",
    "dev.shale.sql.exec.KvWriter$3",
    "dev.shale.sql.direct.DirectStatement$WithValue",
    "dev.shale.sql.direct.CountRow",
    "dev.shale.sql.front.DirectShape$Delete",
    "dev.shale.sql.exec.KvWriter$4",
    "dev.shale.jdbc.ShaleConnection$CalciteStatement",
    "dev.shale.jdbc.ShaleStatement$DirectOutcome",
  };

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
    ClassLoader loader = DirectWarmup.class.getClassLoader();
    for (String name : CLASSES) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        LOG.debug("Direct path warm-up skips {}: {}", name, e.toString());
      }
    }
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
