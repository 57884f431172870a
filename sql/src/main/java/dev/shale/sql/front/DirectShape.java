package dev.shale.sql.front;

import dev.shale.sql.adapter.KeyFilter;
import dev.shale.sql.adapter.KeyFilter.Endpoint;
import dev.shale.sql.adapter.RowCount;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A statement of one of the common single-table shapes, recognised from its tokens alone so that it
 * can run without Calcite (see {@code dev.shale.sql.direct.DirectStatement}). Nothing here, nor in
 * what {@link #of} loads, touches Calcite's parser, validator or planner.
 *
 * <p>The shapes ({@code op} is a {@code 'literal'}, {@code NULL} or {@code ?}; {@code pred} is one
 * or more of {@code key = op}, {@code key < op}, {@code <=}, {@code >}, {@code >=}, {@code key
 * BETWEEN op AND op} and {@code key IN (op, ...)} joined by AND):
 *
 * <ul>
 *   <li>{@code SELECT * | key and value names | COUNT(*) FROM kv [WHERE pred] [ORDER BY key [ASC |
 *       DESC]] [LIMIT n | ?] [OFFSET n | ? [ROW | ROWS]]} (COUNT(*) without ORDER BY, LIMIT or
 *       OFFSET)
 *   <li>{@code INSERT | UPSERT INTO kv [(key, value) | (value, key)] VALUES (op, op) [, ...]}
 *   <li>{@code UPDATE kv SET value = op [WHERE pred]}
 *   <li>{@code DELETE FROM kv [WHERE pred]}
 * </ul>
 *
 * <p>A statement is taken only when its whole text is the shape (one {@code ;} may end it) and
 * Calcite would accept it: anything else, however close, is left to Calcite, so that every path
 * refuses the same malformed text with the same error.
 */
public sealed interface DirectShape {

  /** The {@link java.sql.Types} codes of the statement's parameters, in order. */
  List<Integer> parameterTypes();

  /** The shape of {@code sql}, or null when Calcite must prepare it. Thread-safe. */
  static DirectShape of(String sql) {
    return DirectParser.parse(sql);
  }

  /**
   * An operand: a string literal, the value of parameter {@code ?param}, or NULL (no literal, no
   * parameter).
   *
   * @param literal the literal's text, its quotes removed; null for a parameter or NULL
   * @param param the parameter's index, or -1
   */
  record Operand(String literal, int param) {

    /** The literal NULL. */
    public static final Operand NULL = new Operand(null, -1);

    public boolean isParameter() {
      return param >= 0;
    }

    /** Whether this is the literal NULL. */
    public boolean isNull() {
      return literal == null && param < 0;
    }

    /**
     * Its value, parameters taken from {@code parameters}: a string, or null; a parameter that is
     * not a string is taken as its text.
     */
    public String value(IntFunction<Object> parameters) {
      if (!isParameter()) {
        return literal;
      }
      Object v = parameters.apply(param);
      return v == null ? null : v.toString();
    }

    /** The operand as one end of a key range (NULL: an end that matches nothing). */
    Endpoint endpoint(boolean inclusive) {
      return isParameter()
          ? Endpoint.parameter(param, inclusive)
          : Endpoint.literal(literal, inclusive);
    }
  }

  /**
   * {@code SELECT <columns> FROM kv ...}.
   *
   * @param fields the kv column each result column reads: 0 key, 1 value
   * @param labels each result column's label, as written
   * @param keys the keys the WHERE clause selects, or null for all
   * @param descending whether ORDER BY key DESC
   * @param offset the OFFSET, or null
   * @param fetch the LIMIT, or null
   */
  record Select(
      List<Integer> fields,
      List<String> labels,
      KeyFilter keys,
      boolean descending,
      RowCount offset,
      RowCount fetch,
      List<Integer> parameterTypes)
      implements DirectShape {}

  /**
   * {@code SELECT COUNT(*) FROM kv [WHERE ...]}.
   *
   * @param keys the keys counted, or null for all
   */
  record Count(KeyFilter keys, List<Integer> parameterTypes) implements DirectShape {}

  /**
   * {@code INSERT} or {@code UPSERT INTO kv ... VALUES ...}.
   *
   * @param upsert whether UPSERT
   * @param rows each row's key and value, in that order (the column list applied)
   */
  record Insert(boolean upsert, List<List<Operand>> rows, List<Integer> parameterTypes)
      implements DirectShape {}

  /**
   * {@code UPDATE kv SET value = <value> [WHERE ...]}.
   *
   * @param value the new value
   * @param keys the keys updated, or null for all
   */
  record Update(Operand value, KeyFilter keys, List<Integer> parameterTypes)
      implements DirectShape {}

  /**
   * {@code DELETE FROM kv [WHERE ...]}.
   *
   * @param keys the keys deleted, or null for all
   */
  record Delete(KeyFilter keys, List<Integer> parameterTypes) implements DirectShape {}
}
