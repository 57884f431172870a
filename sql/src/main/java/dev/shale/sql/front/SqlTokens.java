package dev.shale.sql.front;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQL text cut into tokens, just enough to rewrite it safely: string literals, quoted identifiers
 * and comments are single tokens, so nothing inside them is ever touched. Concatenating the tokens
 * gives back the text exactly.
 *
 * <p>The cut follows Calcite's lexer where a planner-free path could otherwise accept what the
 * parser refuses: blanks are only the parser's ({@code space, tab, LF, CR, FF}; any other character
 * is a symbol), and a literal, quoted identifier or comment left open is one {@link
 * Kind#UNTERMINATED} token, which no fast path takes.
 */
final class SqlTokens {

  enum Kind {
    BLANK,
    COMMENT,
    STRING,
    QUOTED_IDENTIFIER,
    WORD,
    NUMBER,
    SYMBOL,
    /** A literal, quoted identifier or block comment that runs to the end of the text unclosed. */
    UNTERMINATED
  }

  record Token(Kind kind, String text) {
    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }
  }

  private SqlTokens() {}

  /** The tokens of {@code sql}; an unterminated literal or comment runs to the end. */
  static List<Token> of(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      Kind kind;
      if (isBlank(c)) {
        while (i < n && isBlank(sql.charAt(i))) {
          i++;
        }
        kind = Kind.BLANK;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
          i++;
        }
        kind = Kind.COMMENT;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        kind = end < 0 ? Kind.UNTERMINATED : Kind.COMMENT;
      } else if (c == '\'') {
        i = quoted(sql, i, '\'');
        kind = i < 0 ? Kind.UNTERMINATED : Kind.STRING;
      } else if (c == '"' || c == '`') {
        i = quoted(sql, i, c);
        kind = i < 0 ? Kind.UNTERMINATED : Kind.QUOTED_IDENTIFIER;
      } else if (Character.isLetter(c) || c == '_' || c == '$') {
        while (i < n
            && (Character.isLetterOrDigit(sql.charAt(i)) || "_$".indexOf(sql.charAt(i)) >= 0)) {
          i++;
        }
        if (i < n && sql.charAt(i) == '\'' && i - start <= 2) {
          i = quoted(sql, i, '\''); // N'..', X'..', U&'..', E'..': one literal
          kind = i < 0 ? Kind.UNTERMINATED : Kind.STRING;
        } else {
          kind = Kind.WORD;
        }
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          char d = sql.charAt(i);
          i++;
          if ((d == 'e' || d == 'E') && i < n && "+-".indexOf(sql.charAt(i)) >= 0) {
            i++;
          }
        }
        kind = Kind.NUMBER;
      } else {
        i++;
        kind = Kind.SYMBOL;
      }
      if (i < 0) {
        i = n;
      }
      tokens.add(new Token(kind, sql.substring(start, i)));
    }
    return tokens;
  }

  /**
   * The index just past the literal that opens at {@code i}, or -1 when it is never closed; a
   * doubled quote stays inside.
   */
  private static int quoted(String sql, int i, char quote) {
    int j = i + 1;
    while (j < sql.length()) {
      if (sql.charAt(j) == quote) {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return -1;
  }

  /** Whether Calcite's lexer skips {@code c} between tokens. */
  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }

  /** Whether some token of {@code tokens} is a literal, identifier or comment left open. */
  static boolean anyUnterminated(List<Token> tokens) {
    for (Token t : tokens) {
      if (t.kind() == Kind.UNTERMINATED) {
        return true;
      }
    }
    return false;
  }

  /** The first token that is neither blank nor comment, or null. */
  static Token first(List<Token> tokens) {
    for (Token t : tokens) {
      if (t.kind() != Kind.BLANK && t.kind() != Kind.COMMENT) {
        return t;
      }
    }
    return null;
  }

  /**
   * {@code tokens} without blanks and comments: what a statement says (a final {@code ;} is a blank
   * already, see {@link StatementShape#sql}).
   */
  static List<Token> significant(List<Token> tokens) {
    List<Token> out = new ArrayList<>();
    for (Token t : tokens) {
      if (t.kind() != Kind.BLANK && t.kind() != Kind.COMMENT) {
        out.add(t);
      }
    }
    return out;
  }

  /** The name a token gives: an unquoted word, or a "quoted" identifier's text; else null. */
  static String name(Token t) {
    if (t.kind() == Kind.WORD) {
      return t.text();
    }
    String text = t.text();
    if (t.kind() == Kind.QUOTED_IDENTIFIER
        && text.length() > 2
        && text.startsWith("\"")
        && text.endsWith("\"")) {
      return text.substring(1, text.length() - 1);
    }
    return null;
  }

  static String join(List<Token> tokens) {
    StringBuilder sb = new StringBuilder();
    tokens.forEach(t -> sb.append(t.text()));
    return sb.toString();
  }

  static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }
}
