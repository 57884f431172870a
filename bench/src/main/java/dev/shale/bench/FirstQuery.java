package dev.shale.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The child JVM of the first-query measurement: connects to one database, runs one ad-hoc point
 * select, and prints how long each took, on one line {@link FirstQueryProbe} reads.
 *
 * <p>Usage: {@code FirstQuery <shale|h2|sqlite> <url> <key>}
 */
public final class FirstQuery {

  static final String PREFIX = "first-query";

  private FirstQuery() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: FirstQuery <shale|h2|sqlite> <url> <key>");
    }
    JdbcTarget target = JdbcTarget.fromOption(args[0]);
    long start = System.nanoTime();
    try (Connection connection = target.connect(args[1])) {
      long connected = System.nanoTime();
      String value;
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(JdbcWorkload.pointQuery(args[2]))) {
        value = rows.next() ? rows.getString(1) : null;
      }
      long answered = System.nanoTime();
      if (value == null) {
        throw new IllegalStateException("key " + args[2] + " not found in " + args[1]);
      }
      System.out.println(
          PREFIX + " connect_ns=" + (connected - start) + " query_ns=" + (answered - connected));
    }
  }
}
