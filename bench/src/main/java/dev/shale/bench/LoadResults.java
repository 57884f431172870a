package dev.shale.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a load-test run found: one {@link LoadPoint} per server and client count, facts per
 * server (version, durability, start and stop), and lines that describe the run. The first server
 * is the reference of every ratio (Shale, when it ran).
 */
final class LoadResults {

  private final List<String> targets;
  private final List<Integer> clients;
  private final List<String> notes = new ArrayList<>();
  private final Map<String, LoadPoint> points = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> facts = new LinkedHashMap<>();
  private final List<String> factNames = new ArrayList<>();

  LoadResults(List<String> targets, List<Integer> clients) {
    this.targets = List.copyOf(targets);
    this.clients = List.copyOf(clients);
  }

  List<String> targets() {
    return targets;
  }

  List<Integer> clients() {
    return clients;
  }

  String reference() {
    return targets.get(0);
  }

  List<String> others() {
    return targets.subList(1, targets.size());
  }

  void note(String line) {
    notes.add(line);
  }

  List<String> notes() {
    return notes;
  }

  void add(LoadPoint point) {
    points.put(point.target() + '\u0000' + point.clients(), point);
  }

  Optional<LoadPoint> get(String target, int clientCount) {
    return Optional.ofNullable(points.get(target + '\u0000' + clientCount));
  }

  List<LoadPoint> points() {
    return List.copyOf(points.values());
  }

  /** Whether any client saw an error, or a point did not run. */
  boolean failed() {
    for (String target : targets) {
      for (int clientCount : clients) {
        Optional<LoadPoint> point = get(target, clientCount);
        if (point.isEmpty() || point.get().errors() > 0) {
          return true;
        }
      }
    }
    return false;
  }

  void fact(String target, String name, String value) {
    if (!factNames.contains(name)) {
      factNames.add(name);
    }
    facts.computeIfAbsent(target, t -> new LinkedHashMap<>()).put(name, value);
  }

  List<String> factNames() {
    return factNames;
  }

  String fact(String target, String name) {
    return facts.getOrDefault(target, Map.of()).getOrDefault(name, "");
  }
}
