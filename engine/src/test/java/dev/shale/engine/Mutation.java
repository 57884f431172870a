package dev.shale.engine;

import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * One change of a test workload's batch — a put ('p'), a delete ('d') or a range deletion (any
 * other kind, [key, other)) — applied to the engine's batch and to the test's model alike.
 */
record Mutation(char kind, String key, String other) {

  void addTo(WriteBatch b) {
    switch (kind) {
      case 'p' -> b.put(bytes(key), bytes(other));
      case 'd' -> b.delete(bytes(key));
      default -> b.deleteRange(bytes(key), bytes(other));
    }
  }

  void applyTo(TreeMap<String, String> m) {
    switch (kind) {
      case 'p' -> m.put(key, other);
      case 'd' -> m.remove(key);
      default -> m.subMap(key, other).clear();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
