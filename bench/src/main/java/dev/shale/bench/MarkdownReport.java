package dev.shale.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Renders {@link Results} as Markdown, ready to paste into BENCHMARKS.md. */
final class MarkdownReport {

  private MarkdownReport() {}

  static String render(Results results) {
    StringBuilder md = new StringBuilder();
    md.append("## ").append(results.title()).append("\n\n");
    for (String note : results.notes()) {
      md.append("- ").append(note).append('\n');
    }
    if (!results.notes().isEmpty()) {
      md.append('\n');
    }

    List<String> header = new ArrayList<>(List.of("workload", "ops"));
    for (String subject : results.subjects()) {
      header.add(subject + " µs/op");
    }
    for (String subject : results.subjects()) {
      header.add(subject + " ops/s");
    }
    for (String other : results.others()) {
      header.add(results.reference() + "/" + other);
    }
    row(md, header);
    List<String> rule = new ArrayList<>(List.of("---"));
    for (int i = 1; i < header.size(); i++) {
      rule.add("--:");
    }
    row(md, rule);

    List<String> failures = new ArrayList<>();
    for (String workload : results.workloads()) {
      long ops = referenceOps(results, workload);
      List<String> cells = new ArrayList<>(List.of(workload, ops < 0 ? "" : count(ops)));
      for (String subject : results.subjects()) {
        cells.add(
            results
                .get(subject, workload)
                .map(
                    m -> {
                      if (!m.ok()) {
                        failures.add(subject + " " + workload + ": " + m.error());
                        return "failed";
                      }
                      String time = micros(m.microsPerOp());
                      return m.ops() == ops ? time : time + " (" + count(m.ops()) + " ops)";
                    })
                .orElse("—"));
      }
      for (String subject : results.subjects()) {
        cells.add(
            results
                .get(subject, workload)
                .filter(m -> m.ok() && m.statistic() == Measurement.Statistic.MEAN)
                .map(m -> count(Math.round(m.opsPerSecond())))
                .orElse("—"));
      }
      for (String other : results.others()) {
        OptionalDouble ratio = results.ratio(workload, other);
        cells.add(ratio.isPresent() ? ratio(ratio.getAsDouble()) : "—");
      }
      row(md, cells);
    }
    md.append('\n');
    if (!results.others().isEmpty()) {
      md.append(results.reference())
          .append("/other is ")
          .append(results.reference())
          .append("'s time per operation over the other's: below 1 means ")
          .append(results.reference())
          .append(" is faster.\n\n");
    }
    for (String failure : failures) {
      md.append("- **failed** ").append(failure).append('\n');
    }
    if (!failures.isEmpty()) {
      md.append('\n');
    }

    if (!results.factNames().isEmpty()) {
      List<String> factHeader = new ArrayList<>(List.of(""));
      factHeader.addAll(results.factNames());
      row(md, factHeader);
      List<String> factRule = new ArrayList<>();
      for (int i = 0; i < factHeader.size(); i++) {
        factRule.add("---");
      }
      row(md, factRule);
      for (String subject : results.subjects()) {
        List<String> cells = new ArrayList<>(List.of(subject));
        for (String name : results.factNames()) {
          cells.add(results.fact(subject, name));
        }
        row(md, cells);
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static long referenceOps(Results results, String workload) {
    for (String subject : results.subjects()) {
      var m = results.get(subject, workload);
      if (m.isPresent() && m.get().ok()) {
        return m.get().ops();
      }
    }
    return -1;
  }

  static void row(StringBuilder md, List<String> cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ').append(cell.replace("|", "\\|")).append(" |");
    }
    md.append('\n');
  }

  /** Three significant digits are all a benchmark on a shared machine can claim. */
  static String micros(double value) {
    if (value >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    } else if (value >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    } else if (value >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  static String ratio(double value) {
    return value >= 0.1 && value < 100
        ? String.format(Locale.ROOT, "%.2f", value)
        : String.format(Locale.ROOT, "%.3g", value);
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
