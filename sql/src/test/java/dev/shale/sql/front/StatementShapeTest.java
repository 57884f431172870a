package dev.shale.sql.front;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the front door recognises in a statement's text, before any parsing. */
class StatementShapeTest {

  @Test
  void pointSelectsAreRecognisedWithTheirColumnsAndKey() {
    StatementShape s = StatementShape.of("select VALUE, \"key\" from KV where KEY = 'it''s';");
    assertNotNull(s.point());
    assertEquals(List.of(1, 0), s.point().fields());
    assertEquals(List.of("VALUE", "key"), s.point().labels());
    assertEquals("it's", s.point().key().literal());
    assertTrue(StatementShape.of("SELECT * FROM kv WHERE key = ?").point().key().isParameter());
    for (String other :
        List.of(
            "SELECT * FROM kv WHERE key = 'a' AND 1 = 1",
            "SELECT k FROM kv WHERE key = 'a'",
            "SELECT * FROM kv WHERE value = 'a'",
            "SELECT * FROM kv WHERE key = 1",
            "SELECT * FROM kv WHERE key =",
            "EXPLAIN PLAN FOR SELECT * FROM kv WHERE key = 'a'")) {
      assertNull(StatementShape.of(other).point(), other);
    }
  }

  @Test
  void batchInsertsAreRecognisedWithTheKeysPosition() {
    assertArrayEquals(new int[] {0, 0}, BatchShape.shape("INSERT INTO kv VALUES (?, ?)"));
    assertArrayEquals(
        new int[] {0, 0}, BatchShape.shape("insert into KV (key, value) values (?,?);"));
    assertArrayEquals(
        new int[] {1, 1}, BatchShape.shape("UPSERT INTO kv (value, key) VALUES (?, ?)"));
    for (String other :
        List.of(
            "INSERT INTO kv VALUES (?, 'v')",
            "INSERT INTO kv VALUES (?, ?), (?, ?)",
            "INSERT INTO kv (key) VALUES (?)",
            "INSERT INTO kv (key, key) VALUES (?, ?)",
            "INSERT INTO other VALUES (?, ?)")) {
      assertNull(BatchShape.shape(other), other);
    }
  }

  @Test
  void theParserGetsInsertForUpsertAndAQuotedValueAfterAParenthesis() {
    StatementShape s = StatementShape.of("UPSERT INTO kv (value, key) VALUES ('b', 'a')");
    assertTrue(s.upsert());
    assertEquals("INSERT INTO kv (\"value\", key) VALUES ('b', 'a')", s.sql());
    StatementShape where = StatementShape.of("SELECT * FROM kv WHERE (value = 'x')");
    assertFalse(where.upsert());
    assertEquals("SELECT * FROM kv WHERE (\"value\" = 'x')", where.sql());
    assertNull(where.point());
    assertEquals("SELECT * FROM kv WHERE (\"value\" = ?)", where.template().sql());
  }
}
