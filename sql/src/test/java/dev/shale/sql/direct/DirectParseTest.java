package dev.shale.sql.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which statements the direct executor takes: exactly the common shapes, written in full; anything
 * else, however close (and any text Calcite would refuse), is left to Calcite (parse gives null).
 */
class DirectParseTest {

  private static final List<String> LEFT_TO_CALCITE =
      List.of(
          // expressions, aliases, other columns and tables
          "SELECT key || 'x' FROM kv",
          "SELECT UPPER(key) FROM kv",
          "SELECT 1 FROM kv",
          "SELECT key AS k FROM kv",
          "SELECT key k FROM kv",
          "SELECT kv.key FROM kv",
          "SELECT *, key FROM kv",
          "SELECT k FROM kv",
          "SELECT `key` FROM kv",
          "SELECT * FROM other",
          "SELECT * FROM shale.kv",
          "SELECT * FROM kv t",
          "SELECT * FROM kv WHERE value = 'a'",
          "SELECT * FROM kv WHERE value IS NULL",
          "SELECT * FROM kv WHERE key IS NULL",
          "SELECT * FROM kv WHERE 'a' = key",
          "SELECT * FROM kv WHERE (key = 'a')",
          "SELECT * FROM kv WHERE key = ('a')",
          // OR, NOT, other operators
          "SELECT * FROM kv WHERE key = 'a' OR key = 'b'",
          "SELECT * FROM kv WHERE NOT key = 'a'",
          "SELECT * FROM kv WHERE key NOT IN ('a')",
          "SELECT * FROM kv WHERE key NOT BETWEEN 'a' AND 'b'",
          "SELECT * FROM kv WHERE key BETWEEN SYMMETRIC 'a' AND 'b'",
          "SELECT * FROM kv WHERE key <> 'a'",
          "SELECT * FROM kv WHERE key != 'a'",
          "SELECT * FROM kv WHERE key LIKE 'a%'",
          "SELECT * FROM kv WHERE key < = 'a'",
          "SELECT * FROM kv WHERE key = = 'a'",
          "SELECT * FROM kv WHERE key IN ()",
          "SELECT * FROM kv WHERE key IN ('a',)",
          "SELECT * FROM kv WHERE key IN (SELECT key FROM kv)",
          "SELECT * FROM kv WHERE key = 'a' AND value = 'b'",
          "SELECT * FROM kv WHERE key = 'a' AND",
          "SELECT * FROM kv WHERE",
          // functions and aggregates
          "SELECT COUNT(key) FROM kv",
          "SELECT COUNT(1) FROM kv",
          "SELECT MAX(key) FROM kv",
          "SELECT COUNT(*), COUNT(*) FROM kv",
          "SELECT COUNT(*) FROM kv LIMIT 1",
          "SELECT COUNT(*) FROM kv OFFSET 1",
          "SELECT COUNT(*) FROM kv ORDER BY key",
          "SELECT COUNT(*) AS n FROM kv",
          "SELECT key, COUNT(*) FROM kv GROUP BY key",
          // joins, subqueries, set operations
          "SELECT * FROM kv, kv",
          "SELECT * FROM kv JOIN kv ON TRUE",
          "SELECT * FROM (SELECT * FROM kv)",
          "SELECT * FROM kv UNION SELECT * FROM kv",
          // numbers and literal forms
          "SELECT * FROM kv WHERE key = 1",
          "SELECT * FROM kv WHERE key = 1.5",
          "SELECT * FROM kv WHERE key = TRUE",
          "SELECT * FROM kv WHERE key = N'x'",
          "SELECT * FROM kv WHERE key = X'61'",
          "SELECT * FROM kv WHERE key = U&'a'",
          "SELECT * FROM kv WHERE key = E'a'",
          "SELECT * FROM kv WHERE key = _UTF8'a'",
          "SELECT * FROM kv WHERE key = 'a' 'b'",
          "SELECT * FROM kv WHERE key = 'a'\n'b'",
          "SELECT * FROM kv WHERE key = :k",
          "SELECT * FROM kv LIMIT 1.5",
          "SELECT * FROM kv LIMIT 1e2",
          "SELECT * FROM kv LIMIT -1",
          "SELECT * FROM kv LIMIT +1",
          "SELECT * FROM kv LIMIT 99999999999999999999",
          "SELECT * FROM kv LIMIT 9223372036854775808",
          "SELECT * FROM kv LIMIT ALL",
          "SELECT * FROM kv LIMIT NULL",
          "SELECT * FROM kv LIMIT 'a'",
          // clause order and forms Calcite's conformance refuses or we do not take
          "SELECT * FROM kv OFFSET 1 LIMIT 2",
          "SELECT * FROM kv LIMIT 1, 2",
          "SELECT * FROM kv LIMIT 1 LIMIT 2",
          "SELECT * FROM kv FETCH FIRST 1 ROWS ONLY",
          "SELECT * FROM kv OFFSET 1 ROWS ROWS",
          "SELECT * FROM kv ORDER BY value",
          "SELECT * FROM kv ORDER BY key NULLS FIRST",
          "SELECT * FROM kv ORDER BY 1",
          "SELECT * FROM kv ORDER BY key, value",
          "SELECT * FROM kv ORDER BY key DESC DESC",
          "SELECT key, KEY FROM kv ORDER BY key",
          "SELECT key, value, \"key\" FROM kv WHERE key > 'a' ORDER BY key DESC",
          "SELECT * FROM kv LIMIT 1 ORDER BY key",
          // LIMIT or OFFSET parameters under a WHERE clause Calcite may fold to FALSE
          "SELECT * FROM kv WHERE key = NULL LIMIT ?",
          "SELECT * FROM kv WHERE key IN ('a', NULL) OFFSET ?",
          "SELECT * FROM kv WHERE key BETWEEN 'b' AND 'a' AND key < ? LIMIT ?",
          "SELECT * FROM kv WHERE key > 'z' AND key = ? AND key < 'a' LIMIT 1 OFFSET ?",
          "SELECT * FROM kv WHERE key IN ('x', 'y') AND key BETWEEN ? AND 'b' LIMIT ?",
          "SELECT * FROM kv WHERE key BETWEEN 'c' AND ? AND key = 'b' LIMIT ?",
          "SELECT * FROM kv LIMIT 0 OFFSET ?",
          "SELECT * FROM kv WHERE key = 'a' ORDER key",
          // trailing garbage, several statements, unterminated text, hints
          "SELECT * FROM kv x y",
          "SELECT * FROM kv;;",
          "SELECT * FROM kv; SELECT * FROM kv",
          "SELECT * FROM kv WHERE key = 'a",
          "SELECT * FROM \"kv",
          "SELECT * FROM kv /* open",
          "SELECT * FROM kv WHERE key = 'a' /* open",
          "SELECT /*+ index(kv) */ * FROM kv",
          "SELECT * FROM kv WHERE key = 'a')",
          // INSERT and UPSERT
          "INSERT INTO kv (key) VALUES ('a')",
          "INSERT INTO kv VALUES ('a')",
          "INSERT INTO kv VALUES ('a', 'b', 'c')",
          "INSERT INTO kv VALUES (NULL, 'v')",
          "INSERT INTO kv VALUES ('a', 'v'), (NULL, 'w')",
          "INSERT INTO kv (value, key) VALUES ('v', NULL)",
          "UPSERT INTO kv VALUES (NULL, 'v')",
          "INSERT INTO kv (key, key) VALUES ('a', 'b')",
          "INSERT INTO kv (key, value, key) VALUES ('a', 'b', 'c')",
          "INSERT INTO kv SELECT * FROM kv",
          "INSERT INTO kv VALUES ('a', 1)",
          "INSERT INTO kv VALUES ('a', 'b'),",
          "INSERT INTO kv VALUES ('a', 'b') ('c', 'd')",
          "INSERT INTO kv VALUES (('a'), 'b')",
          "INSERT kv VALUES ('a', 'b')",
          "INSERT INTO other VALUES ('a', 'b')",
          "UPSERT kv VALUES ('a', 'b')",
          // UPDATE
          "UPDATE kv SET key = 'a'",
          "UPDATE kv SET value = value",
          "UPDATE kv SET value = 'a', value = 'b'",
          "UPDATE kv SET value = 'a' WHERE value = 'b'",
          "UPDATE kv SET value = 'x' WHERE key = 'a' OR key = 'b'",
          "UPDATE kv SET value = 1",
          "UPDATE kv t SET value = 'a'",
          "UPDATE kv SET value = 'a' WHERE",
          // DELETE
          "DELETE kv",
          "DELETE FROM kv WHERE value IS NULL",
          "DELETE FROM kv WHERE key IS NULL",
          "DELETE FROM kv WHERE key = 'a' LIMIT 1",
          // other statements and no statement
          "EXPLAIN PLAN FOR SELECT * FROM kv",
          "CALL shale.compact()",
          "MERGE INTO kv USING kv ON TRUE WHEN MATCHED THEN DELETE",
          "",
          " ",
          ";",
          "-- only a comment");

  private static final List<String> TAKEN =
      List.of(
          "SELECT * FROM kv",
          "select value, KEY from \"KV\" where \"key\" = 'it''s';",
          "SELECT key FROM kv WHERE key>='a' AND key<'b' AND key IN ('a', ?, NULL)",
          "SELECT * FROM kv WHERE key BETWEEN ? AND ? ORDER BY key DESC LIMIT ? OFFSET ? ROWS",
          "SELECT COUNT(*) FROM kv WHERE key = NULL",
          "INSERT INTO kv VALUES (?, ?)",
          "UPSERT INTO kv (value, key) VALUES (NULL, 'k'), (?, ?)",
          "UPDATE kv SET value = ? WHERE key = ?",
          "DELETE FROM kv -- all of it");

  @Test
  void everythingButTheCommonShapesIsLeftToCalcite() {
    List<String> taken = new ArrayList<>();
    for (String sql : LEFT_TO_CALCITE) {
      if (DirectStatement.parse(sql) != null) {
        taken.add(sql);
      }
    }
    assertEquals(List.of(), taken);
    assertNull(DirectStatement.parse(null));
  }

  @Test
  void theCommonShapesAreTaken() {
    for (String sql : TAKEN) {
      assertNotNull(DirectStatement.parse(sql), sql);
    }
    for (var c : DirectDifferentialTest.queries()) {
      assertNotNull(DirectStatement.parse(c.sql()), c.sql());
    }
    for (var c : DirectDifferentialTest.writes()) {
      assertNotNull(DirectStatement.parse(c.sql()), c.sql());
    }
  }

  @Test
  void aStatementOverTheComplexityLimitsIsLeftToCalciteWhichRefusesIt() {
    StringBuilder sql = new StringBuilder("SELECT * FROM kv WHERE key > 'a'");
    for (int i = 0; i < 300; i++) {
      sql.append(" AND key < 'z'");
    }
    assertNull(DirectStatement.parse(sql.toString()));
    StringBuilder in = new StringBuilder("SELECT * FROM kv WHERE key IN ('k0'");
    for (int i = 1; i < 5000; i++) {
      in.append(", 'k").append(i).append('\'');
    }
    assertNotNull(DirectStatement.parse(in.append(')').toString()), "a long IN list on key");
  }

  @Test
  void parametersColumnsAndKindAreThoseOfTheStatement() {
    DirectStatement s =
        DirectStatement.parse(
            "SELECT value, KEY FROM kv WHERE key IN (?, 'a') AND key < ? LIMIT ? OFFSET ?");
    assertEquals(4, s.parameterCount());
    assertEquals(
        List.of(Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.INTEGER),
        List.of(s.parameterType(0), s.parameterType(1), s.parameterType(2), s.parameterType(3)));
    assertTrue(s.isQuery());
    assertEquals(
        List.of(
            new DirectColumn("value", "value", Types.VARCHAR, true),
            new DirectColumn("KEY", "key", Types.VARCHAR, false)),
        s.columns());
    DirectStatement count = DirectStatement.parse("select count(*) from kv");
    assertEquals(
        List.of(new DirectColumn("EXPR$0", "EXPR$0", Types.BIGINT, false)), count.columns());
    DirectStatement update = DirectStatement.parse("UPDATE kv SET value = ? WHERE key = ?");
    assertFalse(update.isQuery());
    assertEquals(List.of(), update.columns());
    assertEquals(2, update.parameterCount());
    assertEquals(0, DirectStatement.parse("DELETE FROM kv").parameterCount());
  }
}
