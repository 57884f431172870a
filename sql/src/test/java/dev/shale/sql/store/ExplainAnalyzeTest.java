package dev.shale.sql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.sql.ShaleSql;
import dev.shale.sql.session.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EXPLAIN ANALYZE over flushed and compacted tables: what each statement really read. */
class ExplainAnalyzeTest {

  private static final Pattern LEVEL =
      Pattern.compile(
          "L(\\d): (\\d+) tables? consulted, (\\d+) lookups, bloom filter: (\\d+) useful, (\\d+)"
              + " false positive; blocks: (\\d+) from cache, (\\d+) from file \\((\\d+) bytes\\)");

  private KvDatabase database;
  private Session session;
  private Connection c;

  @BeforeEach
  void open() throws SQLException {
    database = KvDatabase.openInMemory("analyze-" + System.nanoTime(), SysTablesTest.tiny());
    session = ShaleSql.connect(database, false);
    c = session.connection();
    try (PreparedStatement p = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (int i = 0; i < 4000; i += 2) { // even keys: odd ones are missing
        p.setString(1, String.format("k%06d", i));
        p.setString(2, "value-" + i);
        p.executeUpdate();
      }
    }
    database.engine().flush();
  }

  @AfterEach
  void close() throws SQLException {
    session.close();
  }

  private List<String> analyze(String sql) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN ANALYZE " + sql)) {
      assertEquals("PLAN", rs.getMetaData().getColumnLabel(1));
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return lines;
  }

  /** Sums of the level lines: {tables, lookups, useful, false positive, cache, file, bytes}. */
  private static long[] levels(List<String> lines) {
    long[] sum = new long[7];
    for (String line : lines) {
      Matcher m = LEVEL.matcher(line);
      if (m.matches()) {
        for (int i = 0; i < 7; i++) {
          sum[i] += Long.parseLong(m.group(i + 2));
        }
      }
    }
    return sum;
  }

  @Test
  void theBloomFilterAnswersForAMissingKeyOfAFlushedTable() throws SQLException {
    List<String> lines = analyze("SELECT * FROM kv WHERE key = 'k001001'");
    String all = String.join("\n", lines);
    assertTrue(all.contains("rows returned: 0"), all);
    assertTrue(all.contains("get 'k001001'"), all);
    assertTrue(all.contains("nothing (absent) 1"), all);
    long[] l = levels(lines);
    assertTrue(l[0] >= 1, "a table was consulted: " + all);
    assertEquals(l[1], l[2] + l[3], "every lookup's filter said no or was wrong: " + all);
    assertTrue(l[2] >= 1, "a bloom filter said no: " + all);
  }

  @Test
  void aRangeReadTouchesOnlyTheBlocksOfItsRangeAndASecondRunHitsTheCache() throws SQLException {
    String narrowSql = "SELECT * FROM kv WHERE key BETWEEN 'k001000' AND 'k001010'";
    List<String> narrow = analyze(narrowSql);
    List<String> wide = analyze("SELECT * FROM kv WHERE key BETWEEN 'k001000' AND 'k003000'");
    String all = String.join("\n", narrow);
    assertTrue(all.contains("KvTableScan"), "the plan comes first: " + all);
    assertTrue(all.contains("rows returned: 6"), all);
    assertTrue(all.contains("scan ['k001000', 'k001010']"), all);
    long narrowBlocks = levels(narrow)[4] + levels(narrow)[5];
    long wideBlocks = levels(wide)[4] + levels(wide)[5];
    assertTrue(narrowBlocks >= 1 && narrowBlocks <= 6, all);
    assertTrue(wideBlocks > 10 * narrowBlocks, narrowBlocks + " vs " + wideBlocks);
    List<String> again = analyze(narrowSql);
    long[] second = levels(again);
    assertEquals(0, second[5], "no block from a file: " + again);
    assertEquals(narrowBlocks, second[4], "every block from the cache: " + again);
  }

  @Test
  void aPreparedStatementShowsItsBoundKey() throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("EXPLAIN ANALYZE SELECT * FROM kv WHERE key = ?")) {
      p.setString(1, "k000010");
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
      String all = String.join("\n", lines);
      assertTrue(all.contains("rows returned: 1"), all);
      assertTrue(all.contains("get 'k000010'"), all);
      assertTrue(all.contains("gets (1 found)"), all);
    }
  }

  @Test
  void writesRunAndCountTheirRows() throws SQLException {
    String all = String.join("\n", analyze("INSERT INTO kv VALUES ('new', 'v')"));
    assertTrue(all.contains("rows changed: 1"), all);
    assertTrue(all.contains("its writes are applied"), all);
    all =
        String.join(
            "\n", analyze("UPDATE kv SET value = 'w' WHERE key BETWEEN 'k000000' AND 'k000009'"));
    assertTrue(all.contains("rows changed: 5"), all);
    all = String.join("\n", analyze("UPSERT INTO kv VALUES ('new', 'u')"));
    assertTrue(all.contains("rows changed: 1"), all);
    all = String.join("\n", analyze("DELETE FROM kv WHERE key = 'k000002'"));
    assertTrue(all.contains("rows changed: 1"), all);
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT key, value FROM kv WHERE key IN ('new', 'k000002', 'k000004') ORDER BY key")) {
      assertTrue(rs.next());
      assertEquals("k000004", rs.getString(1));
      assertEquals("w", rs.getString(2));
      assertTrue(rs.next());
      assertEquals("u", rs.getString(2));
      assertTrue(!rs.next());
    }
  }
}
