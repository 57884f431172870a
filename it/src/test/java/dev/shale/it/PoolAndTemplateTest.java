package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** HikariCP in front of Shale, and Spring's JdbcTemplate over the pool. */
class PoolAndTemplateTest {

  static HikariDataSource pool(Mode mode, String name, String testQuery) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(mode.url(name));
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(10_000);
    if (testQuery != null) {
      config.setConnectionTestQuery(testQuery);
    }
    return new HikariDataSource(config);
  }

  @BothModes
  void hikariValidatesByIsValidOrByAQueryAndServesConcurrentReadersAndWriters(Mode mode)
      throws Exception {
    try (HikariDataSource byIsValid = pool(mode, "hikari", null);
        HikariDataSource byQuery = pool(mode, "hikari", "SELECT 1")) {
      try (Connection c = byQuery.getConnection()) {
        assertTrue(c.isValid(1));
        assertTrue(c.getAutoCommit());
      }
      int threads = 8;
      int perThread = 50;
      ExecutorService executor = Executors.newFixedThreadPool(threads);
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        HikariDataSource source = t % 2 == 0 ? byIsValid : byQuery;
        done.add(
            executor.submit(
                () -> {
                  JdbcTemplate jdbc = new JdbcTemplate(source);
                  int seen = 0;
                  for (int i = 0; i < perThread; i++) {
                    String key = String.format("t%02d-%03d", thread, i);
                    jdbc.update("INSERT INTO kv VALUES (?, ?)", key, "v" + i);
                    seen +=
                        jdbc.queryForObject(
                            "SELECT COUNT(*) FROM kv WHERE key LIKE ?",
                            Integer.class,
                            String.format("t%02d-%%", thread));
                  }
                  return seen;
                }));
      }
      for (Future<Integer> f : done) {
        // Each thread sees its own rows: 1 + 2 + ... + perThread.
        assertEquals(perThread * (perThread + 1) / 2, f.get(60, TimeUnit.SECONDS));
      }
      executor.shutdown();
      assertEquals(
          threads * perThread,
          new JdbcTemplate(byIsValid).queryForObject("SELECT COUNT(*) FROM kv", Integer.class));
      assertTrue(byIsValid.getHikariPoolMXBean().getTotalConnections() <= 4);
    }
  }

  @BothModes
  void jdbcTemplateQueriesUpdatesAndBatchesAndTranslatesADuplicateKey(Mode mode) {
    try (HikariDataSource source = pool(mode, "spring", null)) {
      JdbcTemplate jdbc = new JdbcTemplate(source);
      int[][] counts =
          jdbc.batchUpdate(
              "INSERT INTO kv (key, value) VALUES (?, ?)",
              List.of(new Object[] {"a", "1"}, new Object[] {"b", "2"}, new Object[] {"c", null}),
              2,
              (ps, row) -> {
                ps.setString(1, (String) row[0]);
                ps.setString(2, (String) row[1]);
              });
      assertEquals(2, counts.length);
      assertArrayEquals(new int[] {1, 1}, counts[0]);
      assertArrayEquals(new int[] {1}, counts[1]);
      assertEquals(1, jdbc.update("UPDATE kv SET value = ? WHERE key = ?", "3", "c"));
      assertEquals(0, jdbc.update("DELETE FROM kv WHERE key = ?", "zz"));
      assertEquals(
          List.of("a=1", "b=2", "c=3"),
          jdbc.query(
              "SELECT key, value FROM kv ORDER BY key",
              (rs, n) -> rs.getString("key") + "=" + rs.getString("value")));
      assertEquals(
          "2", jdbc.queryForObject("SELECT value FROM kv WHERE key = ?", String.class, "b"));
      org.junit.jupiter.api.Assertions.assertThrows(
          DataIntegrityViolationException.class,
          () -> jdbc.update("INSERT INTO kv VALUES ('a', 'x')"));
    }
  }
}
