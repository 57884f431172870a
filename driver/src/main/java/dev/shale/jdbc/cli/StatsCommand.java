package dev.shale.jdbc.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stats --dir <dir> | --url <url>}: the engine's counters ({@code sys.stats}) grouped, its
 * levels ({@code sys.levels}) and a picture of the tree's shape, read through JDBC from the {@code
 * sys} schema, so a served database answers as an embedded one does.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description =
        "Print the engine's counters, its levels and a picture of the LSM tree's shape (from the"
            + " sys schema), of a database directory or of any Shale URL (e.g. a served one).")
final class StatsCommand implements Callable<Integer> {

  static final class Target {
    @Option(
        names = "--dir",
        paramLabel = "<dir>",
        description = "the database directory (opened embedded; it must not be open elsewhere)")
    Path dir;

    @Option(
        names = "--url",
        paramLabel = "<url>",
        description = "a Shale URL, e.g. jdbc:shale:remote:127.0.0.1:8765")
    String url;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  /** Width of a level's bar in the picture. */
  static final int BAR = 40;

  /** The groups counters are printed in, by name prefix; the rest under "other". */
  private static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("Reads", List.of("gets", "served_by_"));
    GROUPS.put("Bloom filters and block cache", List.of("bloom_", "block_cache_"));
    GROUPS.put(
        "Writes",
        List.of(
            "puts",
            "deletes",
            "range_deletes",
            "user_bytes_written",
            "log_bytes_written",
            "write_groups",
            "log_syncs"));
    GROUPS.put("Flushes and compactions", List.of("flush", "compaction", "trivial_moves"));
    GROUPS.put("Stalls", List.of("slowed_writes", "stopped_writes", "stall_nanos"));
    GROUPS.put(
        "Space",
        List.of(
            "table_",
            "tables_mapped",
            "last_level_bytes",
            "write_amplification",
            "space_amplification"));
    GROUPS.put("Key and value sizes", List.of("key_size_", "value_size_"));
  }

  @Override
  public Integer call() {
    String url;
    if (target.dir != null) {
      if (!Files.isDirectory(target.dir)) {
        System.err.println("stats: no database directory at " + target.dir.toAbsolutePath());
        return 2;
      }
      url = "jdbc:shale:" + target.dir;
    } else {
      url = target.url;
    }
    try (Connection c = DriverManager.getConnection(url)) {
      print(c, url, System.out);
      return 0;
    } catch (SQLException e) {
      System.err.println(
          "stats of "
              + url
              + " failed: "
              + e.getMessage()
              + " ("
              + e.getSQLState()
              + ")"
              + (target.dir != null
                  ? "; if a server has the directory open, use --url with its address"
                  : ""));
      return 1;
    }
  }

  /** Prints the counters, levels and shape of the database on {@code c}. */
  static void print(Connection c, String url, PrintStream out) throws SQLException {
    out.println("Shale stats of " + url);
    printStats(c, out);
    List<long[]> levels = new ArrayList<>();
    List<String[]> keys = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT level, files, bytes, target_bytes, score, smallest_key, largest_key"
                    + " FROM sys.levels ORDER BY level")) {
      while (rs.next()) {
        levels.add(new long[] {rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)});
        scores.add(rs.getDouble(5));
        keys.add(new String[] {rs.getString(6), rs.getString(7)});
      }
    }
    out.println();
    out.println("Levels");
    out.println(
        String.format(
            Locale.ROOT,
            "  %-5s %6s %12s %12s %7s  %s",
            "level",
            "files",
            "bytes",
            "target",
            "score",
            "keys"));
    for (int i = 0; i < levels.size(); i++) {
      long[] l = levels.get(i);
      out.println(
          String.format(
                  Locale.ROOT,
                  "  L%-4d %6d %12s %12s %7.2f  %s",
                  l[0],
                  l[1],
                  bytes(l[2]),
                  l[3] == 0 ? "-" : bytes(l[3]),
                  scores.get(i),
                  keys.get(i)[0] == null ? "" : keys.get(i)[0] + " .. " + keys.get(i)[1])
              .stripTrailing());
    }
    out.println();
    out.println(
        "Shape (bar: bytes against the level's target; level 0: files against its trigger)");
    for (String line : picture(levels, scores)) {
      out.println("  " + line);
    }
  }

  private static void printStats(Connection c, PrintStream out) throws SQLException {
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    for (String g : GROUPS.keySet()) {
      grouped.put(g, new ArrayList<>());
    }
    grouped.put("Other", new ArrayList<>());
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, value, unit FROM sys.stats")) {
      while (rs.next()) {
        String name = rs.getString(1);
        String line =
            String.format(
                Locale.ROOT,
                "  %-26s %16s%s",
                name,
                rs.getString(2),
                human(rs.getString(2), rs.getString(3)));
        grouped.get(group(name)).add(line);
      }
    }
    for (Map.Entry<String, List<String>> g : grouped.entrySet()) {
      if (g.getValue().isEmpty()) {
        continue;
      }
      out.println();
      out.println(g.getKey());
      g.getValue().forEach(out::println);
    }
  }

  private static String group(String name) {
    for (Map.Entry<String, List<String>> g : GROUPS.entrySet()) {
      for (String prefix : g.getValue()) {
        if (name.equals(prefix) || name.startsWith(prefix)) {
          return g.getKey();
        }
      }
    }
    return "Other";
  }

  /** A readable form of a value beside the exact one: bytes in KiB/MiB, nanoseconds in ms. */
  private static String human(String value, String unit) {
    try {
      long n = Long.parseLong(value);
      if ("bytes".equals(unit) && n >= 1024) {
        return "  (" + bytes(n) + ")";
      }
      if ("ns".equals(unit) && n > 0) {
        return String.format(Locale.ROOT, "  (%.1f ms)", n / 1e6);
      }
    } catch (NumberFormatException e) {
      // a ratio or a mean: as it is
    }
    return "";
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    double v = n;
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /**
   * One bar per level down to the deepest with tables: filled as far as its score (bytes over
   * target; level 0 files over trigger), {@code !} past the end when over 1; the last level, which
   * has no target, against the largest level.
   */
  static List<String> picture(List<long[]> levels, List<Double> scores) {
    int deepest = 0;
    long largest = 1;
    for (long[] l : levels) {
      if (l[1] > 0) {
        deepest = (int) l[0];
      }
      largest = Math.max(largest, l[2]);
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i <= deepest && i < levels.size(); i++) {
      long[] l = levels.get(i);
      boolean last = l[3] == 0 && l[0] > 0;
      double fill = last ? (double) l[2] / largest : scores.get(i);
      int filled = (int) Math.round(Math.min(1, fill) * BAR);
      StringBuilder bar = new StringBuilder("L").append(l[0]).append(" [");
      bar.append("#".repeat(filled)).append(".".repeat(BAR - filled)).append(']');
      bar.append(fill > 1 ? '!' : ' ');
      String what =
          l[0] == 0
              ? String.format(Locale.ROOT, " %d files, score %.2f", l[1], scores.get(i))
              : last
                  ? String.format(
                      Locale.ROOT, " %s, %d files (last level: no target)", bytes(l[2]), l[1])
                  : String.format(
                      Locale.ROOT,
                      " %s of %s, %d files, score %.2f",
                      bytes(l[2]),
                      bytes(l[3]),
                      l[1],
                      scores.get(i));
      lines.add(bar + what);
    }
    return lines;
  }
}
