package dev.shale.engine.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDK classes loaded before the first write, because their first load in the middle of a run throws
 * away the write path's compiled code.
 *
 * <p>C2 compiles a call on a class with one loaded concrete subclass as a direct call, recording
 * that assumption; loading a second subclass breaks it, and the compiled code that depended on it
 * is discarded (a compile still running fails with "concurrent class loading"). {@code
 * AbstractQueuedSynchronizer}'s lock queue has two node classes, and the second, {@code
 * ExclusiveNode}, is loaded the first time any thread has to queue for a lock or is moved from a
 * condition to the lock: in a database opened fresh, when the first full memtable hands its flush
 * to the background thread. That moment came while C2 was compiling the write path ({@code
 * CommitQueue.write}, 150-250 ms of compiling) in one of two cold fillseq runs, and the writer then
 * ran in slower code for about as long again (seen with {@code -XX:+LogCompilation}: {@code
 * dependency_failed type='abstract_with_unique_concrete_subtype'
 * ctxk='...AbstractQueuedSynchronizer$Node'
 * witness='...AbstractQueuedSynchronizer$ExclusiveNode'}). Loading it at open costs nothing after.
 */
final class JitHazards {

  private static final Logger LOG = LoggerFactory.getLogger(JitHazards.class);

  /** JDK-internal classes by name; a JDK without one of them has nothing of it to load. */
  private static final String[] CLASSES = {
    "java.util.concurrent.locks.AbstractQueuedSynchronizer$ExclusiveNode",
  };

  static {
    for (String name : CLASSES) {
      try {
        Class.forName(name, false, null);
      } catch (ClassNotFoundException | LinkageError e) {
        LOG.debug("not preloading {}: {}", name, e.toString());
      }
    }
  }

  private JitHazards() {}

  /** Loads the classes, once per JVM; later calls return at once. */
  static void load() {
    // The static initializer did it.
  }
}
