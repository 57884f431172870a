package dev.shale.sql.front;

import dev.shale.sql.front.SqlTokens.Kind;
import dev.shale.sql.front.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;

/**
 * A statement's text with the string literals a parameter could stand for (comparison operands, IN
 * lists, VALUES rows, SET values) made dynamic parameters, and those literals: {@code WHERE key =
 * 'k1'} and {@code WHERE key = 'k2'} share the plan of {@code WHERE key = ?}, which runs with the
 * literal as the parameter's value. Literals that shape a plan stay literal: LIKE patterns (a
 * prefix becomes a key range), and everything in a statement that already has parameters.
 */
record PlanTemplate(String sql, List<String> literals) {

  /**
   * {@code tokens} with the literals a parameter can stand for made parameters; null when there are
   * none, or the statement is not a query or DML, or it has parameters of its own.
   */
  static PlanTemplate of(List<Token> tokens) {
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
    return literals.isEmpty() ? null : new PlanTemplate(sql.toString(), literals);
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
   * {@code template}'s signature executing with this template's literals as its parameters' values,
   * under the statement's own text {@code sql}; it takes no parameters from the caller.
   */
  <T> CalciteSignature<T> bind(CalciteSignature<T> template, String sql) {
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
