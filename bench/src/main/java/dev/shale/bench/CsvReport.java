package dev.shale.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Writes {@link Results} as two CSV files (RFC 4180): one row per measurement, and one row per
 * subject fact (settings, disk, heap).
 */
final class CsvReport {

  private CsvReport() {}

  static void write(Results results, Path measurementsFile, Path factsFile) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "subject,workload,ops,statistic,us_per_op,ops_per_sec,"
            + results.reference().toLowerCase(Locale.ROOT)
            + "_time_ratio,error");
    for (String workload : results.workloads()) {
      for (String subject : results.subjects()) {
        results
            .get(subject, workload)
            .ifPresent(
                m -> {
                  OptionalDouble ratio =
                      subject.equals(results.reference())
                          ? OptionalDouble.empty()
                          : results.ratio(workload, subject);
                  lines.add(
                      String.join(
                          ",",
                          field(subject),
                          field(workload),
                          Long.toString(m.ops()),
                          m.statistic().name().toLowerCase(Locale.ROOT),
                          m.ok() ? number(m.microsPerOp()) : "",
                          m.ok() && m.statistic() == Measurement.Statistic.MEAN
                              ? number(m.opsPerSecond())
                              : "",
                          ratio.isPresent() ? number(ratio.getAsDouble()) : "",
                          field(m.ok() ? "" : m.error())));
                });
      }
    }
    Files.write(measurementsFile, lines, StandardCharsets.UTF_8);

    List<String> facts = new ArrayList<>();
    facts.add("subject,fact,value");
    for (String subject : results.subjects()) {
      for (String name : results.factNames()) {
        facts.add(
            String.join(",", field(subject), field(name), field(results.fact(subject, name))));
      }
    }
    Files.write(factsFile, facts, StandardCharsets.UTF_8);
  }

  static String number(double value) {
    return String.format(Locale.ROOT, "%.6g", value);
  }

  static String field(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
