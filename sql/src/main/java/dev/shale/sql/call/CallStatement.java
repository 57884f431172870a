package dev.shale.sql.call;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of {@code CALL schema.name(arg, ...)}: each argument a string literal ({@code '...'},
 * {@code ''} for a quote), {@code NULL}, or a parameter {@code ?}. Parentheses may be left out when
 * there are no arguments; a trailing {@code ;} is allowed.
 *
 * @param schema the schema named, lower case ({@code ""} if none)
 * @param name the procedure's name, lower case
 * @param arguments the arguments in order
 * @param parameters how many {@code ?} the arguments hold
 */
record CallStatement(String schema, String name, List<Argument> arguments, int parameters) {

  /** An argument: a literal ({@code parameter} -1) or the {@code parameter}'th {@code ?}. */
  record Argument(String literal, int parameter) {}

  /** Whether {@code sql} starts with the word CALL (after blanks and comments). */
  static boolean isCall(String sql) {
    int i = skip(sql, 0);
    return sql.regionMatches(true, i, "CALL", 0, 4)
        && (i + 4 == sql.length() || !Character.isJavaIdentifierPart(sql.charAt(i + 4)));
  }

  /** Parses {@code sql}, which {@link #isCall} accepted; a bad one throws 42000. */
  static CallStatement parse(String sql) {
    int i = skip(sql, 0) + 4;
    i = skip(sql, i);
    int start = i;
    while (i < sql.length() && Character.isJavaIdentifierPart(sql.charAt(i))) {
      i++;
    }
    String first = sql.substring(start, i).toLowerCase(Locale.ROOT);
    String schema = "";
    String name = first;
    i = skip(sql, i);
    if (i < sql.length() && sql.charAt(i) == '.') {
      i = skip(sql, i + 1);
      start = i;
      while (i < sql.length() && Character.isJavaIdentifierPart(sql.charAt(i))) {
        i++;
      }
      schema = first;
      name = sql.substring(start, i).toLowerCase(Locale.ROOT);
      i = skip(sql, i);
    }
    if (name.isEmpty()) {
      throw bad(sql, "a procedure name after CALL");
    }
    List<Argument> arguments = new ArrayList<>();
    int parameters = 0;
    if (i < sql.length() && sql.charAt(i) == '(') {
      i = skip(sql, i + 1);
      if (i < sql.length() && sql.charAt(i) == ')') {
        i++;
      } else {
        while (true) {
          if (i >= sql.length()) {
            throw bad(sql, "an argument");
          }
          char c = sql.charAt(i);
          if (c == '?') {
            arguments.add(new Argument(null, parameters++));
            i++;
          } else if (c == '\'') {
            StringBuilder literal = new StringBuilder();
            i++;
            while (true) {
              if (i >= sql.length()) {
                throw bad(sql, "the end of a string literal (')");
              }
              char d = sql.charAt(i++);
              if (d == '\'') {
                if (i < sql.length() && sql.charAt(i) == '\'') {
                  literal.append('\'');
                  i++;
                } else {
                  break;
                }
              } else {
                literal.append(d);
              }
            }
            arguments.add(new Argument(literal.toString(), -1));
          } else if (sql.regionMatches(true, i, "NULL", 0, 4)) {
            arguments.add(new Argument(null, -1));
            i += 4;
          } else {
            throw bad(sql, "a string literal, NULL or ? as argument " + (arguments.size() + 1));
          }
          i = skip(sql, i);
          if (i < sql.length() && sql.charAt(i) == ',') {
            i = skip(sql, i + 1);
          } else if (i < sql.length() && sql.charAt(i) == ')') {
            i++;
            break;
          } else {
            throw bad(sql, "',' or ')' after argument " + arguments.size());
          }
        }
      }
    }
    i = skip(sql, i);
    if (i < sql.length() && sql.charAt(i) == ';') {
      i = skip(sql, i + 1);
    }
    if (i < sql.length()) {
      throw bad(sql, "the end of the statement after the arguments");
    }
    return new CallStatement(schema, name, List.copyOf(arguments), parameters);
  }

  /** Skips blanks and comments ({@code --} to the end of the line, {@code /* ... *}{@code /}). */
  private static int skip(String sql, int i) {
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
      } else {
        break;
      }
    }
    return i;
  }

  private static ShaleSqlException bad(String sql, String expected) {
    return new ShaleSqlException(
        SqlStates.SYNTAX_ERROR,
        "Cannot parse CALL: expected "
            + expected
            + " in: "
            + (sql.length() > 200 ? sql.substring(0, 200) + "..." : sql)
            + ". The form is CALL shale.<procedure>('text' | ? | NULL, ...)");
  }
}
