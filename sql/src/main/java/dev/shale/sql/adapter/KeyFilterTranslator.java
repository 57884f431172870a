package dev.shale.sql.adapter;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.shale.sql.adapter.KeyFilter.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;

/**
 * Splits a filter over kv's row ({@code $0} key, {@code $1} value) into the {@link KeyFilter} a
 * scan can answer and the residual that Calcite must still evaluate.
 *
 * <p>Each conjunct either becomes a key filter exactly (and leaves the residual), becomes a key
 * filter that selects a superset of its rows (and stays in the residual too: {@code LIKE 'a%b'}
 * scans the keys starting with {@code a}), or stays in the residual alone (anything on {@code
 * value}, casts of the key).
 */
final class KeyFilterTranslator {

  /**
   * What a filter splits into: the pushed filter (null if none) and the residual (null if none).
   */
  record Split(KeyFilter keys, RexNode residual) {}

  /** A key filter and whether it selects exactly the rows of the expression it came from. */
  private record Translation(KeyFilter filter, boolean exact) {}

  private KeyFilterTranslator() {}

  static Split split(RexBuilder rexBuilder, RexNode condition) {
    List<KeyFilter> pushed = new ArrayList<>();
    List<RexNode> residual = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      Translation t = translate(conjunct);
      if (t == null) {
        residual.add(conjunct);
      } else {
        pushed.add(t.filter());
        if (!t.exact()) {
          residual.add(conjunct);
        }
      }
    }
    return new Split(
        pushed.isEmpty() ? null : KeyFilter.and(pushed),
        residual.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, residual));
  }

  private static Translation translate(RexNode node) {
    if (!(node instanceof RexCall call)) {
      return null;
    }
    switch (call.getKind()) {
      case AND:
        return and(call.getOperands());
      case OR:
        return or(call.getOperands());
      case NOT:
        {
          Translation inner = translate(call.getOperands().get(0));
          return inner == null || !inner.exact()
              ? null
              : new Translation(KeyFilter.not(inner.filter()), true);
        }
      case SEARCH:
        return search(call);
      case IS_NOT_NULL:
        return isKey(call.getOperands().get(0)) ? new Translation(KeyFilter.all(), true) : null;
      case IS_NULL:
        return isKey(call.getOperands().get(0))
            ? new Translation(KeyFilter.of(TreeRangeSet.create()), true)
            : null;
      case LIKE:
        return like(call);
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison(call);
      default:
        return null;
    }
  }

  private static Translation and(List<RexNode> operands) {
    List<KeyFilter> parts = new ArrayList<>();
    boolean exact = true;
    for (RexNode operand : operands) {
      Translation t = translate(operand);
      if (t == null) {
        exact = false; // the rest is a superset of the rows: the conjunct stays in the residual
      } else {
        parts.add(t.filter());
        exact &= t.exact();
      }
    }
    return parts.isEmpty() ? null : new Translation(KeyFilter.and(parts), exact);
  }

  private static Translation or(List<RexNode> operands) {
    List<KeyFilter> parts = new ArrayList<>();
    boolean exact = true;
    for (RexNode operand : operands) {
      Translation t = translate(operand);
      if (t == null) {
        return null; // one branch might select any key
      }
      parts.add(t.filter());
      exact &= t.exact();
    }
    return new Translation(KeyFilter.or(parts), exact);
  }

  private static Translation search(RexCall call) {
    if (!isKey(call.getOperands().get(0))
        || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
      return null;
    }
    Sarg<?> sarg = literal.getValueAs(Sarg.class);
    if (sarg == null) {
      return null;
    }
    RangeSet<String> keys = TreeRangeSet.create();
    for (Range<?> r : sarg.rangeSet.asRanges()) {
      String lo = r.hasLowerBound() ? text(r.lowerEndpoint()) : null;
      String hi = r.hasUpperBound() ? text(r.upperEndpoint()) : null;
      if ((r.hasLowerBound() && lo == null) || (r.hasUpperBound() && hi == null)) {
        return null; // not a character Sarg
      }
      if (lo != null && hi != null) {
        keys.add(Range.range(lo, r.lowerBoundType(), hi, r.upperBoundType()));
      } else if (lo != null) {
        keys.add(Range.downTo(lo, r.lowerBoundType()));
      } else if (hi != null) {
        keys.add(Range.upTo(hi, r.upperBoundType()));
      } else {
        keys.add(Range.all());
      }
    }
    // The key is never NULL, so the Sarg's treatment of NULL does not matter.
    return new Translation(KeyFilter.of(keys), true);
  }

  private static Translation comparison(RexCall call) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (!isKey(left)) {
      if (!isKey(right)) {
        return null;
      }
      RexNode t = left;
      left = right;
      right = t;
      kind = kind.reverse();
    }
    Endpoint inclusive = endpoint(right, true);
    Endpoint exclusive = endpoint(right, false);
    if (inclusive == null) {
      return null;
    }
    KeyFilter filter;
    switch (kind) {
      case EQUALS:
        filter = KeyFilter.range(inclusive, inclusive);
        break;
      case NOT_EQUALS:
        filter = KeyFilter.not(KeyFilter.range(inclusive, inclusive));
        break;
      case LESS_THAN:
        filter = KeyFilter.range(null, exclusive);
        break;
      case LESS_THAN_OR_EQUAL:
        filter = KeyFilter.range(null, inclusive);
        break;
      case GREATER_THAN:
        filter = KeyFilter.range(exclusive, null);
        break;
      case GREATER_THAN_OR_EQUAL:
        filter = KeyFilter.range(inclusive, null);
        break;
      default:
        return null;
    }
    return new Translation(filter, true);
  }

  /**
   * {@code key LIKE 'p%'} is the range of keys starting with {@code p}, exactly; a pattern with
   * more wildcards after its literal prefix gives that range as a superset.
   */
  private static Translation like(RexCall call) {
    List<RexNode> operands = call.getOperands();
    if (!isKey(operands.get(0)) || !(operands.get(1) instanceof RexLiteral literal)) {
      return null;
    }
    String pattern = text(literal.getValue());
    Character escape = null;
    if (operands.size() > 2) {
      String e = operands.get(2) instanceof RexLiteral l ? text(l.getValue()) : null;
      if (e == null || e.length() != 1) {
        return null;
      }
      escape = e.charAt(0);
    }
    if (pattern == null) {
      return null;
    }
    StringBuilder prefix = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (escape != null && c == escape) {
        if (i + 1 >= pattern.length()) {
          return null; // malformed: let Calcite report it
        }
        prefix.append(pattern.charAt(i + 1));
        i += 2;
      } else if (c == '%' || c == '_') {
        break;
      } else {
        prefix.append(c);
        i++;
      }
    }
    String p = prefix.toString();
    if (i == pattern.length()) {
      Endpoint point = Endpoint.literal(p, true);
      return new Translation(KeyFilter.range(point, point), true);
    }
    if (p.isEmpty()) {
      return null;
    }
    boolean exact = pattern.substring(i).chars().allMatch(ch -> ch == '%');
    return new Translation(KeyFilter.of(TreeRangeSet.create(List.of(prefixRange(p)))), exact);
  }

  /** Every string that starts with {@code p}, in {@link String#compareTo} order. */
  static Range<String> prefixRange(String p) {
    int end = p.length();
    while (end > 0 && p.charAt(end - 1) == Character.MAX_VALUE) {
      end--;
    }
    if (end == 0) {
      return Range.atLeast(p);
    }
    String upper = p.substring(0, end - 1) + (char) (p.charAt(end - 1) + 1);
    return Range.range(p, BoundType.CLOSED, upper, BoundType.OPEN);
  }

  private static Endpoint endpoint(RexNode node, boolean inclusive) {
    if (node instanceof RexDynamicParam param) {
      return Endpoint.parameter(param.getIndex(), inclusive);
    }
    if (node instanceof RexLiteral literal
        && literal.getType().getFamily() == SqlTypeFamily.CHARACTER) {
      String value = text(literal.getValue());
      return value == null ? null : Endpoint.literal(value, inclusive);
    }
    return null;
  }

  private static boolean isKey(RexNode node) {
    return node instanceof RexInputRef ref && ref.getIndex() == 0;
  }

  private static String text(Object value) {
    if (value instanceof NlsString nls) {
      return nls.getValue();
    }
    return value instanceof String s ? s : null;
  }
}
