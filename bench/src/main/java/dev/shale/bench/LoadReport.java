package dev.shale.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Renders {@link LoadResults} as Markdown (one table of throughput and latency per client count,
 * one of latency per operation kind, the servers' facts) and as two CSV files (RFC 4180).
 */
final class LoadReport {

  private LoadReport() {}

  static String markdown(LoadResults results) {
    StringBuilder md = new StringBuilder();
    md.append("## Many clients over the network: ")
        .append(String.join(" beside ", results.targets()))
        .append("\n\n");
    for (String note : results.notes()) {
      md.append("- ").append(note).append('\n');
    }
    md.append('\n');

    List<String> header = new ArrayList<>(List.of("clients"));
    addColumns(results, header, "ops/s");
    addColumns(results, header, "p50 µs");
    addColumns(results, header, "p99 µs");
    for (String target : results.targets()) {
      header.add(target + " errors");
    }
    table(md, header);
    for (int clients : results.clients()) {
      List<String> cells = new ArrayList<>(List.of(Integer.toString(clients)));
      addCells(results, clients, cells, LoadPoint::opsPerSecond, true);
      addCells(results, clients, cells, p -> p.micros(null, 50), false);
      addCells(results, clients, cells, p -> p.micros(null, 99), false);
      for (String target : results.targets()) {
        cells.add(
            results
                .get(target, clients)
                .map(p -> p.measured() ? MarkdownReport.count(p.errors()) : "failed")
                .orElse("—"));
      }
      row(md, cells);
    }
    md.append('\n');

    List<String> opHeader = new ArrayList<>(List.of("clients", "operation"));
    addColumns(results, opHeader, "p50 µs");
    addColumns(results, opHeader, "p99 µs");
    table(md, opHeader);
    for (int clients : results.clients()) {
      for (MixedOp op : MixedOp.values()) {
        List<String> cells = new ArrayList<>(List.of(Integer.toString(clients), op.label()));
        addCells(results, clients, cells, p -> p.micros(op, 50), false);
        addCells(results, clients, cells, p -> p.micros(op, 99), false);
        row(md, cells);
      }
    }
    md.append('\n');
    if (!results.others().isEmpty()) {
      String us = results.reference();
      md.append(us)
          .append("/other ops/s is ")
          .append(us)
          .append("'s throughput over the other's: above 1 means ")
          .append(us)
          .append(" serves more. ")
          .append(us)
          .append("/other p50 and p99 are ")
          .append(us)
          .append("'s latency over the other's: below 1 means ")
          .append(us)
          .append(" answers sooner.\n\n");
    }

    for (LoadPoint point : results.points()) {
      if (point.errors() > 0) {
        md.append(
            String.format(
                "- **%s** %s, %d clients: %,d errors; the first: %s%n",
                point.measured() ? "errors" : "failed",
                point.target(),
                point.clients(),
                point.errors(),
                firstLine(point.firstError())));
      }
    }
    if (results.failed()) {
      md.append('\n');
    }

    List<String> factHeader = new ArrayList<>(List.of(""));
    factHeader.addAll(results.factNames());
    if (!results.factNames().isEmpty()) {
      List<String> rule = new ArrayList<>();
      factHeader.forEach(h -> rule.add("---"));
      row(md, factHeader);
      row(md, rule);
      for (String target : results.targets()) {
        List<String> cells = new ArrayList<>(List.of(target));
        for (String name : results.factNames()) {
          cells.add(results.fact(target, name));
        }
        row(md, cells);
      }
      md.append('\n');
    }
    return md.toString();
  }

  /**
   * One row per server, client count and operation kind ("all" first: its ops/s is the throughput,
   * its errors the point's); latencies in µs.
   */
  static void csv(LoadResults results, Path pointsFile, Path factsFile) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "target,clients,operation,ops,seconds,ops_per_sec,p50_us,p90_us,p99_us,p999_us,max_us,"
            + "errors,first_error");
    for (LoadPoint point : results.points()) {
      List<MixedOp> kinds = new ArrayList<>();
      kinds.add(null);
      kinds.addAll(List.of(MixedOp.values()));
      for (MixedOp op : kinds) {
        long ops = op == null ? point.ops() : point.ops(op);
        boolean any = point.measured() && ops > 0;
        double seconds = point.wallNanos() / 1e9;
        lines.add(
            String.join(
                ",",
                CsvReport.field(point.target()),
                Integer.toString(point.clients()),
                op == null ? "all" : CsvReport.field(op.label()),
                Long.toString(ops),
                point.measured() ? CsvReport.number(seconds) : "",
                any ? CsvReport.number(ops / seconds) : "",
                any ? CsvReport.number(point.micros(op, 50)) : "",
                any ? CsvReport.number(point.micros(op, 90)) : "",
                any ? CsvReport.number(point.micros(op, 99)) : "",
                any ? CsvReport.number(point.micros(op, 99.9)) : "",
                any ? CsvReport.number(point.micros(op, 100)) : "",
                op == null ? Long.toString(point.errors()) : "",
                op == null && point.firstError() != null
                    ? CsvReport.field(point.firstError())
                    : ""));
      }
    }
    Files.write(pointsFile, lines, StandardCharsets.UTF_8);

    List<String> facts = new ArrayList<>();
    facts.add("target,fact,value");
    for (String target : results.targets()) {
      for (String name : results.factNames()) {
        facts.add(
            String.join(
                ",",
                CsvReport.field(target),
                CsvReport.field(name),
                CsvReport.field(results.fact(target, name))));
      }
    }
    Files.write(factsFile, facts, StandardCharsets.UTF_8);
  }

  private static void addColumns(LoadResults results, List<String> header, String metric) {
    for (String target : results.targets()) {
      header.add(target + " " + metric);
    }
    for (String other : results.others()) {
      header.add(results.reference() + "/" + other + " " + metric.replace(" µs", ""));
    }
  }

  /** The metric of each server, then the reference's over each other's. */
  private static void addCells(
      LoadResults results,
      int clients,
      List<String> cells,
      ToDoubleFunction<LoadPoint> metric,
      boolean rate) {
    for (String target : results.targets()) {
      Optional<LoadPoint> point = results.get(target, clients).filter(LoadPoint::measured);
      cells.add(
          point
              .map(
                  p ->
                      rate
                          ? MarkdownReport.count(Math.round(metric.applyAsDouble(p)))
                          : MarkdownReport.micros(metric.applyAsDouble(p)))
              .orElse("—"));
    }
    Optional<LoadPoint> ours =
        results.get(results.reference(), clients).filter(LoadPoint::measured);
    for (String other : results.others()) {
      Optional<LoadPoint> theirs = results.get(other, clients).filter(LoadPoint::measured);
      if (ours.isPresent() && theirs.isPresent() && metric.applyAsDouble(theirs.get()) > 0) {
        cells.add(
            MarkdownReport.ratio(
                metric.applyAsDouble(ours.get()) / metric.applyAsDouble(theirs.get())));
      } else {
        cells.add("—");
      }
    }
  }

  /** A table cell or list item holds one line; the CSV keeps the whole message. */
  private static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + " …" : line;
  }

  private static void table(StringBuilder md, List<String> header) {
    row(md, header);
    List<String> rule = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      rule.add(i == 0 || header.get(i).equals("operation") ? "---" : "--:");
    }
    row(md, rule);
  }

  private static void row(StringBuilder md, List<String> cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ').append(cell.replace("|", "\\|")).append(" |");
    }
    md.append('\n');
  }
}
