package dev.shale.sql.store;

import java.util.List;

/**
 * What the SQL layer may see of the engine inside a {@link KvDatabase}, and all of it: its
 * counters, the shape of its tree, its settings, and a trace of one thread's reads. The {@code sys}
 * tables and {@code EXPLAIN ANALYZE} read it; execution never gets the engine itself. Keys are the
 * stored bytes; the caller decodes them.
 */
public interface Introspection {

  /** One counter or gauge: its name, value as text, unit and meaning. */
  record Stat(String name, String value, String unit, String description) {}

  /** One level of the tree; keys null when it is empty. */
  record Level(
      int level,
      int files,
      long bytes,
      long targetBytes,
      double score,
      byte[] smallestKey,
      byte[] largestKey) {}

  /** One table file. */
  record Table(
      long number,
      int level,
      long bytes,
      byte[] smallestKey,
      byte[] largestKey,
      long smallestSequence,
      long largestSequence,
      int rangeTombstones) {}

  /** One engine setting: name, value, meaning, and where it came from. */
  record Setting(String name, String value, String description, String source) {}

  /** Every counter and gauge, in a stable order. */
  List<Stat> stats();

  /** Every level, 0 first, empty ones included. */
  List<Level> levels();

  /** Every table of the current state, by level then key. */
  List<Table> tables();

  /** The engine's settings, as the database was opened. */
  List<Setting> settings();

  /** Starts counting this thread's reads until {@link ReadTracing#stop()}. */
  ReadTracing startTrace();

  /** A running trace of one thread's reads. */
  interface ReadTracing extends AutoCloseable {
    /** Stops counting and says what the reads did. */
    TraceReport stop();

    @Override
    default void close() {
      stop();
    }
  }
}
