package dev.shale.sql;

import dev.shale.sql.adapter.KvSchema;
import dev.shale.sql.adapter.KvTable;
import dev.shale.sql.front.BatchShape;
import dev.shale.sql.front.FrontDoor;
import dev.shale.sql.session.BatchInsert;
import dev.shale.sql.session.Session;
import dev.shale.sql.store.KvDatabase;
import dev.shale.sql.sys.SysSchema;
import dev.shale.sql.sys.SysTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * The entry point of the SQL layer: a {@link Session} over a {@link KvDatabase}, whose connection
 * is Calcite's with the one table {@code kv} in its default schema and the {@link FrontDoor}
 * preparing its statements.
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

  /** Calcite's driver, preparing statements through the front door; never registered. */
  private static final class CalciteDriver extends org.apache.calcite.jdbc.Driver {
    CalciteDriver() {
      super(FrontDoor::new);
    }
  }

  private static final CalciteDriver CALCITE = new CalciteDriver();

  private ShaleSql() {}

  /**
   * A new session on {@code database}. Writes fsync the log before returning when {@code sync} is
   * set. The session takes over the caller's reference on {@code database} and gives it back when
   * closed; if this throws, the caller keeps it.
   */
  public static Session connect(KvDatabase database, boolean sync) throws SQLException {
    return connect(database, sync, Session.DEFAULT_TRANSACTION_MAX_BYTES);
  }

  /** As above, with transactions holding up to {@code transactionMaxBytes} of writes. */
  public static Session connect(KvDatabase database, boolean sync, long transactionMaxBytes)
      throws SQLException {
    return new Session(database, sync, transactionMaxBytes, ShaleSql::open);
  }

  private static Connection open(Session session) throws SQLException {
    // No properties: Calcite parses them all again on each of its several config reads per
    // execution. The lexical settings (case-insensitive names, Babel's parser) are KvPrepare's.
    Connection connection = CALCITE.connect("jdbc:calcite:", new Properties());
    try {
      CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
      calcite.getRootSchema().add(KvSchema.NAME, new KvSchema(new KvTable(session)));
      calcite.getRootSchema().add(SysTables.SCHEMA, new SysSchema(session));
      calcite.setSchema(KvSchema.NAME);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Tells the SQL layer that a statement has run: the first time in this JVM, the planner's
   * background warm-up starts (see {@link Warmup}), after that first statement rather than beside
   * it, since most first statements never need the planner (the direct executor runs them).
   */
  public static void statementRan() {
    Warmup.startOnce();
  }

  /**
   * The one-write executeBatch of {@code sql} on {@code session}, or null when the statement is not
   * a plain {@code INSERT|UPSERT INTO kv [(key, value) | (value, key)] VALUES (?, ?)}.
   */
  public static BatchInsert batchInsert(Session session, String sql) {
    return BatchShape.batchInsert(session, sql);
  }
}
