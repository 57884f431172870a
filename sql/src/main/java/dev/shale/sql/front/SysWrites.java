package dev.shale.sql.front;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.front.SqlTokens.Token;
import dev.shale.sql.sys.SysTables;
import java.util.List;

/**
 * Refuses, before any parsing, a statement that would write to a table of the read-only schema
 * {@code sys}: {@code INSERT|UPSERT|MERGE INTO sys.x}, {@code UPDATE sys.x}, {@code DELETE FROM
 * sys.x}, with 42501 naming the table. (The planner would refuse them too, with a message about
 * modifiable tables that says nothing of why.)
 */
final class SysWrites {

  private SysWrites() {}

  /** Throws 42501 if {@code significant} (tokens without blanks) writes to a sys table. */
  static void check(List<Token> significant) {
    if (significant.isEmpty()) {
      return;
    }
    Token first = significant.get(0);
    int target;
    if (first.isWord("INSERT") || first.isWord("UPSERT") || first.isWord("MERGE")) {
      target = significant.size() > 1 && significant.get(1).isWord("INTO") ? 2 : -1;
    } else if (first.isWord("UPDATE")) {
      target = 1;
    } else if (first.isWord("DELETE")) {
      target = significant.size() > 1 && significant.get(1).isWord("FROM") ? 2 : -1;
    } else {
      return;
    }
    if (target < 0 || significant.size() < target + 3) {
      return;
    }
    String schema = SqlTokens.name(significant.get(target));
    if (schema != null
        && schema.equalsIgnoreCase(SysTables.SCHEMA)
        && significant.get(target + 1).isSymbol(".")) {
      String table = SqlTokens.name(significant.get(target + 2));
      throw new ShaleSqlException(
          SqlStates.INSUFFICIENT_PRIVILEGE,
          "sys."
              + (table == null ? significant.get(target + 2).text() : table)
              + " is a read-only system table: "
              + SqlTokens.upper(first.text())
              + " is refused (the sys schema shows the engine; write to shale.kv)");
    }
  }
}
