package dev.shale.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything one benchmark run found: measurements per subject and workload, facts per subject
 * (settings, disk, heap), and lines that describe the run. The first subject is the reference
 * (Shale): ratios are its time per operation over another's, so below 1 means Shale is faster.
 */
final class Results {

  private final String title;
  private final List<String> subjects;
  private final List<String> workloads;
  private final List<String> notes = new ArrayList<>();
  private final Map<String, Measurement> measurements = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> facts = new LinkedHashMap<>();
  private final List<String> factNames = new ArrayList<>();

  Results(String title, List<String> subjects, List<String> workloads) {
    if (subjects.isEmpty() || workloads.isEmpty()) {
      throw new IllegalArgumentException("A run needs at least one subject and one workload");
    }
    this.title = title;
    this.subjects = List.copyOf(subjects);
    this.workloads = List.copyOf(workloads);
  }

  String title() {
    return title;
  }

  List<String> subjects() {
    return subjects;
  }

  List<String> workloads() {
    return workloads;
  }

  String reference() {
    return subjects.get(0);
  }

  List<String> others() {
    return subjects.subList(1, subjects.size());
  }

  /** A line saying how the run was set up (sizes, seed, durability). */
  void note(String line) {
    notes.add(line);
  }

  List<String> notes() {
    return notes;
  }

  void add(Measurement measurement) {
    measurements.put(key(measurement.subject(), measurement.workload()), measurement);
  }

  Optional<Measurement> get(String subject, String workload) {
    return Optional.ofNullable(measurements.get(key(subject, workload)));
  }

  List<Measurement> measurements() {
    return List.copyOf(measurements.values());
  }

  boolean failed() {
    return measurements.values().stream().anyMatch(m -> !m.ok());
  }

  /** The reference's time per operation over {@code other}'s, when both succeeded. */
  OptionalDouble ratio(String workload, String other) {
    Optional<Measurement> ours = get(reference(), workload).filter(Measurement::ok);
    Optional<Measurement> theirs = get(other, workload).filter(Measurement::ok);
    if (ours.isEmpty() || theirs.isEmpty() || theirs.get().nanosPerOp() <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(ours.get().nanosPerOp() / theirs.get().nanosPerOp());
  }

  void fact(String subject, String name, String value) {
    if (!factNames.contains(name)) {
      factNames.add(name);
    }
    facts.computeIfAbsent(subject, s -> new LinkedHashMap<>()).put(name, value);
  }

  List<String> factNames() {
    return factNames;
  }

  String fact(String subject, String name) {
    return facts.getOrDefault(subject, Map.of()).getOrDefault(name, "");
  }

  private static String key(String subject, String workload) {
    return subject + '\u0000' + workload;
  }
}
