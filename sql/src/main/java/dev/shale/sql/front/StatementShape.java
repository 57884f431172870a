package dev.shale.sql.front;

import dev.shale.sql.adapter.KeyFilter.Endpoint;
import dev.shale.sql.adapter.KvTable;
import dev.shale.sql.front.SqlTokens.Kind;
import dev.shale.sql.front.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * What the front door knows of a statement before any parsing, recognised once over its tokens: the
 * text as Calcite's parser is to get it, whether it is an UPSERT, and which planner-free path or
 * plan-cache template fits it.
 *
 * <p>A planner-free path takes a statement only when its whole text is the shape: a literal, quoted
 * identifier or comment left open, a second statement or any trailing token leaves it to Calcite's
 * parser, so every path refuses the same malformed text with the same syntax error.
 *
 * @param sql the statement with the spellings the Babel parser gets wrong rewritten in place: a
 *     leading {@code UPSERT} (which it does not parse) becomes {@code INSERT} (same length: error
 *     positions stay right), the word {@code value} right after {@code (} (which it takes for a
 *     VALUES table constructor) is quoted, and one {@code ;} ending the statement (which it
 *     refuses, and H2 and the shell accept) becomes a blank
 * @param upsert whether the statement began with UPSERT
 * @param point for {@code SELECT <columns> FROM kv WHERE key = <'literal' | ?>}: its columns and
 *     key
 * @param template the statement with its literals as parameters, or null (see {@link PlanTemplate})
 */
record StatementShape(String sql, boolean upsert, PointQuery point, PlanTemplate template) {

  /** A point select's columns (0 key, 1 value), their labels as written, and its key. */
  record PointQuery(List<Integer> fields, List<String> labels, Endpoint key) {}

  static StatementShape of(String text) {
    List<Token> tokens = SqlTokens.of(text);
    boolean upsert = rewriteForBabel(tokens);
    List<Token> significant = SqlTokens.significant(tokens);
    StatementLimits.check(significant);
    if (SqlTokens.anyUnterminated(tokens)) {
      return new StatementShape(SqlTokens.join(tokens), upsert, null, null);
    }
    return new StatementShape(
        SqlTokens.join(tokens),
        upsert,
        upsert ? null : pointQuery(new TokenCursor(significant)),
        PlanTemplate.of(tokens));
  }

  /** Rewrites the spellings {@link #sql} describes; returns whether the statement is an UPSERT. */
  private static boolean rewriteForBabel(List<Token> tokens) {
    boolean upsert = false;
    Token previous = null;
    int last = lastSignificant(tokens);
    if (last >= 0 && tokens.get(last).isSymbol(";")) {
      tokens.set(last, new Token(Kind.BLANK, " "));
    }
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Kind.BLANK || t.kind() == Kind.COMMENT) {
        continue;
      }
      if (previous == null && t.isWord("UPSERT")) {
        upsert = true;
        tokens.set(i, new Token(Kind.WORD, "INSERT"));
      } else if (t.isWord(KvTable.VALUE) && previous != null && previous.isSymbol("(")) {
        tokens.set(i, new Token(Kind.QUOTED_IDENTIFIER, '"' + t.text() + '"'));
      }
      previous = t;
    }
    return upsert;
  }

  private static int lastSignificant(List<Token> tokens) {
    for (int i = tokens.size() - 1; i >= 0; i--) {
      Kind kind = tokens.get(i).kind();
      if (kind != Kind.BLANK && kind != Kind.COMMENT) {
        return i;
      }
    }
    return -1;
  }

  /** {@code SELECT * | name [, name]... FROM kv WHERE key = <'literal' | ?>}, or null. */
  private static PointQuery pointQuery(TokenCursor c) {
    if (!c.word("SELECT")) {
      return null;
    }
    List<Integer> fields = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    if (c.symbol("*")) {
      fields.addAll(List.of(0, 1));
      labels.addAll(List.of(KvTable.KEY, KvTable.VALUE));
    } else {
      do {
        String name = c.name();
        int field =
            KvTable.KEY.equalsIgnoreCase(name) ? 0 : KvTable.VALUE.equalsIgnoreCase(name) ? 1 : -1;
        if (field < 0) {
          return null;
        }
        fields.add(field);
        labels.add(name);
      } while (c.symbol(","));
    }
    if (!(c.word("FROM")
        && c.name(KvTable.NAME)
        && c.word("WHERE")
        && c.name(KvTable.KEY)
        && c.symbol("="))) {
      return null;
    }
    Token operand = c.next();
    if (operand == null || !c.atEnd()) {
      return null;
    }
    Endpoint key;
    String text = operand.text();
    if (operand.isSymbol("?")) {
      key = Endpoint.parameter(0, true);
    } else if (operand.kind() == Kind.STRING
        && text.length() >= 2
        && text.startsWith("'")
        && text.endsWith("'")) {
      key = Endpoint.literal(text.substring(1, text.length() - 1).replace("''", "'"), true);
    } else {
      return null;
    }
    return new PointQuery(List.copyOf(fields), List.copyOf(labels), key);
  }
}
