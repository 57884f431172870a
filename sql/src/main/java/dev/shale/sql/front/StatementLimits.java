package dev.shale.sql.front;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.front.SqlTokens.Kind;
import dev.shale.sql.front.SqlTokens.Token;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * How complex a statement may be, checked over its tokens before Calcite parses it: Calcite's
 * parser and planner recurse once per level of nesting and per operator of a chain, so past these
 * limits a statement would overflow the stack or keep its connection busy for many seconds. Over a
 * limit, the statement fails at once with 54001 naming it. The README's errors table lists them.
 *
 * <p>Measured on the build machine (2 shared cores): 3000 nested NOTs and a chain of 1000 {@code +}
 * overflowed the stack, and so did 450 ORs; a projection of 1000 columns planned in 2 s and one of
 * 5000 in 7 s; 30 nested subqueries in 0.9 s; a key IN list of 20000 literals in 1.5 s.
 */
final class StatementLimits {

  /** Levels of parentheses plus chained prefix operators ({@code NOT NOT …}, {@code - - …}). */
  static final int MAX_NESTING = 128;

  /**
   * Binary AND, OR and arithmetic or concatenation operators in one statement (a chain of 450 ORs
   * overflowed the stack while planning; 250 planned in 1 s).
   */
  static final int MAX_OPERATORS = 256;

  /**
   * Items of one comma-separated list that are expressions (select items, GROUP BY terms, function
   * arguments); items that are only literals or parameters (IN lists, VALUES rows) do not count.
   */
  static final int MAX_LIST_ITEMS = 1000;

  /**
   * Values of an IN list on anything but {@code key}: those become a disjunction that Calcite plans
   * and compiles term by term (1000 values on {@code value} took 12 s and then failed), where an IN
   * list on {@code key} is read as key ranges, of any length.
   */
  static final int MAX_IN_LIST_VALUES = 256;

  /** Query blocks (SELECTs) in one statement: subqueries, unions, CTEs. */
  static final int MAX_SELECTS = 50;

  /** Tokens in one statement (a literal is one token, whatever its length). */
  static final int MAX_TOKENS = 100_000;

  private StatementLimits() {}

  /**
   * One parenthesised list being read: its expression items so far, and the current item's kind.
   */
  private static final class ListFrame {
    final boolean inListNotOnKey;
    int expressionItems;
    int items;
    boolean itemIsLiteral = true;

    ListFrame(boolean inListNotOnKey) {
      this.inListNotOnKey = inListNotOnKey;
    }

    void endItem() {
      items++;
      if (!itemIsLiteral) {
        expressionItems++;
      }
      itemIsLiteral = true;
    }
  }

  /** Throws 54001 when the statement of {@code significant} tokens exceeds a limit. */
  static void check(List<Token> significant) {
    if (significant.size() > MAX_TOKENS) {
      throw tooComplex("has " + significant.size() + " tokens", MAX_TOKENS + " tokens");
    }
    Deque<ListFrame> lists = new ArrayDeque<>();
    ListFrame list = new ListFrame(false);
    int depth = 0;
    int prefixRun = 0;
    int operators = 0;
    int selects = 0;
    Token previous = null;
    for (int i = 0; i < significant.size(); i++) {
      Token t = significant.get(i);
      if (t.isSymbol("(")) {
        lists.push(list);
        list = new ListFrame(inListNotOnKey(significant, i));
        depth++;
        prefixRun = 0;
      } else if (t.isSymbol(")")) {
        list.endItem();
        checkList(list);
        boolean literal = list.expressionItems == 0;
        list = lists.isEmpty() ? new ListFrame(false) : lists.pop();
        list.itemIsLiteral &= literal;
        depth = Math.max(0, depth - 1);
        prefixRun = 0;
      } else if (t.isSymbol(",")) {
        list.endItem();
        checkList(list);
        prefixRun = 0;
      } else {
        if (!isLiteral(t)) {
          list.itemIsLiteral = false;
        }
        if (t.isWord("NOT") || (isSign(t) && startsOperand(previous))) {
          prefixRun++;
        } else {
          prefixRun = 0;
          if (t.isWord("AND") || t.isWord("OR") || isArithmetic(t)) {
            operators++;
          }
        }
        if (t.isWord("SELECT")) {
          selects++;
        }
      }
      if (depth + prefixRun > MAX_NESTING) {
        throw tooComplex(
            "nests more than " + MAX_NESTING + " levels deep (parentheses and NOT, - or + chains)",
            MAX_NESTING + " levels");
      }
      previous = t;
    }
    list.endItem();
    checkList(list);
    if (operators > MAX_OPERATORS) {
      throw tooComplex(
          "has " + operators + " AND, OR and arithmetic operators", MAX_OPERATORS + " operators");
    }
    if (selects > MAX_SELECTS) {
      throw tooComplex(
          "has " + selects + " query blocks (SELECT)", MAX_SELECTS + " SELECTs per statement");
    }
  }

  /** Whether the {@code (} at {@code open} opens the list of an IN (or NOT IN) not on key. */
  private static boolean inListNotOnKey(List<Token> tokens, int open) {
    int in = open - 1;
    if (in < 1 || !tokens.get(in).isWord("IN")) {
      return false;
    }
    int subject = tokens.get(in - 1).isWord("NOT") ? in - 2 : in - 1;
    if (subject < 0) {
      return true;
    }
    String name = SqlTokens.name(tokens.get(subject));
    return name == null || !name.equalsIgnoreCase("key");
  }

  private static void checkList(ListFrame list) {
    if (list.inListNotOnKey && list.items > MAX_IN_LIST_VALUES) {
      throw tooComplex(
          "has an IN list of more than "
              + MAX_IN_LIST_VALUES
              + " values on something other than key (an IN list on key, read as key ranges, may"
              + " be of any length)",
          MAX_IN_LIST_VALUES + " values per IN list not on key");
    }
    if (list.expressionItems > MAX_LIST_ITEMS) {
      throw tooComplex(
          "has a list of more than " + MAX_LIST_ITEMS + " expressions (select items, terms)",
          MAX_LIST_ITEMS + " expressions per list");
    }
  }

  private static boolean isLiteral(Token t) {
    return t.kind() == Kind.STRING
        || t.kind() == Kind.NUMBER
        || t.isSymbol("?")
        || t.isWord("NULL")
        || t.isWord("TRUE")
        || t.isWord("FALSE")
        || isSign(t);
  }

  private static boolean isSign(Token t) {
    return t.isSymbol("-") || t.isSymbol("+");
  }

  /** Whether a token after {@code previous} begins an operand (so a sign there is a prefix). */
  private static boolean startsOperand(Token previous) {
    return previous == null
        || previous.kind() == Kind.SYMBOL && !previous.isSymbol(")") && !previous.isSymbol("?")
        || previous.kind() == Kind.WORD && isOperatorWord(previous);
  }

  private static boolean isOperatorWord(Token t) {
    for (String w :
        new String[] {
          "NOT", "AND", "OR", "SELECT", "WHERE", "WHEN", "THEN", "ELSE", "ON", "BY", "HAVING",
          "BETWEEN", "IN", "IS", "LIKE", "VALUES", "SET", "RETURN", "CASE"
        }) {
      if (t.isWord(w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isArithmetic(Token t) {
    return t.isSymbol("+")
        || t.isSymbol("-")
        || t.isSymbol("*")
        || t.isSymbol("/")
        || t.isSymbol("%")
        || t.isSymbol("|");
  }

  private static ShaleSqlException tooComplex(String what, String limit) {
    return new ShaleSqlException(
        SqlStates.STATEMENT_TOO_COMPLEX,
        "Statement too complex: it "
            + what
            + "; the limit is "
            + limit
            + ". Split it, or pass long lists of values as an IN list of literals or parameters");
  }
}
