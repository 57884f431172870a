package dev.shale.sql;

import dev.shale.sql.SqlTokens.Kind;
import dev.shale.sql.SqlTokens.Token;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Prepared statements (Calcite signatures: plan and compiled code) by SQL text, one cache per
 * connection (signatures hold the connection's objects; the cache lives in the connection's {@link
 * KvTable} and goes with it), least recently used out.
 *
 * <p>Before looking up, the string literals of a statement that a parameter could stand for
 * (comparison operands, IN lists, VALUES rows, SET values) become dynamic parameters, so {@code
 * WHERE key = 'k1'} and {@code WHERE key = 'k2'} share one plan; the literals are handed to the
 * plan as the parameters' values. Literals that shape a plan stay literal: LIKE patterns (a prefix
 * becomes a key range), and everything in a statement that already has parameters. A template that
 * does not prepare with parameters (say {@code SELECT 'a' FROM kv}) is remembered as such and
 * prepared with its literals.
 */
final class PlanCache {

  /** Cached signatures per connection. */
  static final int CAPACITY = 256;

  private final Map<Key, CalciteSignature<?>> signatures =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CalciteSignature<?>> eldest) {
          return size() > CAPACITY;
        }
      };

  private final Set<String> refusedTemplates =
      Collections.newSetFromMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > CAPACITY;
            }
          });

  /**
   * What a statement is prepared under: its text as the parser gets it, whether it was an UPSERT
   * (the parser gets INSERT), and how its rows are wanted.
   */
  record Key(String sql, boolean upsert, Type elementType, long maxRowCount) {}

  /** A statement's text with its literals as parameters, and the literals. */
  record Template(String sql, List<String> literals) {}

  /** How many signatures this cache holds. */
  synchronized int size() {
    return signatures.size();
  }

  synchronized CalciteSignature<?> get(Key key) {
    return signatures.get(key);
  }

  synchronized void put(Key key, CalciteSignature<?> signature) {
    signatures.put(key, signature);
  }

  synchronized boolean refused(String template, boolean upsert) {
    return refusedTemplates.contains(upsert + template);
  }

  synchronized void refuse(String template, boolean upsert) {
    refusedTemplates.add(upsert + template);
  }

  /**
   * {@code tokens} with the literals a parameter can stand for made parameters; null when there are
   * none, or the statement is not a query or DML, or it has parameters of its own.
   */
  static Template template(List<Token> tokens) {
    Token first = SqlTokens.first(tokens);
    if (first == null
        || !(first.isWord("SELECT")
            || first.isWord("INSERT")
            || first.isWord("UPDATE")
            || first.isWord("DELETE")
            || first.isWord("WITH")
            || first.isWord("VALUES"))) {
      return null;
    }
    StringBuilder sql = new StringBuilder();
    List<String> literals = new ArrayList<>();
    Token previous = null;
    for (Token t : tokens) {
      if (t.isSymbol("?")) {
        return null;
      }
      if (t.kind() == Kind.STRING && t.text().startsWith("'") && parameterAfter(previous)) {
        literals.add(unquote(t.text()));
        sql.append('?');
      } else {
        sql.append(t.text());
      }
      if (t.kind() != Kind.BLANK && t.kind() != Kind.COMMENT) {
        previous = t;
      }
    }
    return literals.isEmpty() ? null : new Template(sql.toString(), literals);
  }

  /** Whether a parameter may replace a literal that follows {@code previous}. */
  private static boolean parameterAfter(Token previous) {
    return previous != null
        && (previous.isSymbol("=")
            || previous.isSymbol("<")
            || previous.isSymbol(">")
            || previous.isSymbol(",")
            || previous.isSymbol("(")
            || previous.isWord("BETWEEN")
            || previous.isWord("AND"));
  }

  private static String unquote(String literal) {
    String body =
        literal.endsWith("'") && literal.length() >= 2
            ? literal.substring(1, literal.length() - 1)
            : literal.substring(1);
    return body.replace("''", "'");
  }

  /**
   * {@code template}'s signature executing with {@code literals} as its parameters' values, under
   * the statement's own text; it takes no parameters from the caller.
   */
  static <T> CalciteSignature<T> bind(
      CalciteSignature<T> template, List<String> literals, String sql) {
    Bindable<T> bindable =
        dataContext -> template.enumerable(new WithLiterals(dataContext, literals));
    return new CalciteSignature<>(
        sql,
        List.of(),
        template.internalParameters,
        template.rowType,
        template.columns,
        template.cursorFactory,
        template.rootSchema,
        template.getCollationList(),
        -1, // the template applies its own maximum row count
        bindable,
        template.statementType);
  }

  /** A data context whose dynamic parameters are a statement's literals. */
  private record WithLiterals(DataContext delegate, List<String> literals) implements DataContext {

    @Override
    public SchemaPlus getRootSchema() {
      return delegate.getRootSchema();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return delegate.getTypeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
      return delegate.getQueryProvider();
    }

    @Override
    public Object get(String name) {
      if (name.startsWith("?")) {
        try {
          int i = Integer.parseInt(name.substring(1));
          if (i >= 0 && i < literals.size()) {
            return literals.get(i);
          }
        } catch (NumberFormatException e) {
          // not a parameter name
        }
      }
      return delegate.get(name);
    }
  }
}
