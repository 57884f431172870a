package dev.shale.sql.direct;

import dev.shale.engine.Options;
import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.exec.StatementCancel;
import dev.shale.sql.session.Session;
import dev.shale.sql.session.StatementPath;
import dev.shale.sql.store.KvDatabase;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;

/**
 * Runs every direct shape once (its failures too) in a fresh JVM that never starts Calcite: a
 * session over an in-memory database whose connection is a stand-in, never used. {@link
 * DirectClassLoadingTest} runs it with class loading logged. Prints {@link #DONE} at the end.
 */
public final class DirectColdMain {

  static final String DONE = "direct statements done: ";

  private DirectColdMain() {}

  /** The statements, each with its parameters. */
  static final List<Object[]> STATEMENTS =
      List.of(
          new Object[] {"INSERT INTO kv VALUES ('a', 'x'), ('b', NULL), ('c', 'z')"},
          new Object[] {"UPSERT INTO kv (value, key) VALUES (?, ?)", "w", "d"},
          new Object[] {"INSERT INTO kv VALUES (?, ?)", "a", "dup"},
          new Object[] {"INSERT INTO kv VALUES (?, ?)", null, "no key"},
          new Object[] {"SELECT * FROM kv"},
          new Object[] {"SELECT value, KEY FROM kv WHERE key = ?", "a"},
          new Object[] {"SELECT key FROM kv WHERE key BETWEEN 'a' AND ? ORDER BY key DESC", "c"},
          new Object[] {"SELECT * FROM kv WHERE key IN ('a', ?) LIMIT ? OFFSET ?", "b", 1L, 0L},
          new Object[] {"SELECT * FROM kv LIMIT ?", (Object) null},
          new Object[] {"SELECT COUNT(*) FROM kv WHERE key > 'a' AND key <= ?", "c"},
          new Object[] {"UPDATE kv SET value = ? WHERE key >= ?", "u", "b"},
          new Object[] {"DELETE FROM kv WHERE key < ?", "b"},
          new Object[] {"DELETE FROM kv"});

  public static void main(String[] args) throws Exception {
    Connection unused =
        (Connection)
            Proxy.newProxyInstance(
                DirectColdMain.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, margs) -> null);
    KvDatabase database = KvDatabase.openInMemory("cold-" + System.nanoTime(), Options.defaults());
    int failures = 0;
    try (Session session = new Session(database, false, s -> unused)) {
      for (Object[] statement : STATEMENTS) {
        Object[] params = java.util.Arrays.copyOfRange(statement, 1, statement.length);
        DirectStatement direct = DirectStatement.parse((String) statement[0]);
        if (direct == null) {
          throw new AssertionError("not direct: " + statement[0]);
        }
        try {
          DirectResult result = direct.execute(session, params, StatementCancel.NONE, 0);
          if (result.rows() != null) {
            try (DirectRows rows = result.rows()) {
              while (rows.next()) {
                for (int i = 0; i < direct.columns().size(); i++) {
                  rows.get(i);
                }
              }
            }
          }
        } catch (ShaleSqlException e) {
          failures++;
        }
      }
      System.out.println(
          DONE + session.count(StatementPath.DIRECT) + " (" + failures + " failed as expected)");
    }
  }
}
