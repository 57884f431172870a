package dev.shale.sql.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.sql.direct.DirectPair.Case;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every shape the direct executor takes, with literals and with parameters and at their edges,
 * gives exactly what the planned path (Calcite) gives: parameters, columns, rows, update counts,
 * failures (phase, SQLState, message), and the table afterwards. Queries run on one pair of
 * databases; each write on a fresh pair.
 */
class DirectDifferentialTest {

  private static final String LONG_KEY = "k".repeat(17); // over the pair's 16-byte key limit
  private static final String LONG_VALUE = "v".repeat(25); // over its 24-byte value limit

  static List<Case> queries() {
    List<Case> c = new ArrayList<>();
    // columns and labels
    for (String sql :
        List.of(
            "SELECT * FROM kv",
            "select * from KV",
            "select KEY from kv",
            "select \"key\", VALUE from \"kv\"",
            "SELECT \"KEY\", \"Value\" FROM kv",
            "SELECT value, key, value FROM kv",
            "SELECT /* a comment */ * FROM kv -- and another",
            "SELECT *\nFROM kv\tWHERE\r\nkey = 'a'",
            "SELECT * FROM kv;",
            "SELECT * FROM kv ; ",
            "SELECT * FROM kv; -- done")) {
      c.add(Case.of(sql));
    }
    // comparisons with literals
    for (String key : List.of("a", "a ", "it''s", "é", "\uD83D\uDE00", "missing", "", "zz", "b")) {
      for (String op : List.of("=", "<", "<=", ">", ">=")) {
        c.add(Case.of("SELECT * FROM kv WHERE key " + op + " '" + key + "'"));
      }
    }
    c.add(Case.of("SELECT * FROM kv WHERE key<='b'"));
    c.add(Case.of("SELECT * FROM kv WHERE key>='b'"));
    c.add(Case.of("SELECT * FROM kv WHERE KEY='b'"));
    c.add(Case.of("SELECT * FROM kv WHERE \"key\" = 'b'"));
    for (String op : List.of("=", "<", "<=", ">", ">=")) {
      c.add(Case.of("SELECT * FROM kv WHERE key " + op + " NULL"));
      for (Object key : new Object[] {"a", "a ", null, "", "\uD83D\uDE00", "k\u0000", "k", "zzz"}) {
        c.add(Case.of("SELECT key, value FROM kv WHERE key " + op + " ?", key));
      }
    }
    // BETWEEN
    c.add(Case.of("SELECT * FROM kv WHERE key BETWEEN 'a' AND 'b'"));
    c.add(Case.of("SELECT * FROM kv WHERE key BETWEEN 'b' AND 'a'"));
    c.add(Case.of("SELECT * FROM kv WHERE key BETWEEN 'a' AND 'a'"));
    c.add(Case.of("SELECT * FROM kv WHERE key BETWEEN NULL AND 'c'"));
    c.add(Case.of("SELECT * FROM kv WHERE key BETWEEN 'a' AND NULL"));
    for (Object[] p :
        new Object[][] {{"a", "c"}, {"c", "a"}, {"a", "a"}, {null, "c"}, {"a", null}, {"", "zz"}}) {
      c.add(Case.of("SELECT * FROM kv WHERE key BETWEEN ? AND ?", p));
    }
    // IN
    c.add(Case.of("SELECT * FROM kv WHERE key IN ('a')"));
    c.add(Case.of("SELECT * FROM kv WHERE key IN ('b', 'a', 'b', 'missing')"));
    c.add(Case.of("SELECT * FROM kv WHERE key IN ('a', NULL)"));
    c.add(Case.of("SELECT * FROM kv WHERE key IN (NULL)"));
    c.add(Case.of("SELECT * FROM kv WHERE key IN (NULL, NULL)"));
    c.add(Case.of("SELECT * FROM kv WHERE key IN ('abc', 'a', 'ab', 'a ')"));
    c.add(Case.of("SELECT * FROM kv WHERE key IN (?, ?, ?)", "c", null, "c"));
    c.add(Case.of("SELECT * FROM kv WHERE key IN (?, 'a', NULL)", "zz"));
    c.add(Case.of("SELECT * FROM kv WHERE key IN (?)", (Object) null));
    // conjunctions, empty ranges
    c.add(Case.of("SELECT * FROM kv WHERE key > 'a' AND key < 'c'"));
    c.add(Case.of("SELECT * FROM kv WHERE key >= 'b' AND key <= 'b'"));
    c.add(Case.of("SELECT * FROM kv WHERE key = 'a' AND key = 'b'"));
    c.add(Case.of("SELECT * FROM kv WHERE key = 'a' AND key = 'a'"));
    c.add(Case.of("SELECT * FROM kv WHERE key > 'z' AND key < 'a'"));
    c.add(Case.of("SELECT * FROM kv WHERE key > 'a' AND key < 'a'"));
    c.add(Case.of("SELECT * FROM kv WHERE key >= 'a' AND key < 'a'"));
    c.add(Case.of("SELECT * FROM kv WHERE key > 'a' AND key IN ('a', 'ab', 'z', NULL)"));
    c.add(Case.of("SELECT * FROM kv WHERE key BETWEEN 'a' AND 'c' AND key IN ('b', 'd')"));
    c.add(Case.of("SELECT * FROM kv WHERE key BETWEEN 'a' AND 'c' AND key BETWEEN 'b' AND 'z'"));
    c.add(Case.of("SELECT * FROM kv WHERE key > NULL AND key < 'b'"));
    for (Object[] p :
        new Object[][] {{"a", "d"}, {"d", "a"}, {null, "d"}, {"a", "a\u0000"}, {"k", "k\u0000"}}) {
      c.add(Case.of("SELECT * FROM kv WHERE key > ? AND key < ?", p));
      c.add(Case.of("SELECT * FROM kv WHERE key >= ? AND key <= ? ORDER BY key DESC", p));
    }
    // order
    c.add(Case.of("SELECT * FROM kv ORDER BY key"));
    c.add(Case.of("SELECT * FROM kv ORDER BY key ASC"));
    c.add(Case.of("SELECT * FROM kv ORDER BY key DESC"));
    c.add(Case.of("SELECT value FROM kv ORDER BY \"key\" desc"));
    c.add(Case.of("SELECT value, key, VALUE FROM kv ORDER BY key desc"));
    c.add(Case.of("SELECT * FROM kv WHERE key > 'a' ORDER BY key DESC"));
    c.add(Case.of("SELECT * FROM kv WHERE key IN ('a', 'c', 'b') ORDER BY key DESC"));
    c.add(Case.of("SELECT * FROM kv WHERE key IN ('a', 'c', 'b') ORDER BY key"));
    c.add(Case.of("SELECT * FROM kv WHERE key = 'a' ORDER BY key DESC"));
    c.add(Case.of("SELECT * FROM kv WHERE key < 'b' ORDER BY key DESC"));
    // LIMIT and OFFSET
    for (String tail :
        List.of(
            "LIMIT 0",
            "LIMIT 1",
            "LIMIT 3 OFFSET 2",
            "OFFSET 2",
            "OFFSET 100",
            "LIMIT 2 OFFSET 100",
            "OFFSET 1 ROWS",
            "OFFSET 1 ROW",
            "LIMIT 1 OFFSET 1 ROWS",
            "LIMIT 007",
            "LIMIT 2147483648",
            "LIMIT 999999999999999999",
            "ORDER BY key DESC LIMIT 2 OFFSET 1",
            "ORDER BY key LIMIT 2")) {
      c.add(Case.of("SELECT * FROM kv " + tail));
      c.add(Case.of("SELECT key FROM kv WHERE key >= 'b' " + tail));
      c.add(Case.of("SELECT value FROM kv WHERE key IN ('a', 'b', 'c', 'zz') " + tail));
    }
    for (Object n : new Object[] {2L, 0L, 1, null, -1L, "2", "x", Long.MAX_VALUE}) {
      c.add(Case.of("SELECT * FROM kv LIMIT ?", n));
      c.add(Case.of("SELECT * FROM kv OFFSET ?", n));
      c.add(Case.of("SELECT * FROM kv ORDER BY key DESC LIMIT 1 OFFSET ?", n));
    }
    for (Object[] p :
        new Object[][] {{1L, 2L}, {-1L, -1L}, {null, -1L}, {-1L, null}, {3L, 0L}, {0L, 0L}}) {
      c.add(Case.of("SELECT * FROM kv LIMIT ? OFFSET ?", p));
    }
    for (String empty :
        List.of(
            "key = NULL",
            "key IN (NULL)",
            "key BETWEEN 'b' AND 'a'",
            "key > 'z' AND key < 'a'",
            "key > 'z' AND key < 'a' AND key = 'b'",
            "key > 'a' AND key < 'a\u0000'")) {
      c.add(Case.of("SELECT * FROM kv WHERE " + empty + " ORDER BY key DESC LIMIT 2 OFFSET 1"));
      c.add(Case.of("SELECT key FROM kv WHERE " + empty + " OFFSET 3"));
      c.add(Case.of("SELECT COUNT(*) FROM kv WHERE " + empty));
    }
    c.add(Case.of("SELECT * FROM kv WHERE key > ? AND key < ? LIMIT ?", "z", "a", 2L));
    c.add(Case.of("SELECT * FROM kv WHERE key IN (?, ?) LIMIT ? OFFSET ?", "a", null, 2L, 0L));
    c.add(Case.of("SELECT * FROM kv WHERE key >= ? LIMIT ? OFFSET ?", "b", 3L, 1L));
    c.add(Case.of("SELECT * FROM kv WHERE key = ? LIMIT ? OFFSET ?", "a", 3L, 0L));
    c.add(
        Case.of(
            "SELECT * FROM kv WHERE key BETWEEN ? AND ? ORDER BY key DESC LIMIT ?", "a", "e", 2L));
    // maxRows
    c.add(new Case("SELECT * FROM kv", 3));
    c.add(new Case("SELECT * FROM kv LIMIT 5", 2));
    c.add(new Case("SELECT * FROM kv LIMIT 1", 3));
    c.add(new Case("SELECT * FROM kv ORDER BY key DESC OFFSET 2", 2));
    c.add(new Case("SELECT key FROM kv WHERE key > 'b' LIMIT 5 OFFSET 1", 2));
    c.add(new Case("SELECT COUNT(*) FROM kv", 1));
    // COUNT(*)
    for (String where :
        List.of(
            "",
            " WHERE key > 'b'",
            " WHERE key IN ('a', 'a', 'zz', NULL)",
            " WHERE key BETWEEN 'b' AND 'a'",
            " WHERE key = NULL",
            " WHERE key >= 'a' AND key < 'b'")) {
      c.add(Case.of("SELECT COUNT(*) FROM kv" + where));
    }
    c.add(Case.of("select count(*) from kv"));
    c.add(Case.of("SELECT COUNT (*) FROM kv"));
    c.add(Case.of("SELECT COUNT( * ) FROM kv;"));
    c.add(Case.of("SELECT COUNT(*) FROM kv WHERE key = ?", "a"));
    c.add(Case.of("SELECT COUNT(*) FROM kv WHERE key = ?", (Object) null));
    c.add(Case.of("SELECT COUNT(*) FROM kv WHERE key IN (?, ?)", "a", "b"));
    c.add(Case.of("SELECT COUNT(*) FROM kv WHERE key > ? AND key <= ?", "a", "e"));
    return c;
  }

  static List<Case> writes() {
    List<Case> c = new ArrayList<>();
    // INSERT
    for (String sql :
        List.of(
            "INSERT INTO kv VALUES ('n', 'v')",
            "insert into KV values ('n', NULL)",
            "INSERT INTO kv (key, value) VALUES ('n', 'v');",
            "INSERT INTO kv (value, key) VALUES ('v', 'n')",
            "INSERT INTO kv (\"value\", \"key\") VALUES (NULL, 'n')",
            "INSERT INTO kv VALUES ('n1', 'v'), ('n22', 'a longer value'), ('n', '')",
            "INSERT INTO kv VALUES ('n''q', 'it''s'), ('ü', '\uD83D\uDE01')",
            "INSERT INTO kv VALUES ('n', '1'), ('n', '2')",
            "INSERT INTO kv VALUES ('a', 'v')",
            "INSERT INTO kv VALUES ('n', 'v'), ('b', 'v')",
            "INSERT INTO kv VALUES ('', 'v')",
            "INSERT INTO kv VALUES ('" + LONG_KEY + "', 'v')",
            "INSERT INTO kv VALUES ('n', '" + LONG_VALUE + "')",
            "INSERT INTO kv VALUES ('a ', 'v')")) {
      c.add(Case.of(sql));
    }
    for (Object[] p :
        new Object[][] {
          {"n", "v"},
          {"n", null},
          {null, "v"},
          {"a", "v"},
          {"", "v"},
          {LONG_KEY, "v"},
          {"n", LONG_VALUE},
          {"k\u0000", "v"},
          {"k\u0000\u0000", "v"}
        }) {
      c.add(Case.of("INSERT INTO kv VALUES (?, ?)", p));
      c.add(Case.of("INSERT INTO kv (value, key) VALUES (?, ?)", p[1], p[0]));
      c.add(Case.of("UPSERT INTO kv VALUES (?, ?)", p));
    }
    c.add(Case.of("INSERT INTO kv VALUES (?, ?), (?, ?)", "n", "1", "n", "2"));
    c.add(Case.of("INSERT INTO kv VALUES (?, ?), (?, ?)", "n", "1", "m", "2"));
    c.add(Case.of("INSERT INTO kv VALUES (?, NULL), ('m', ?)", "n", "2"));
    c.add(Case.of("INSERT INTO kv VALUES (?, 'v'), (?, 'w')", "n", null));
    // UPSERT
    for (String sql :
        List.of(
            "UPSERT INTO kv VALUES ('a', 'new')",
            "upsert into kv values ('n', '1'), ('n', '2')",
            "UPSERT INTO kv (value, key) VALUES ('v', 'a'), (NULL, 'b')",
            "UPSERT INTO kv VALUES ('" + LONG_KEY + "', 'v')",
            "UPSERT INTO kv VALUES ('', 'v')")) {
      c.add(Case.of(sql));
    }
    // UPDATE
    for (String sql :
        List.of(
            "UPDATE kv SET value = 'u'",
            "UPDATE kv SET value = NULL WHERE key = 'a'",
            "update KV set \"value\" = 'u' where key > 'zzz'",
            "UPDATE kv SET value = 'u' WHERE key IN ('a', 'b', 'nope', NULL)",
            "UPDATE kv SET value = 'u' WHERE key BETWEEN 'b' AND 'a'",
            "UPDATE kv SET value = 'u' WHERE key = NULL",
            "UPDATE kv SET value = '" + LONG_VALUE + "' WHERE key = 'a'",
            "UPDATE kv SET value = '" + LONG_VALUE + "' WHERE key = 'nope'",
            "UPDATE kv SET value = 'it''s' WHERE key >= 'b' AND key < 'e'")) {
      c.add(Case.of(sql));
    }
    for (Object[] p :
        new Object[][] {{"u", "a"}, {"u", null}, {null, "a"}, {"u", "nope"}, {LONG_VALUE, "b"}}) {
      c.add(Case.of("UPDATE kv SET value = ? WHERE key = ?", p));
    }
    c.add(Case.of("UPDATE kv SET value = ? WHERE key >= ? AND key < ?", "u", "a", "c"));
    c.add(Case.of("UPDATE kv SET value = ?", (Object) null));
    // DELETE
    for (String sql :
        List.of(
            "DELETE FROM kv",
            "delete from KV;",
            "DELETE FROM kv WHERE key = 'a'",
            "DELETE FROM kv WHERE key = 'nope'",
            "DELETE FROM kv WHERE key = NULL",
            "DELETE FROM kv WHERE key > 'b'",
            "DELETE FROM kv WHERE key BETWEEN 'a' AND 'c'",
            "DELETE FROM kv WHERE key BETWEEN 'c' AND 'a'",
            "DELETE FROM kv WHERE key IN ('a', 'a', 'b', NULL, 'nope')",
            "DELETE FROM kv WHERE key > 'a' AND key < 'e' AND key IN ('b', 'z')")) {
      c.add(Case.of(sql));
    }
    for (Object key : new Object[] {"a", null, "nope", "k\u0000"}) {
      c.add(Case.of("DELETE FROM kv WHERE key = ?", key));
      c.add(Case.of("DELETE FROM kv WHERE key < ?", key));
    }
    c.add(Case.of("DELETE FROM kv WHERE key BETWEEN ? AND ?", "b", "e"));
    return c;
  }

  @Test
  void everyQueryShapeGivesWhatThePlannedPathGives() throws SQLException {
    List<Case> cases = queries();
    try (DirectPair pair = new DirectPair()) {
      for (Case c : cases) {
        pair.run(c);
      }
    }
    assertTrue(cases.size() > 200, "cases: " + cases.size());
  }

  @Test
  void everyWriteShapeGivesWhatThePlannedPathGivesOnAFreshDatabase() throws SQLException {
    for (Case c : writes()) {
      try (DirectPair pair = new DirectPair()) {
        pair.run(c);
      }
    }
  }

  @Test
  void aReadOnlyConnectionRefusesEveryDirectWriteAsThePlannedPathDoes() throws SQLException {
    try (DirectPair pair = new DirectPair()) {
      pair.direct.setReadOnly(true);
      pair.planned.setReadOnly(true);
      for (Case c : writes()) {
        List<String> out = pair.run(c);
        assertTrue(out.get(out.size() - 1).contains("25006"), c + ": " + out);
      }
      pair.run(Case.of("SELECT * FROM kv WHERE key > 'b'"));
    }
  }

  @Test
  void writesInATransactionAreSeenByItsReadsAndGoneAfterRollback() throws SQLException {
    try (DirectPair pair = new DirectPair()) {
      pair.direct.setAutoCommit(false);
      pair.planned.setAutoCommit(false);
      List<Case> steps =
          List.of(
              Case.of("INSERT INTO kv VALUES ('n', 'v'), ('o', NULL)"),
              Case.of("SELECT * FROM kv WHERE key >= 'n' ORDER BY key DESC"),
              Case.of("UPDATE kv SET value = ? WHERE key IN ('n', 'a')", "t"),
              Case.of("SELECT COUNT(*) FROM kv WHERE key BETWEEN 'a' AND 'o'"),
              Case.of("DELETE FROM kv WHERE key < ?", "b"),
              Case.of("SELECT * FROM kv LIMIT 3"),
              Case.of("INSERT INTO kv VALUES (?, ?)", "n", "again"),
              Case.of("UPSERT INTO kv VALUES (?, ?)", "n", "again"),
              Case.of("SELECT value FROM kv WHERE key = 'n'"));
      for (Case c : steps) {
        pair.run(c);
      }
      pair.direct.rollback();
      pair.planned.rollback();
      assertEquals(DirectPair.contents(pair.planned), DirectPair.contents(pair.direct));
      assertEquals(DirectPair.ROWS.length, DirectPair.contents(pair.direct).size());
    }
  }
}
