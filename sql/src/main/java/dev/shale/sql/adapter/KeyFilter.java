package dev.shale.sql.adapter;

import com.google.common.collect.BoundType;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.shale.sql.exec.KvEncoding;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The part of a WHERE clause that a kv scan answers itself: a set of keys, as a tree of key ranges
 * whose endpoints are literals or dynamic parameters. A tree without parameters is folded into one
 * {@link Ranges} when it is made; one with parameters is folded at execute time by {@link
 * #resolve}, so a prepared statement is planned once whatever its parameters are.
 *
 * <p>Ranges are over {@link String}s in {@link String#compareTo} order, the order SQL compares
 * VARCHAR in; the key encoding ({@link KvEncoding}) preserves it, so they map one to one onto
 * ranges of engine bytes.
 */
public sealed interface KeyFilter {

  /** Every key. */
  static KeyFilter all() {
    return Every.ALL;
  }

  /** Holds {@link #all()}: made on first use, so that this interface loads no range set. */
  final class Every {
    private static final KeyFilter ALL = new Ranges(ImmutableRangeSet.of(Range.all()));

    private Every() {}
  }

  /** The keys this filter selects, its parameters taken from {@code parameters}. */
  RangeSet<String> resolve(IntFunction<Object> parameters);

  /**
   * The parameters of a filter that has none. A class, not a lambda: a lambda's class is spun the
   * first time it is evaluated in a JVM (about half a millisecond before the JIT has run), on the
   * path of a first ad-hoc statement.
   */
  IntFunction<Object> NO_PARAMETERS =
      new IntFunction<>() {
        @Override
        public Object apply(int index) {
          return null;
        }
      };

  /** Whether this filter has a dynamic parameter, so that only execution knows its ranges. */
  boolean hasParameters();

  /** The filter as EXPLAIN shows it. */
  String describe();

  /** One end of a range: a literal or the value of dynamic parameter {@code ?param}. */
  record Endpoint(String literal, int param, boolean inclusive) {

    public static Endpoint literal(String value, boolean inclusive) {
      return new Endpoint(value, -1, inclusive);
    }

    public static Endpoint parameter(int index, boolean inclusive) {
      return new Endpoint(null, index, inclusive);
    }

    public boolean isParameter() {
      return param >= 0;
    }

    /** The endpoint's value; null when a parameter is bound to NULL (which matches nothing). */
    String value(IntFunction<Object> parameters) {
      if (!isParameter()) {
        return literal;
      }
      Object value = parameters.apply(param);
      return value == null ? null : value.toString();
    }

    String describe() {
      return isParameter() ? "?" + param : quote(literal);
    }
  }

  /**
   * The keys between {@code lower} and {@code upper}, either of which may be null for no bound; a
   * leaf with at least one parameter (literal leaves fold into {@link Ranges}).
   */
  record Leaf(Endpoint lower, Endpoint upper) implements KeyFilter {

    @Override
    public RangeSet<String> resolve(IntFunction<Object> parameters) {
      String lo = lower == null ? null : lower.value(parameters);
      String hi = upper == null ? null : upper.value(parameters);
      if ((lower != null && lo == null) || (upper != null && hi == null)) {
        return ImmutableRangeSet.of(); // a comparison with NULL is never true
      }
      return ImmutableRangeSet.of(range(lo, lower, hi, upper)); // empty range: empty set
    }

    private static Range<String> range(String lo, Endpoint lower, String hi, Endpoint upper) {
      if (lower != null && upper != null) {
        int c = lo.compareTo(hi);
        if (c > 0 || (c == 0 && !(lower.inclusive() && upper.inclusive()))) {
          return Range.closedOpen(lo, lo); // empty
        }
        return Range.range(lo, type(lower), hi, type(upper));
      }
      if (lower != null) {
        return Range.downTo(lo, type(lower));
      }
      if (upper != null) {
        return Range.upTo(hi, type(upper));
      }
      return Range.all();
    }

    private static BoundType type(Endpoint e) {
      return e.inclusive() ? BoundType.CLOSED : BoundType.OPEN;
    }

    @Override
    public boolean hasParameters() {
      return (lower != null && lower.isParameter()) || (upper != null && upper.isParameter());
    }

    @Override
    public String describe() {
      if (lower != null
          && upper != null
          && lower.inclusive()
          && upper.inclusive()
          && lower.equals(upper)) {
        return "[" + lower.describe() + "]";
      }
      return (lower == null ? "(-∞" : (lower.inclusive() ? "[" : "(") + lower.describe())
          + ".."
          + (upper == null ? "+∞)" : upper.describe() + (upper.inclusive() ? "]" : ")"));
    }
  }

  /** A fixed set of keys: sorted, disjoint ranges. */
  record Ranges(ImmutableRangeSet<String> set) implements KeyFilter {

    @Override
    public RangeSet<String> resolve(IntFunction<Object> parameters) {
      return set;
    }

    @Override
    public boolean hasParameters() {
      return false;
    }

    @Override
    public String describe() {
      if (set.isEmpty()) {
        return "[]";
      }
      return set.asRanges().stream().map(Ranges::describe).collect(Collectors.joining(", "));
    }

    static String describe(Range<String> r) {
      if (r.hasLowerBound()
          && r.hasUpperBound()
          && r.lowerEndpoint().equals(r.upperEndpoint())
          && r.lowerBoundType() == BoundType.CLOSED) {
        return "[" + quote(r.lowerEndpoint()) + "]";
      }
      String lo =
          r.hasLowerBound()
              ? (r.lowerBoundType() == BoundType.CLOSED ? "[" : "(") + quote(r.lowerEndpoint())
              : "(-∞";
      String hi =
          r.hasUpperBound()
              ? quote(r.upperEndpoint()) + (r.upperBoundType() == BoundType.CLOSED ? "]" : ")")
              : "+∞)";
      return lo + ".." + hi;
    }
  }

  /** The keys every one of {@code parts} selects. */
  record And(List<KeyFilter> parts) implements KeyFilter {

    @Override
    public RangeSet<String> resolve(IntFunction<Object> parameters) {
      RangeSet<String> result = TreeRangeSet.create(parts.get(0).resolve(parameters));
      for (int i = 1; i < parts.size() && !result.isEmpty(); i++) {
        result.removeAll(parts.get(i).resolve(parameters).complement());
      }
      return result;
    }

    @Override
    public boolean hasParameters() {
      return parts.stream().anyMatch(KeyFilter::hasParameters);
    }

    @Override
    public String describe() {
      return parts.stream().map(KeyFilter::describe).collect(Collectors.joining(" ∩ ", "(", ")"));
    }
  }

  /** The keys any one of {@code parts} selects. */
  record Or(List<KeyFilter> parts) implements KeyFilter {

    @Override
    public RangeSet<String> resolve(IntFunction<Object> parameters) {
      RangeSet<String> result = TreeRangeSet.create();
      for (KeyFilter part : parts) {
        result.addAll(part.resolve(parameters));
      }
      return result;
    }

    @Override
    public boolean hasParameters() {
      return parts.stream().anyMatch(KeyFilter::hasParameters);
    }

    @Override
    public String describe() {
      return parts.stream().map(KeyFilter::describe).collect(Collectors.joining(" ∪ ", "(", ")"));
    }
  }

  /** The keys {@code part} does not select. */
  record Not(KeyFilter part) implements KeyFilter {

    @Override
    public RangeSet<String> resolve(IntFunction<Object> parameters) {
      return part.resolve(parameters).complement();
    }

    @Override
    public boolean hasParameters() {
      return part.hasParameters();
    }

    @Override
    public String describe() {
      return "¬" + part.describe();
    }
  }

  /** The filter of {@code set}. */
  static KeyFilter of(RangeSet<String> set) {
    return new Ranges(ImmutableRangeSet.copyOf(set));
  }

  /**
   * {@code parts} intersected, folded when none has parameters. A lower bound and an upper bound
   * ({@code key >= ? AND key < ?}) become one range, the keys between them.
   */
  static KeyFilter and(List<KeyFilter> parts) {
    if (parts.size() == 2
        && parts.get(0) instanceof Leaf a
        && parts.get(1) instanceof Leaf b
        && (a.upper() == null) != (b.upper() == null)
        && (a.lower() == null) != (b.lower() == null)
        && (a.lower() == null) == (a.upper() != null)) {
      return range(
          a.lower() != null ? a.lower() : b.lower(), a.upper() != null ? a.upper() : b.upper());
    }
    return fold(parts.size() == 1 ? parts.get(0) : new And(List.copyOf(parts)));
  }

  /** {@code parts} united, folded when none has parameters. */
  static KeyFilter or(List<KeyFilter> parts) {
    return fold(parts.size() == 1 ? parts.get(0) : new Or(List.copyOf(parts)));
  }

  static KeyFilter not(KeyFilter part) {
    return fold(new Not(part));
  }

  /** A leaf, folded when both ends are literals. */
  public static KeyFilter range(Endpoint lower, Endpoint upper) {
    return fold(new Leaf(lower, upper));
  }

  private static KeyFilter fold(KeyFilter filter) {
    if (filter instanceof Ranges || filter.hasParameters()) {
      return filter;
    }
    return of(filter.resolve(NO_PARAMETERS));
  }

  /** A guess of how many of {@code tableRows} rows {@code filter} selects, for the planner. */
  static double estimateRows(KeyFilter filter, double tableRows) {
    double rows;
    if (filter instanceof Ranges r) {
      rows = 0;
      for (Range<String> range : r.set().asRanges()) {
        boolean point =
            range.hasLowerBound()
                && range.hasUpperBound()
                && range.lowerEndpoint().equals(range.upperEndpoint());
        rows +=
            point ? 1 : tableRows * (range.hasLowerBound() && range.hasUpperBound() ? 0.05 : 0.2);
      }
    } else if (filter instanceof Leaf leaf) {
      boolean point = leaf.lower() != null && leaf.lower().equals(leaf.upper());
      rows = point ? 1 : tableRows * 0.2;
    } else if (filter instanceof And and) {
      rows = tableRows;
      for (KeyFilter part : and.parts()) {
        rows =
            Math.min(rows, estimateRows(part, tableRows) * (part == and.parts().get(0) ? 1 : 0.5));
      }
    } else if (filter instanceof Or or) {
      rows = 0;
      for (KeyFilter part : or.parts()) {
        rows += estimateRows(part, tableRows);
      }
    } else {
      rows = Math.max(tableRows * 0.5, tableRows - estimateRows(((Not) filter).part(), tableRows));
    }
    return Math.min(rows, tableRows);
  }

  /** The literal as SQL writes it. */
  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
