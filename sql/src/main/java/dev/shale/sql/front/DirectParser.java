package dev.shale.sql.front;

import dev.shale.sql.adapter.KeyFilter;
import dev.shale.sql.adapter.KvTable;
import dev.shale.sql.adapter.RowCount;
import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.front.DirectShape.Operand;
import dev.shale.sql.front.SqlTokens.Kind;
import dev.shale.sql.front.SqlTokens.Token;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link DirectShape} from a statement's tokens: a recursive descent over the few shapes,
 * giving up (null) at the first token that does not fit. One parser per statement; {@link #parse}
 * is thread-safe.
 *
 * <p>It is stricter than Calcite, never looser: whatever it takes, Calcite's Babel parser and
 * validator accept with the same meaning. So it refuses, among others, prefixed literals ({@code
 * N'..'}, {@code X'..'}, {@code U&'..'}), literals continued over lines, hints ({@code /*+
 * ..*}{@code /}), a NULL key in VALUES (which Calcite refuses while validating), numbers that are
 * not plain integers, and any statement over the limits of {@link StatementLimits}.
 */
final class DirectParser {

  /** The widest LIMIT or OFFSET literal taken: 18 digits, which a long always holds. */
  private static final int MAX_COUNT_DIGITS = 18;

  private final TokenCursor c;
  private final List<Integer> parameterTypes = new ArrayList<>();

  /**
   * Whether Calcite may find the WHERE clause always false before it runs (a NULL literal in it, or
   * literal conditions with no key in common) and plan no kv scan at all.
   */
  private boolean maybeEmptyPlan;

  private DirectParser(List<Token> significant) {
    this.c = new TokenCursor(significant);
  }

  /** The shape of {@code sql}, or null. */
  static DirectShape parse(String sql) {
    List<Token> tokens = SqlTokens.of(sql);
    if (SqlTokens.anyUnterminated(tokens)) {
      return null;
    }
    List<Token> significant = SqlTokens.significant(tokens);
    if (!significant.isEmpty() && significant.get(significant.size() - 1).isSymbol(";")) {
      significant.remove(significant.size() - 1);
    }
    try {
      StatementLimits.check(significant);
    } catch (ShaleSqlException e) {
      return null; // Calcite's path refuses it with the same error
    }
    List<Token> merged = merged(tokens);
    if (merged == null) {
      return null;
    }
    DirectParser parser = new DirectParser(merged);
    DirectShape shape = parser.statement();
    return shape != null && parser.c.atEnd() ? shape : null;
  }

  /**
   * The significant tokens with the two-character comparison operators ({@code <=}, {@code >=},
   * {@code <>}, {@code !=}) written without a blank as one token, and a final {@code ;} dropped;
   * null when the text has a hint.
   */
  private static List<Token> merged(List<Token> tokens) {
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Kind.COMMENT) {
        if (t.text().startsWith("/*+")) {
          return null;
        }
        continue;
      }
      if (t.kind() == Kind.BLANK) {
        continue;
      }
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      if (next != null
          && t.kind() == Kind.SYMBOL
          && next.kind() == Kind.SYMBOL
          && ("<".equals(t.text()) && ("=".equals(next.text()) || ">".equals(next.text()))
              || (">".equals(t.text()) || "!".equals(t.text())) && "=".equals(next.text()))) {
        out.add(new Token(Kind.SYMBOL, t.text() + next.text()));
        i++;
        continue;
      }
      out.add(t);
    }
    if (!out.isEmpty() && out.get(out.size() - 1).isSymbol(";")) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private DirectShape statement() {
    if (c.word("SELECT")) {
      return select();
    }
    if (c.word("INSERT")) {
      return insert(false);
    }
    if (c.word("UPSERT")) {
      return insert(true);
    }
    if (c.word("UPDATE")) {
      return update();
    }
    if (c.word("DELETE")) {
      return delete();
    }
    return null;
  }

  /** After SELECT. */
  private DirectShape select() {
    if (c.word("COUNT")) {
      if (!(c.symbol("(") && c.symbol("*") && c.symbol(")") && from())) {
        return null;
      }
      KeyFilter keys = null;
      if (c.word("WHERE") && (keys = predicate()) == null) {
        return null;
      }
      return new DirectShape.Count(keys, types());
    }
    List<Integer> fields = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    if (c.symbol("*")) {
      fields.addAll(List.of(0, 1));
      labels.addAll(List.of(KvTable.KEY, KvTable.VALUE));
    } else {
      do {
        String name = c.name();
        int field = name == null ? -1 : column(name);
        if (field < 0) {
          return null;
        }
        fields.add(field);
        labels.add(name);
      } while (c.symbol(","));
    }
    if (!from()) {
      return null;
    }
    KeyFilter keys = null;
    if (c.word("WHERE") && (keys = predicate()) == null) {
      return null;
    }
    boolean descending = false;
    if (c.word("ORDER")) {
      if (!(c.word("BY") && c.name(KvTable.KEY)) || fields.indexOf(0) != fields.lastIndexOf(0)) {
        return null; // ORDER BY key over two columns labelled key: Calcite finds it ambiguous
      }
      descending = c.word("DESC");
      if (!descending) {
        c.word("ASC");
      }
    }
    RowCount fetch = null;
    if (c.word("LIMIT") && (fetch = count()) == null) {
      return null;
    }
    RowCount offset = null;
    if (c.word("OFFSET")) {
      if ((offset = count()) == null) {
        return null;
      }
      if (!c.word("ROWS")) {
        c.word("ROW");
      }
    }
    boolean limitZero = fetch != null && fetch.param() < 0 && fetch.literal() == 0;
    if ((maybeEmptyPlan || limitZero)
        && (offset != null && offset.param() >= 0 || fetch != null && fetch.param() >= 0)) {
      // Calcite plans such a query as an empty VALUES, under its own LIMIT operator (which reads
      // and refuses LIMIT and OFFSET parameters its own way) or none (LIMIT 0: OFFSET unread).
      return null;
    }
    return new DirectShape.Select(
        List.copyOf(fields), List.copyOf(labels), keys, descending, offset, fetch, types());
  }

  private boolean from() {
    return c.word("FROM") && c.name(KvTable.NAME);
  }

  /** 0 for key, 1 for value, -1 for any other name. */
  private static int column(String name) {
    return KvTable.KEY.equalsIgnoreCase(name) ? 0 : KvTable.VALUE.equalsIgnoreCase(name) ? 1 : -1;
  }

  /** After INSERT or UPSERT. */
  private DirectShape insert(boolean upsert) {
    if (!(c.word("INTO") && c.name(KvTable.NAME))) {
      return null;
    }
    boolean keyFirst = true;
    if (c.symbol("(")) {
      String first = c.name();
      String second = c.symbol(",") ? c.name() : null;
      if (second == null || !c.symbol(")")) {
        return null;
      }
      if (column(first) == 0 && column(second) == 1) {
        keyFirst = true;
      } else if (column(first) == 1 && column(second) == 0) {
        keyFirst = false;
      } else {
        return null;
      }
    }
    if (!c.word("VALUES")) {
      return null;
    }
    List<List<Operand>> rows = new ArrayList<>();
    do {
      if (!c.symbol("(")) {
        return null;
      }
      Operand first = operand(Types.VARCHAR);
      Operand second = first != null && c.symbol(",") ? operand(Types.VARCHAR) : null;
      if (second == null || !c.symbol(")")) {
        return null;
      }
      Operand key = keyFirst ? first : second;
      if (key.isNull()) {
        return null; // Calcite's validator refuses it, naming its position
      }
      rows.add(keyFirst ? List.of(first, second) : List.of(second, first));
    } while (c.symbol(","));
    return new DirectShape.Insert(upsert, List.copyOf(rows), types());
  }

  /** After UPDATE. */
  private DirectShape update() {
    if (!(c.name(KvTable.NAME) && c.word("SET") && c.name(KvTable.VALUE) && c.symbol("="))) {
      return null;
    }
    Operand value = operand(Types.VARCHAR);
    if (value == null) {
      return null;
    }
    KeyFilter keys = null;
    if (c.word("WHERE") && (keys = predicate()) == null) {
      return null;
    }
    return new DirectShape.Update(value, keys, types());
  }

  /** After DELETE. */
  private DirectShape delete() {
    if (!from()) {
      return null;
    }
    KeyFilter keys = null;
    if (c.word("WHERE") && (keys = predicate()) == null) {
      return null;
    }
    return new DirectShape.Delete(keys, types());
  }

  /**
   * Conditions on the key joined by AND, as the keys they select; null if that is not all. Notes
   * whether Calcite may fold them to FALSE ({@link #maybeEmptyPlan}).
   */
  private KeyFilter predicate() {
    List<KeyFilter> parts = new ArrayList<>();
    List<KeyFilter> literal = new ArrayList<>();
    do {
      KeyFilter part = condition(literal);
      if (part == null) {
        return null;
      }
      parts.add(part);
    } while (c.word("AND"));
    if (!literal.isEmpty() && KeyFilter.and(literal).resolve(KeyFilter.NO_PARAMETERS).isEmpty()) {
      maybeEmptyPlan = true;
    }
    return KeyFilter.and(parts);
  }

  /**
   * {@code key = op}, {@code <}, {@code <=}, {@code >}, {@code >=}, BETWEEN or IN; or null. Adds to
   * {@code literal} the keys of its comparisons with literals alone (a BETWEEN is two), which
   * Calcite's simplifier folds together.
   */
  private KeyFilter condition(List<KeyFilter> literal) {
    if (!c.name(KvTable.KEY)) {
      return null;
    }
    if (c.word("BETWEEN")) {
      Operand low = operand(Types.VARCHAR);
      Operand high = low != null && c.word("AND") ? operand(Types.VARCHAR) : null;
      if (high == null) {
        return null;
      }
      if (!low.isParameter()) {
        literal.add(KeyFilter.range(low.endpoint(true), null));
      }
      if (!high.isParameter()) {
        literal.add(KeyFilter.range(null, high.endpoint(true)));
      }
      return KeyFilter.range(low.endpoint(true), high.endpoint(true));
    }
    if (c.word("IN")) {
      if (!c.symbol("(")) {
        return null;
      }
      List<KeyFilter> keys = new ArrayList<>();
      boolean literals = true;
      do {
        Operand key = operand(Types.VARCHAR);
        if (key == null) {
          return null;
        }
        literals &= !key.isParameter();
        keys.add(KeyFilter.range(key.endpoint(true), key.endpoint(true)));
      } while (c.symbol(","));
      if (!c.symbol(")")) {
        return null;
      }
      KeyFilter in = KeyFilter.or(keys);
      if (literals) {
        literal.add(in);
      }
      return in;
    }
    String op = comparison();
    Operand right = op == null ? null : operand(Types.VARCHAR);
    if (right == null) {
      return null;
    }
    KeyFilter keys =
        switch (op) {
          case "=" -> KeyFilter.range(right.endpoint(true), right.endpoint(true));
          case "<" -> KeyFilter.range(null, right.endpoint(false));
          case "<=" -> KeyFilter.range(null, right.endpoint(true));
          case ">" -> KeyFilter.range(right.endpoint(false), null);
          default -> KeyFilter.range(right.endpoint(true), null); // >=
        };
    if (!right.isParameter()) {
      literal.add(keys);
    }
    return keys;
  }

  /** Takes one of {@code = < <= > >=}; null (and stays) if the next token is none. */
  private String comparison() {
    for (String op : new String[] {"=", "<", "<=", ">", ">="}) {
      if (c.symbol(op)) {
        return op;
      }
    }
    return null;
  }

  /** A {@code 'literal'}, NULL or {@code ?} (a parameter of {@code type}); else null. */
  private Operand operand(int type) {
    Token t = c.next();
    if (t == null) {
      return null;
    }
    if (t.isSymbol("?")) {
      parameterTypes.add(type);
      return new Operand(null, parameterTypes.size() - 1);
    }
    if (t.isWord("NULL")) {
      maybeEmptyPlan = true; // a comparison with NULL is never true: Calcite may fold it
      return Operand.NULL;
    }
    String text = t.text();
    if (t.kind() == Kind.STRING && text.length() >= 2 && text.startsWith("'")) {
      return new Operand(text.substring(1, text.length() - 1).replace("''", "'"), -1);
    }
    return null;
  }

  /** A LIMIT or OFFSET count: a plain integer or {@code ?}; else null. */
  private RowCount count() {
    Token t = c.next();
    if (t == null) {
      return null;
    }
    if (t.isSymbol("?")) {
      parameterTypes.add(Types.INTEGER);
      return RowCount.parameter(parameterTypes.size() - 1);
    }
    String text = t.text();
    if (t.kind() != Kind.NUMBER || text.length() > MAX_COUNT_DIGITS || !digits(text)) {
      return null;
    }
    return RowCount.literal(Long.parseLong(text));
  }

  /** Whether {@code text} is all ASCII digits (a loop: no stream classes for a first statement). */
  private static boolean digits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  private List<Integer> types() {
    return List.copyOf(parameterTypes);
  }
}
