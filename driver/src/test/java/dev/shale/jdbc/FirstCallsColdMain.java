package dev.shale.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh JVM's first calls through each of the connection's statement factories and its
 * transaction methods, every statement one the direct executor runs; {@link FirstCallsLambdaTest}
 * logs the classes this loads between {@link #CONNECTED} and {@link #DONE}.
 */
public final class FirstCallsColdMain {

  static final String CONNECTED = "FIRST-CALLS-CONNECTED";
  static final String DONE = "FIRST-CALLS-DONE ";

  private FirstCallsColdMain() {}

  public static void main(String[] args) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:shale:mem:first-calls")) {
      System.out.println(CONNECTED);
      int rows = 0;
      String insert = "INSERT INTO kv (key, value) VALUES (?, ?)";
      String select = "SELECT value FROM kv WHERE key = ?";
      try (Statement s = c.createStatement()) {
        rows += s.executeUpdate("INSERT INTO kv (key, value) VALUES ('a', '1')");
      }
      try (Statement s =
          c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        rows += count(s.executeQuery("SELECT value FROM kv WHERE key = 'a'"));
      }
      try (Statement s =
          c.createStatement(
              ResultSet.TYPE_FORWARD_ONLY,
              ResultSet.CONCUR_READ_ONLY,
              ResultSet.HOLD_CURSORS_OVER_COMMIT)) {
        rows += count(s.executeQuery("SELECT value FROM kv WHERE key = 'a'"));
      }
      try (PreparedStatement p = c.prepareStatement(insert, Statement.NO_GENERATED_KEYS)) {
        p.setString(1, "b");
        p.setString(2, "2");
        rows += p.executeUpdate();
      }
      try (PreparedStatement p =
          c.prepareStatement(select, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        p.setString(1, "b");
        rows += count(p.executeQuery());
      }
      try (PreparedStatement p =
          c.prepareStatement(
              select,
              ResultSet.TYPE_FORWARD_ONLY,
              ResultSet.CONCUR_READ_ONLY,
              ResultSet.HOLD_CURSORS_OVER_COMMIT)) {
        p.setString(1, "b");
        rows += count(p.executeQuery());
      }
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement(insert)) {
        p.setString(1, "c");
        p.setString(2, "3");
        rows += p.executeUpdate();
      }
      c.commit();
      try (PreparedStatement p = c.prepareStatement(insert)) {
        p.setString(1, "d");
        p.setString(2, "4");
        rows += p.executeUpdate();
      }
      c.rollback();
      c.setAutoCommit(true);
      System.out.println(DONE + rows);
    }
  }

  private static int count(ResultSet rs) throws SQLException {
    int n = 0;
    try (rs) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }
}
