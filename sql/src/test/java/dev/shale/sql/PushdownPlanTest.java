package dev.shale.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Options;
import dev.shale.sql.session.Session;
import dev.shale.sql.store.KvDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the planner makes of predicates, order and limits, read from EXPLAIN PLAN: the translator
 * table {@code key-ranges.txt} (predicate to key ranges and residual filter) and the plans of
 * {@code plans.txt}.
 */
class PushdownPlanTest {

  private static Session session;
  private static Connection connection;

  @BeforeAll
  static void open() throws SQLException {
    KvDatabase database = KvDatabase.openInMemory("pushdown-plans", Options.defaults());
    session = ShaleSql.connect(database, false);
    connection = session.connection();
  }

  @AfterAll
  static void close() throws SQLException {
    session.close();
  }

  @Test
  void predicatesBecomeKeyRanges() throws Exception {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (String line : lines("/key-ranges.txt")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int arrow = line.indexOf("=>");
      String predicate = line.substring(0, arrow).strip();
      String expected = line.substring(arrow + 2).strip();
      String actual = ranges(explain("SELECT * FROM kv WHERE " + predicate));
      cases++;
      if (!expected.equals(actual)) {
        failures.add(predicate + "\n    expected: " + expected + "\n    actual:   " + actual);
      }
    }
    assertTrue(cases > 40, "cases read: " + cases);
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  @Test
  void plansPushOrderLimitAndRanges() throws Exception {
    List<String> block = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int cases = 0;
    List<String> all = new ArrayList<>(lines("/plans.txt"));
    all.add("");
    for (String line : all) {
      if (line.startsWith("#")) {
        continue;
      }
      if (!line.isBlank()) {
        block.add(line);
        continue;
      }
      if (block.isEmpty()) {
        continue;
      }
      String sql = block.get(0);
      String expected = String.join("\n", block.subList(1, block.size()));
      String actual = explain(sql).strip();
      cases++;
      if (!expected.equals(actual)) {
        failures.add(sql + "\n  expected:\n" + expected + "\n  actual:\n" + actual);
      }
      block.clear();
    }
    assertTrue(cases > 10, "cases read: " + cases);
    assertEquals(List.of(), failures, String.join("\n\n", failures));
  }

  /** The ranges of the plan's scan as the table writes them, "+ filter" if a filter remains. */
  private static String ranges(String plan) {
    String scan = null;
    boolean filter = false;
    for (String line : plan.split("\n")) {
      if (line.contains("KvTableScan(")) {
        scan = line.strip();
      } else if (line.contains("$condition") || line.contains("Filter")) {
        filter = true;
      }
    }
    if (scan == null) {
      return "none: " + plan.strip();
    }
    int at = scan.indexOf("ranges=[");
    String ranges = at < 0 ? "all" : scan.substring(at + 8, scan.length() - 2);
    return filter ? ranges + " + filter" : ranges;
  }

  private static String explain(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      return plan.toString();
    }
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = PushdownPlanTest.class.getResourceAsStream(resource)) {
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
    }
  }
}
