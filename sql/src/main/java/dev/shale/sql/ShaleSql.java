package dev.shale.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * The entry point of the SQL layer: a Calcite connection whose default schema holds the one table
 * {@code kv} over a {@link KvDatabase}.
 */
public final class ShaleSql {

  static {
    // SQL text is Java text: let literals hold any character. Must be set before Calcite reads
    // its system properties (on first use of its classes); an explicit setting wins.
    if (System.getProperty("calcite.default.charset") == null) {
      System.setProperty("calcite.default.charset", "UTF-8");
      System.setProperty("calcite.default.nationalcharset", "UTF-8");
      System.setProperty("calcite.default.collation.name", "UTF-8$en_US");
    }
  }

  /** Calcite's driver, preparing statements with the kv rules; never registered. */
  private static final class CalciteDriver extends org.apache.calcite.jdbc.Driver {
    CalciteDriver() {
      super(ShalePrepare::new);
    }
  }

  private static final CalciteDriver CALCITE = new CalciteDriver();

  /** The kv table of each open connection, for {@link #batchInsert}. */
  private static final Map<Connection, KvTable> TABLES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private ShaleSql() {}

  /**
   * The fast path of executeBatch for {@code sql} prepared on {@code connection} (one that {@link
   * #connect} made), or null when the statement is not a plain {@code INSERT|UPSERT INTO kv VALUES
   * (?, ?)}.
   */
  /** How many connections' tables are still reachable (for tests of what closing releases). */
  static int reachableTables() {
    synchronized (TABLES) {
      TABLES.size(); // expunges cleared entries
      return TABLES.size();
    }
  }

  /** The kv table of {@code connection} (one {@link #connect} made), or null. */
  static KvTable table(Connection connection) {
    return TABLES.get(connection);
  }

  public static BatchInsert batchInsert(Connection connection, String sql) {
    KvTable table = TABLES.get(connection);
    return table == null ? null : BatchInsert.of(table, sql);
  }

  /**
   * A new connection to {@code database}. Writes fsync the log before returning when {@code sync}
   * is set. The caller keeps its reference on {@code database} and releases it after closing the
   * connection.
   */
  public static Connection connect(KvDatabase database, boolean sync) throws SQLException {
    // No properties: Calcite parses them all again on each of its several config reads per
    // execution. The lexical settings (case-insensitive names, Babel's parser) are ShalePrepare's.
    Properties props = new Properties();
    Warmup.startOnce();
    Connection connection = CALCITE.connect("jdbc:calcite:", props);
    try {
      CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
      KvTable table = new KvTable(database, sync);
      calcite.getRootSchema().add(KvSchema.NAME, new KvSchema(table));
      TABLES.put(connection, table);
      calcite.setSchema(KvSchema.NAME);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }
}
