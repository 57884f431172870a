package dev.shale.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Options;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCacheTest {

  @Test
  void stringLiteralsInComparisonsListsAndValuesBecomeParameters() {
    PlanCache.Template t =
        PlanCache.template(
            SqlTokens.of(
                "SELECT * FROM kv WHERE key = 'a''b' AND key IN ('c', 'd') OR key BETWEEN 'e' AND 'f'"));
    assertEquals(
        "SELECT * FROM kv WHERE key = ? AND key IN (?, ?) OR key BETWEEN ? AND ?", t.sql());
    assertEquals(List.of("a'b", "c", "d", "e", "f"), t.literals());
    t = PlanCache.template(SqlTokens.of("INSERT INTO kv VALUES ('k', 'v'), ('k2', NULL)"));
    assertEquals("INSERT INTO kv VALUES (?, ?), (?, NULL)", t.sql());
  }

  @Test
  void literalsThatShapeThePlanStay() {
    assertNull(PlanCache.template(SqlTokens.of("SELECT * FROM kv WHERE key LIKE 'a%'")));
    assertNull(PlanCache.template(SqlTokens.of("SELECT * FROM kv WHERE key = ? OR key = 'a'")));
    assertNull(
        PlanCache.template(SqlTokens.of("EXPLAIN PLAN FOR SELECT * FROM kv WHERE key = 'a'")));
    assertNull(PlanCache.template(SqlTokens.of("SELECT * FROM kv WHERE key = \"a\"")));
    PlanCache.Template t =
        PlanCache.template(SqlTokens.of("SELECT 'x' || value FROM kv -- 'c'\nWHERE key = 'k'"));
    assertEquals("SELECT 'x' || value FROM kv -- 'c'\nWHERE key = ?", t.sql());
  }

  @Test
  void statementsDifferingInLiteralsShareOnePlanAndReadTheirOwnLiterals() throws SQLException {
    KvDatabase database = KvDatabase.openInMemory("plan-cache", Options.defaults());
    try (Connection connection = ShaleSql.connect(database, false);
        Statement s = connection.createStatement()) {
      PlanCache cache = ShaleSql.table(connection).planCache;
      for (int i = 0; i < 20; i++) {
        assertEquals(1, s.executeUpdate("INSERT INTO kv VALUES ('k" + i + "', 'v" + i + "')"));
      }
      int afterInserts = cache.size();
      for (int i = 0; i < 20; i++) {
        // not a point select (those skip the planner and the cache): a range of one key
        try (ResultSet rs =
            s.executeQuery(
                "SELECT value FROM kv WHERE key >= 'k" + i + "' AND key <= 'k" + i + "'")) {
          rs.next();
          assertEquals("v" + i, rs.getString(1));
        }
      }
      assertEquals(afterInserts + 1, cache.size());
      // A template that needs its literals: prepared with them, each text cached on its own.
      for (String prefix : List.of("a", "b")) {
        try (ResultSet rs =
            s.executeQuery("SELECT '" + prefix + "' || value FROM kv WHERE key = 'k3'")) {
          rs.next();
          assertEquals(prefix + "v3", rs.getString(1));
        }
      }
    } finally {
      database.release();
    }
  }

  @Test
  void closedConnectionsLeaveTheirPlansBehind() throws Exception {
    KvDatabase database = KvDatabase.openInMemory("plan-cache-release", Options.defaults());
    try {
      int before = ShaleSql.reachableTables();
      for (int i = 0; i < 30; i++) {
        try (Connection connection = ShaleSql.connect(database, false);
            Statement s = connection.createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv WHERE key > 'k" + i + "'")) {
          rs.next();
        }
      }
      int after = Integer.MAX_VALUE;
      // up to 10 s: the planner warm-up of the JVM's first connection may still hold one
      for (int attempt = 0; attempt < 200 && after > before; attempt++) {
        System.gc();
        Thread.sleep(50);
        after = ShaleSql.reachableTables();
      }
      assertTrue(after <= before, "tables (and plan caches) of closed connections: " + after);
    } finally {
      database.release();
    }
  }
}
