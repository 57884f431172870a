package dev.shale.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Renders {@link FirstStatementResults}: the Markdown tables (first statement per shape judged
 * against issue 13's goal, connect judged against H2, then the second statement and the child
 * process), a CSV of the medians and a CSV of every sample.
 */
final class FirstStatementReport {

  /** The goal's absolute bound: a first statement under this many milliseconds is fine. */
  static final double GOAL_MILLIS = 10;

  /** The goal's relative bound: at most this many times H2's first statement. */
  static final double GOAL_RATIO = 2;

  /** A metric of one sample, in milliseconds. */
  enum Metric {
    CONNECT("connect", s -> s.connectNanos() / 1e6),
    FIRST("first", s -> s.firstNanos() / 1e6),
    SECOND("second", s -> s.secondNanos() / 1e6),
    PROCESS("process", s -> s.processNanos() / 1e6),
    JVM_TO_MAIN("jvm_to_main", s -> s.jvmToMainMillis());

    private final String label;
    private final ToDoubleFunction<FirstStatementProbe.Sample> millis;

    Metric(String label, ToDoubleFunction<FirstStatementProbe.Sample> millis) {
      this.label = label;
      this.millis = millis;
    }

    String label() {
      return label;
    }

    double millis(FirstStatementProbe.Sample sample) {
      return millis.applyAsDouble(sample);
    }
  }

  private FirstStatementReport() {}

  static String markdown(FirstStatementResults results, int runs) {
    StringBuilder md = new StringBuilder();
    md.append("## First statement in a fresh JVM\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- median of %d fresh JVMs per database and shape, on a closed database of %,d rows"
                + " created by an earlier JVM (each child gets its own copy)%n",
            runs,
            results.rows()));
    md.append("- child JVM: ").append(results.jvm()).append('\n');
    for (JdbcTarget target : results.targets()) {
      results
          .facts(target)
          .forEach(
              (name, value) ->
                  md.append("- ")
                      .append(target.displayName())
                      .append(' ')
                      .append(name)
                      .append(": ")
                      .append(value)
                      .append('\n'));
    }
    md.append(
        "- first = prepare + bind + execute + read every row + close of the first statement;"
            + " connect = the driver's connect; times in ms\n\n");

    boolean judged = results.targets().contains(JdbcTarget.SHALE);
    boolean ratio = judged && results.targets().contains(JdbcTarget.H2);
    List<String> header = new ArrayList<>(List.of("shape"));
    for (JdbcTarget target : results.targets()) {
      header.add(target.displayName() + " first ms");
    }
    if (ratio) {
      header.add("Shale/H2");
    }
    if (judged) {
      header.add("goal (≤ 2× H2 or < 10 ms)");
    }
    MarkdownReport.row(md, header);
    List<String> headerRule = rule(header.size());
    if (judged) {
      headerRule.set(headerRule.size() - 1, "---");
    }
    MarkdownReport.row(md, headerRule);
    List<String> failures = new ArrayList<>();
    for (FirstStatementShape shape : results.shapes()) {
      List<String> cells = new ArrayList<>(List.of(shape.optionName()));
      for (JdbcTarget target : results.targets()) {
        cells.add(cell(results, target, shape, Metric.FIRST, failures));
      }
      OptionalDouble shale = median(results.samples(JdbcTarget.SHALE, shape), Metric.FIRST);
      OptionalDouble h2 = median(results.samples(JdbcTarget.H2, shape), Metric.FIRST);
      if (ratio) {
        cells.add(ratioCell(shale, h2));
      }
      if (judged) {
        cells.add(firstVerdict(shale, h2));
      }
      MarkdownReport.row(md, cells);
    }
    List<String> connect = new ArrayList<>(List.of("connect (all shapes)"));
    for (JdbcTarget target : results.targets()) {
      connect.add(format(median(results.samples(target), Metric.CONNECT)));
    }
    OptionalDouble shaleConnect = median(results.samples(JdbcTarget.SHALE), Metric.CONNECT);
    OptionalDouble h2Connect = median(results.samples(JdbcTarget.H2), Metric.CONNECT);
    if (ratio) {
      connect.add(ratioCell(shaleConnect, h2Connect));
    }
    if (judged) {
      connect.add(connectVerdict(shaleConnect, h2Connect));
    }
    MarkdownReport.row(md, connect);

    md.append('\n');
    List<String> second = new ArrayList<>(List.of("shape"));
    for (JdbcTarget target : results.targets()) {
      second.add(target.displayName() + " second ms");
    }
    for (JdbcTarget target : results.targets()) {
      second.add(target.displayName() + " process ms");
    }
    MarkdownReport.row(md, second);
    MarkdownReport.row(md, rule(second.size()));
    for (FirstStatementShape shape : results.shapes()) {
      List<String> cells = new ArrayList<>(List.of(shape.optionName()));
      for (JdbcTarget target : results.targets()) {
        cells.add(cell(results, target, shape, Metric.SECOND, null));
      }
      for (JdbcTarget target : results.targets()) {
        cells.add(cell(results, target, shape, Metric.PROCESS, null));
      }
      MarkdownReport.row(md, cells);
    }
    List<String> jvm = new ArrayList<>(List.of("JVM start to main (all shapes)"));
    for (JdbcTarget target : results.targets()) {
      jvm.add(format(median(results.samples(target), Metric.JVM_TO_MAIN)));
    }
    for (int i = 0; i < results.targets().size(); i++) {
      jvm.add("");
    }
    MarkdownReport.row(md, jvm);
    md.append(
        "\nprocess = the child from start to exit as the parent sees it: JVM start, connect, both"
            + " statements, close and JVM exit.\n");
    if (!failures.isEmpty()) {
      md.append("\nFailed:\n\n");
      for (String failure : failures) {
        md.append("- ").append(failure).append('\n');
      }
    }
    return md.toString();
  }

  /** {@code first-statement.csv}: one row per database, shape and metric. */
  static void csv(FirstStatementResults results, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("target,shape,metric,runs,median_ms,min_ms,max_ms,error");
    for (FirstStatementShape shape : results.shapes()) {
      for (JdbcTarget target : results.targets()) {
        List<FirstStatementProbe.Sample> samples = results.samples(target, shape);
        String error = results.error(target, shape).orElse("");
        for (Metric metric : Metric.values()) {
          List<Double> values = samples.stream().map(metric::millis).sorted().toList();
          lines.add(
              String.join(
                  ",",
                  target.optionName(),
                  shape.optionName(),
                  metric.label(),
                  Integer.toString(values.size()),
                  values.isEmpty() ? "" : CsvReport.number(median(values)),
                  values.isEmpty() ? "" : CsvReport.number(values.get(0)),
                  values.isEmpty() ? "" : CsvReport.number(values.get(values.size() - 1)),
                  CsvReport.field(error)));
        }
      }
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** {@code first-statement-samples.csv}: every child, in the order they ran. */
  static void samplesCsv(FirstStatementResults results, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder header = new StringBuilder("run,target,shape");
    for (Metric metric : Metric.values()) {
      header.append(',').append(metric.label()).append("_ms");
    }
    lines.add(header.toString());
    for (FirstStatementResults.Row row : results.rowsInOrder()) {
      StringBuilder line =
          new StringBuilder()
              .append(row.run())
              .append(',')
              .append(row.target().optionName())
              .append(',')
              .append(row.shape().optionName());
      for (Metric metric : Metric.values()) {
        line.append(',').append(CsvReport.number(metric.millis(row.s())));
      }
      lines.add(line.toString());
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  static OptionalDouble median(List<FirstStatementProbe.Sample> samples, Metric metric) {
    if (samples.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(median(samples.stream().map(metric::millis).sorted().toList()));
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String cell(
      FirstStatementResults results,
      JdbcTarget target,
      FirstStatementShape shape,
      Metric metric,
      List<String> failures) {
    var error = results.error(target, shape);
    if (error.isPresent() && failures != null) {
      failures.add(target.displayName() + " " + shape.optionName() + ": " + error.get());
    }
    String value = format(median(results.samples(target, shape), metric));
    return error.isPresent() ? (value.equals("—") ? "failed" : value + " (failed runs)") : value;
  }

  private static String format(OptionalDouble millis) {
    return millis.isPresent() ? MarkdownReport.micros(millis.getAsDouble()) : "—";
  }

  private static String ratioCell(OptionalDouble shale, OptionalDouble h2) {
    return shale.isPresent() && h2.isPresent() && h2.getAsDouble() > 0
        ? MarkdownReport.ratio(shale.getAsDouble() / h2.getAsDouble())
        : "—";
  }

  private static String firstVerdict(OptionalDouble shale, OptionalDouble h2) {
    if (shale.isEmpty()) {
      return "—";
    }
    double ms = shale.getAsDouble();
    if (ms < GOAL_MILLIS) {
      return "met (< 10 ms)";
    }
    if (h2.isEmpty()) {
      return "not met (no H2 to compare)";
    }
    return ms <= GOAL_RATIO * h2.getAsDouble() ? "met (≤ 2× H2)" : "not met";
  }

  private static String connectVerdict(OptionalDouble shale, OptionalDouble h2) {
    if (shale.isEmpty() || h2.isEmpty()) {
      return "—";
    }
    return shale.getAsDouble() <= h2.getAsDouble() ? "met (≤ H2)" : "not met (goal ≤ H2)";
  }

  private static List<String> rule(int columns) {
    List<String> rule = new ArrayList<>(List.of("---"));
    for (int i = 1; i < columns; i++) {
      rule.add("--:");
    }
    return rule;
  }

  /**
   * The first statements (and connect) as {@link Results} of medians, Shale the reference, for
   * {@link RatioChart}: each bar is Shale's time over another database's.
   */
  static Results ratios(FirstStatementResults results) {
    List<String> subjects = results.targets().stream().map(JdbcTarget::displayName).toList();
    List<String> workloads = new java.util.ArrayList<>();
    workloads.add("connect");
    results.shapes().forEach(shape -> workloads.add(shape.optionName()));
    Results out = new Results("First statement in a fresh JVM", subjects, workloads);
    for (JdbcTarget target : results.targets()) {
      List<FirstStatementProbe.Sample> all = results.samples(target);
      median(all, Metric.CONNECT)
          .ifPresent(
              ms -> out.add(Measurement.median(target.displayName(), "connect", all.size(), ms)));
      for (FirstStatementShape shape : results.shapes()) {
        List<FirstStatementProbe.Sample> samples = results.samples(target, shape);
        median(samples, Metric.FIRST)
            .ifPresent(
                ms ->
                    out.add(
                        Measurement.median(
                            target.displayName(), shape.optionName(), samples.size(), ms)));
      }
    }
    return out;
  }
}
