package dev.shale.sql.front;

import dev.shale.sql.front.SqlTokens.Token;
import java.util.List;

/**
 * A position in a statement's significant tokens (no blanks or comments) for recognising a shape:
 * each {@code take} moves on only when the next token is the one asked for.
 */
final class TokenCursor {

  private final List<Token> tokens;
  private int at;

  TokenCursor(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Takes the word {@code word} (any case). */
  boolean word(String word) {
    return at < tokens.size() && tokens.get(at).isWord(word) && moved();
  }

  /** Takes the symbol {@code symbol}. */
  boolean symbol(String symbol) {
    return at < tokens.size() && tokens.get(at).isSymbol(symbol) && moved();
  }

  /** Takes a name equal to {@code name} ignoring case, unquoted or "quoted". */
  boolean name(String name) {
    return at < tokens.size() && name.equalsIgnoreCase(SqlTokens.name(tokens.get(at))) && moved();
  }

  /** Takes a name and returns it as written; null (and stays) if the next token is none. */
  String name() {
    String name = at < tokens.size() ? SqlTokens.name(tokens.get(at)) : null;
    if (name != null) {
      at++;
    }
    return name;
  }

  /** Takes the next token, whatever it is; null at the end. */
  Token next() {
    return at < tokens.size() ? tokens.get(at++) : null;
  }

  boolean atEnd() {
    return at == tokens.size();
  }

  private boolean moved() {
    at++;
    return true;
  }
}
