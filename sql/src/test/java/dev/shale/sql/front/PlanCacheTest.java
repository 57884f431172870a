package dev.shale.sql.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shale.engine.Options;
import dev.shale.sql.ShaleSql;
import dev.shale.sql.session.PlanCache;
import dev.shale.sql.session.Session;
import dev.shale.sql.session.StatementPath;
import dev.shale.sql.store.KvDatabase;
import java.lang.ref.WeakReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCacheTest {

  @Test
  void stringLiteralsInComparisonsListsAndValuesBecomeParameters() {
    PlanTemplate t =
        PlanTemplate.of(
            SqlTokens.of(
                "SELECT * FROM kv WHERE key = 'a''b' AND key IN ('c', 'd') OR key BETWEEN 'e' AND 'f'"));
    assertEquals(
        "SELECT * FROM kv WHERE key = ? AND key IN (?, ?) OR key BETWEEN ? AND ?", t.sql());
    assertEquals(List.of("a'b", "c", "d", "e", "f"), t.literals());
    t = PlanTemplate.of(SqlTokens.of("INSERT INTO kv VALUES ('k', 'v'), ('k2', NULL)"));
    assertEquals("INSERT INTO kv VALUES (?, ?), (?, NULL)", t.sql());
  }

  @Test
  void literalsThatShapeThePlanStay() {
    assertNull(PlanTemplate.of(SqlTokens.of("SELECT * FROM kv WHERE key LIKE 'a%'")));
    assertNull(PlanTemplate.of(SqlTokens.of("SELECT * FROM kv WHERE key = ? OR key = 'a'")));
    assertNull(PlanTemplate.of(SqlTokens.of("EXPLAIN PLAN FOR SELECT * FROM kv WHERE key = 'a'")));
    assertNull(PlanTemplate.of(SqlTokens.of("SELECT * FROM kv WHERE key = \"a\"")));
    PlanTemplate t =
        PlanTemplate.of(SqlTokens.of("SELECT 'x' || value FROM kv -- 'c'\nWHERE key = 'k'"));
    assertEquals("SELECT 'x' || value FROM kv -- 'c'\nWHERE key = ?", t.sql());
  }

  @Test
  void statementsDifferingInLiteralsShareOnePlanAndReadTheirOwnLiterals() throws SQLException {
    KvDatabase database = KvDatabase.openInMemory("plan-cache", Options.defaults());
    try (Session session = ShaleSql.connect(database, false);
        Statement s = session.connection().createStatement()) {
      PlanCache cache = session.planCache();
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
      assertEquals(
          2, session.count(StatementPath.PLANNED), "one plan for the inserts, one for the selects");
      assertEquals(38, session.count(StatementPath.CACHED_PLAN));
      // A template that needs its literals: prepared with them, each text cached on its own.
      for (String prefix : List.of("a", "b")) {
        try (ResultSet rs =
            s.executeQuery("SELECT '" + prefix + "' || value FROM kv WHERE key = 'k3'")) {
          rs.next();
          assertEquals(prefix + "v3", rs.getString(1));
        }
      }
    }
  }

  @Test
  void closedConnectionsLeaveTheirPlansBehind() throws Exception {
    KvDatabase database = KvDatabase.openInMemory("plan-cache-release", Options.defaults());
    try {
      List<WeakReference<Session>> closed = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        KvDatabase own = KvDatabase.openInMemory("plan-cache-release", Options.defaults());
        try (Session session = ShaleSql.connect(own, false);
            Statement s = session.connection().createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv WHERE key > 'k" + i + "'")) {
          rs.next();
          closed.add(new WeakReference<>(session));
        }
      }
      long reachable = Long.MAX_VALUE;
      for (int attempt = 0; attempt < 200 && reachable > 0; attempt++) {
        System.gc();
        Thread.sleep(50);
        reachable = closed.stream().filter(r -> r.get() != null).count();
      }
      assertEquals(
          0, reachable, "sessions (and plan caches) of closed connections still reachable");
    } finally {
      database.release();
    }
  }
}
