package dev.shale.sql.front;

import dev.shale.sql.adapter.KvTable;
import dev.shale.sql.front.SqlTokens.Kind;
import dev.shale.sql.front.SqlTokens.Token;
import dev.shale.sql.session.BatchInsert;
import dev.shale.sql.session.Session;
import java.util.List;

/**
 * The shape of the batch fast path, {@code INSERT|UPSERT INTO kv [(key, value) | (value, key)]
 * VALUES (?, ?)}, recognised over the statement's tokens without Calcite (a prepared statement the
 * direct executor runs asks too, and must not load the planner to learn it).
 */
public final class BatchShape {

  private BatchShape() {}

  /**
   * The one-write executeBatch of {@code sql} on {@code session}, or null when the statement has
   * another shape.
   */
  public static BatchInsert batchInsert(Session session, String sql) {
    int[] shape = shape(sql);
    return shape == null ? null : new BatchInsert(session, shape[0] == 1, shape[1]);
  }

  /**
   * {@code {1 if UPSERT else 0, the key's parameter (0 or 1)}} when {@code sql} has the batch
   * shape, else null.
   */
  static int[] shape(String sql) {
    List<Token> tokens = SqlTokens.of(sql);
    List<Token> significant = SqlTokens.significant(tokens);
    StatementLimits.check(significant);
    if (SqlTokens.anyUnterminated(tokens) || significant.isEmpty()) {
      return null;
    }
    int last = significant.size() - 1;
    if (significant.get(last).isSymbol(";")) {
      significant = significant.subList(0, last); // one final ; as the front door allows it
    }
    boolean upsert = significant.get(0).isWord("UPSERT");
    if (upsert) {
      significant = new java.util.ArrayList<>(significant);
      significant.set(0, new Token(Kind.WORD, "INSERT"));
    }
    int key = keyParameter(new TokenCursor(significant));
    return key < 0 ? null : new int[] {upsert ? 1 : 0, key};
  }

  /**
   * For {@code INSERT INTO kv [(key, value) | (value, key)] VALUES (?, ?)} (an UPSERT reads INSERT
   * here), the position of the key among the parameters; else -1.
   */
  static int keyParameter(TokenCursor c) {
    if (!(c.word("INSERT") && c.word("INTO") && c.name(KvTable.NAME))) {
      return -1;
    }
    int keyParameter = 0;
    if (c.symbol("(")) {
      String first = c.name();
      String second = c.symbol(",") ? c.name() : null;
      if (second == null || !c.symbol(")")) {
        return -1;
      }
      if (KvTable.KEY.equalsIgnoreCase(first) && KvTable.VALUE.equalsIgnoreCase(second)) {
        keyParameter = 0;
      } else if (KvTable.VALUE.equalsIgnoreCase(first) && KvTable.KEY.equalsIgnoreCase(second)) {
        keyParameter = 1;
      } else {
        return -1;
      }
    }
    boolean values =
        c.word("VALUES")
            && c.symbol("(")
            && c.symbol("?")
            && c.symbol(",")
            && c.symbol("?")
            && c.symbol(")")
            && c.atEnd();
    return values ? keyParameter : -1;
  }
}
