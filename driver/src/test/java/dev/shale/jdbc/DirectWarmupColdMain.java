package dev.shale.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The child JVM of {@link DirectWarmupTest}: connects to a new database on disk, waits for the
 * direct path's warm-up, then runs each common statement shape once, prepared and ad hoc, printing
 * {@link #CONNECTED} before the first and {@link #DONE} (with the rows it counted) after the last.
 */
public final class DirectWarmupColdMain {

  static final String CONNECTED = "WARMUP-CONNECTED ";
  static final String DONE = "WARMUP-DONE ";

  private DirectWarmupColdMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("shale-warmup");
    try (Connection c = DriverManager.getConnection("jdbc:shale:" + dir)) {
      boolean warmed = DirectWarmup.awaitDone(60_000);
      System.out.println(CONNECTED + warmed);
      int rows = 0;
      rows += update(c, "INSERT INTO kv VALUES (?, ?)", "a", "1");
      rows += update(c, "UPSERT INTO kv VALUES (?, ?)", "b", "2");
      rows += query(c, "SELECT key, value FROM kv WHERE key = ?", "a");
      rows +=
          query(c, "SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key LIMIT 10");
      rows += update(c, "UPDATE kv SET value = ? WHERE key = ?", "x", "a");
      rows += update(c, "UPDATE kv SET value = ? WHERE key >= ? AND key < ?", "y", "a", "c");
      rows += query(c, "SELECT COUNT(*) FROM kv WHERE key >= ? AND key < ?", "a", "c");
      rows += update(c, "DELETE FROM kv WHERE key = ?", "a");
      rows += update(c, "DELETE FROM kv WHERE key >= ? AND key < ?", "a", "c");
      try (Statement s = c.createStatement()) {
        rows += s.executeUpdate("INSERT INTO kv VALUES ('c', '3')");
        try (ResultSet r = s.executeQuery("SELECT key, value FROM kv WHERE key = 'c'")) {
          while (r.next()) {
            rows += r.getString(2).length();
          }
        }
      }
      System.out.println(DONE + rows);
    }
  }

  private static int update(Connection c, String sql, String... parameters) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, parameters);
      return p.executeUpdate();
    }
  }

  private static int query(Connection c, String sql, String... parameters) throws SQLException {
    String[] bound = parameters.length > 0 ? parameters : new String[] {"a", "c"};
    int n = 0;
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, bound);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          n += r.getString(1) == null ? 0 : 1;
        }
      }
    }
    return n;
  }

  private static void bind(PreparedStatement p, String... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      p.setString(i + 1, parameters[i]);
    }
  }
}
