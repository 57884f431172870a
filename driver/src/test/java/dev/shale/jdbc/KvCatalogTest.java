package dev.shale.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KvCatalogTest {

  @Test
  void aNamePatternMatchesIgnoringCaseWithJdbcWildcardsAndEscape() {
    assertTrue(KvCatalog.matches(null, "kv"));
    assertTrue(KvCatalog.matches("KV", "kv"));
    assertTrue(KvCatalog.matches("kv", "kv"));
    assertTrue(KvCatalog.matches("%", "kv"));
    assertTrue(KvCatalog.matches("K_", "kv"));
    assertTrue(KvCatalog.matches("k%", "kv"));
    assertFalse(KvCatalog.matches("", "kv"));
    assertFalse(KvCatalog.matches("kv_", "kv"));
    assertFalse(KvCatalog.matches("k\\_", "kv"), "an escaped _ is itself");
    assertTrue(KvCatalog.matches("kv\\_pk", "kv_pk"));
    assertFalse(KvCatalog.matches("kv\\_pk", "kvxpk"));
    assertFalse(KvCatalog.matches("k.", "kv"), "regex characters are literal");
  }
}
