package dev.shale.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line of a benchmark main: {@code --name value}, {@code --name=value}, or a bare
 * {@code --flag} meaning true. Unknown names fail, so a typo never silently runs the defaults.
 */
final class BenchArgs {

  private final Map<String, String> values;

  private BenchArgs(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code args}; {@code options} are the names that take a value, {@code flags} those that
   * may stand alone.
   */
  static BenchArgs parse(String[] args, Set<String> options, Set<String> flags) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Expected --name, got '" + arg + "'");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name)) {
        values.put(name, value == null ? "true" : value);
      } else if (options.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--" + name + " needs a value");
          }
          value = args[++i];
        }
        values.put(name, value);
      } else {
        throw new IllegalArgumentException(
            "Unknown option --"
                + name
                + "; known: "
                + new TreeSet<>(options)
                + ", flags: "
                + new TreeSet<>(flags));
      }
    }
    return new BenchArgs(values);
  }

  String string(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  /** Accepts 1000000, 1_000_000 and 1,000,000. */
  long number(String name, long defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
    }
  }

  boolean flag(String name) {
    String value = values.get(name);
    if (value == null) {
      return false;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("--" + name + " is true or false, not " + value);
    }
    return Boolean.parseBoolean(value);
  }

  /** A comma-separated list, lower-cased, without blanks. */
  List<String> list(String name, String defaultValue) {
    return Arrays.stream(string(name, defaultValue).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> s.toLowerCase(Locale.ROOT))
        .toList();
  }
}
