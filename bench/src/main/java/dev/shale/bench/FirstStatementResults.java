package dev.shale.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the first-statement benchmark collected: every child's sample per database and shape, the
 * first error of a cell that failed, and per-database facts (version, data size).
 */
final class FirstStatementResults {

  /** One cell of the table. */
  record Cell(JdbcTarget target, FirstStatementShape shape) {}

  /** One sample as it arrived, with its run number, for the raw CSV. */
  record Row(int run, JdbcTarget target, FirstStatementShape shape, FirstStatementProbe.Sample s) {}

  private final List<JdbcTarget> targets;
  private final List<FirstStatementShape> shapes;
  private final int rows;
  private final String jvm;
  private String childJava;
  private final Map<Cell, List<FirstStatementProbe.Sample>> samples = new LinkedHashMap<>();
  private final Map<Cell, String> errors = new LinkedHashMap<>();
  private final List<Row> rowsInOrder = new ArrayList<>();
  private final Map<JdbcTarget, Map<String, String>> facts = new LinkedHashMap<>();

  FirstStatementResults(
      List<JdbcTarget> targets, List<FirstStatementShape> shapes, int rows, String jvm) {
    this.targets = List.copyOf(targets);
    this.shapes = List.copyOf(shapes);
    this.rows = rows;
    this.jvm = jvm;
  }

  List<JdbcTarget> targets() {
    return targets;
  }

  List<FirstStatementShape> shapes() {
    return shapes;
  }

  int rows() {
    return rows;
  }

  /** The child JVM: binary, flags, and the Java version it reported. */
  String jvm() {
    return childJava == null ? jvm : jvm + " (Java " + childJava + ")";
  }

  void childJava(String version) {
    childJava = version;
  }

  void add(int run, JdbcTarget target, FirstStatementShape shape, FirstStatementProbe.Sample s) {
    samples.computeIfAbsent(new Cell(target, shape), c -> new ArrayList<>()).add(s);
    rowsInOrder.add(new Row(run, target, shape, s));
  }

  /** Records the first error of a cell; later ones of the same cell are dropped. */
  void fail(JdbcTarget target, FirstStatementShape shape, Exception error) {
    // A child's failure carries its whole output: keep the first line and the child's exception.
    List<String> lines = String.valueOf(error.getMessage()).lines().toList();
    String message = lines.isEmpty() ? "" : lines.get(0);
    String cause =
        lines.stream()
            .skip(1)
            .filter(line -> line.contains("Exception") || line.contains("Error"))
            .findFirst()
            .map(line -> " " + line.trim())
            .orElse("");
    errors.putIfAbsent(
        new Cell(target, shape), error.getClass().getSimpleName() + ": " + message + cause);
  }

  Optional<String> error(JdbcTarget target, FirstStatementShape shape) {
    return Optional.ofNullable(errors.get(new Cell(target, shape)));
  }

  boolean failed() {
    return !errors.isEmpty();
  }

  List<FirstStatementProbe.Sample> samples(JdbcTarget target, FirstStatementShape shape) {
    return samples.getOrDefault(new Cell(target, shape), List.of());
  }

  /** Every sample of {@code target}, over all shapes. */
  List<FirstStatementProbe.Sample> samples(JdbcTarget target) {
    List<FirstStatementProbe.Sample> all = new ArrayList<>();
    for (FirstStatementShape shape : shapes) {
      all.addAll(samples(target, shape));
    }
    return all;
  }

  List<Row> rowsInOrder() {
    return rowsInOrder;
  }

  void fact(JdbcTarget target, String name, String value) {
    facts.computeIfAbsent(target, t -> new LinkedHashMap<>()).put(name, value);
  }

  Map<String, String> facts(JdbcTarget target) {
    return facts.getOrDefault(target, Map.of());
  }
}
