package dev.shale.engine;

import dev.shale.engine.env.Env;
import dev.shale.engine.env.WritableFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * An {@link Env} over another that knows what a power cut would keep, and fails operations on
 * request (the idea of LevelDB's {@code fault_injection_test} and Pebble's crashable file system).
 *
 * <p>What survives {@link #crash}: of each file, the bytes up to its last successful {@link
 * WritableFile#sync} (and, when the env has a write-back {@link Random}, a part of the bytes after
 * them, as a device that wrote back some pages would); of each directory, the entries as they were
 * at its last {@link #syncDirectory}: files created, renamed or deleted since revert. A file's sync
 * makes its bytes durable, not its name. After a failed sync the file's later syncs keep nothing
 * more (as on Linux, where the failed pages are dropped and the next fsync succeeds: "fsyncgate"),
 * so an engine that retries a failed sync loses data here.
 *
 * <p>A {@link Fault} fails the k-th operation of a {@link Op kind} (counted over the files it
 * matches) with an {@link IOException}, or every one from the k-th on, or crashes the machine at
 * it. A failed append writes the first half of its bytes (a short write) before throwing.
 *
 * <p>After a crash every operation that changes something throws, so the database open on it can be
 * closed without touching its files; {@link #restart} then makes the surviving state the file
 * system's and clears the fault.
 */
final class FaultInjectionEnv extends ForwardingEnv {

  /** The operations a fault can hit. */
  enum Op {
    APPEND,
    SYNC,
    CREATE,
    RENAME,
    DELETE,
    SYNC_DIRECTORY,
    /** Any of the above. */
    ANY
  }

  enum Mode {
    /** The k-th operation throws; later ones succeed. */
    FAIL_ONCE,
    /** The k-th and every later operation of the kind throw. */
    FAIL_FROM,
    /** The machine stops at the k-th operation: it throws, and so does everything after it. */
    CRASH
  }

  /** Fails the {@code k}-th (1-based) operation of {@code op} on a file {@code files} accepts. */
  record Fault(Op op, long k, Mode mode, Predicate<Path> files) {
    static Fault at(Op op, long k, Mode mode) {
      return new Fault(op, k, mode, p -> true);
    }

    @Override
    public String toString() {
      return mode + " at " + op + " #" + k;
    }
  }

  /**
   * What an injected failure throws. Without a stack trace: the engine logs each failure it meets,
   * and the sweeps meet thousands.
   */
  static final class InjectedFault extends IOException {
    InjectedFault(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** A file's bytes as written, kept here as well so a crash can restore any durable state. */
  private static final class Node {
    byte[] bytes = new byte[0];
    int length;
    int synced;

    /** Set by a failed sync: what was not durable then never becomes durable. */
    boolean syncFailed;

    void append(byte[] b, int off, int len) {
      if (length + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(length + len, 2 * bytes.length));
      }
      System.arraycopy(b, off, bytes, length, len);
      length += len;
    }
  }

  /** Chooses how much of a file's unsynced bytes a crash keeps; null: none. */
  private final Random writeBack;

  // Guarded by this.
  private final Map<Path, Node> live = new HashMap<>();
  private final Map<Path, Node> durable = new HashMap<>();
  private final Map<Op, Long> counts = new EnumMap<>(Op.class);
  private Fault fault;
  private boolean crashed;
  private int generation;
  private Map<Path, byte[]> survivors;
  private Predicate<Path> paused;

  /**
   * Over {@code base}; a crash keeps of each file its synced bytes and, if {@code writeBack} is not
   * null, a part of the rest that it chooses.
   */
  FaultInjectionEnv(Env base, Random writeBack) {
    super(base);
    this.writeBack = writeBack;
  }

  /** Installs {@code f} (null: none) and starts counting operations from zero. */
  synchronized void inject(Fault f) {
    fault = f;
    counts.clear();
  }

  /** How many operations of {@code op} ran (or were failed) since the last {@link #inject}. */
  synchronized long count(Op op) {
    return counts.getOrDefault(op, 0L);
  }

  /** Whether the fault has fired. */
  synchronized boolean crashed() {
    return crashed;
  }

  /** A power cut now: only what is durable survives (see the class comment). */
  synchronized void crash() {
    if (crashed) {
      return;
    }
    crashed = true;
    survivors = new HashMap<>();
    for (Map.Entry<Path, Node> e : durable.entrySet()) {
      Node n = e.getValue();
      int keep = n.synced;
      if (writeBack != null && !n.syncFailed && n.length > keep) {
        keep += writeBack.nextInt(n.length - keep + 1);
      }
      survivors.put(e.getKey(), Arrays.copyOf(n.bytes, keep));
    }
  }

  /**
   * After {@link #crash} (and closing what was open on it): the files are what survived, all of it
   * durable, and no fault is injected.
   */
  synchronized void restart() throws IOException {
    if (!crashed) {
      throw new IllegalStateException("restart without a crash");
    }
    for (Path p : live.keySet()) {
      base.deleteIfExists(p);
    }
    live.clear();
    durable.clear();
    for (Map.Entry<Path, byte[]> e : survivors.entrySet()) {
      byte[] b = e.getValue();
      try (WritableFile f = base.newWritableFile(e.getKey())) {
        f.append(b, 0, b.length);
        f.sync();
      }
      Node n = new Node();
      n.append(b, 0, b.length);
      n.synced = n.length;
      live.put(e.getKey(), n);
      durable.put(e.getKey(), n);
    }
    survivors = null;
    crashed = false;
    fault = null;
    counts.clear();
    generation++;
  }

  private static Path key(Path p) {
    return p.toAbsolutePath().normalize();
  }

  /** Counts an operation on {@code file}; throws if the machine is down or the fault hits it. */
  private synchronized void check(Op op, Path file, int gen) throws IOException {
    if (crashed || gen != generation) {
      throw new InjectedFault("injected: the machine has crashed (" + op + " " + file + ")");
    }
    boolean hit = false;
    if (fault == null || fault.files().test(file)) {
      long n = counts.merge(op, 1L, Long::sum);
      long any = counts.merge(Op.ANY, 1L, Long::sum);
      if (fault != null) {
        long k = fault.op() == Op.ANY ? any : fault.op() == op ? n : -1;
        hit = k == fault.k() || (fault.mode() == Mode.FAIL_FROM && k > fault.k());
      }
    }
    if (hit) {
      if (fault.mode() == Mode.CRASH) {
        crash();
      }
      throw new InjectedFault("injected: " + fault + " (" + op + " " + file + ")");
    }
  }

  /** Until {@link #resumeCreates}, a creation of a file {@code files} accepts waits. */
  synchronized void pauseCreates(Predicate<Path> files) {
    paused = files;
  }

  synchronized void resumeCreates() {
    paused = null;
    notifyAll();
  }

  @Override
  public WritableFile newWritableFile(Path file) throws IOException {
    Path k = key(file);
    int gen;
    WritableFile out;
    Node node = new Node();
    synchronized (this) {
      while (paused != null && paused.test(k)) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while creations are paused", e);
        }
      }
      gen = generation;
      check(Op.CREATE, k, gen);
      out = base.newWritableFile(file);
      live.put(k, node);
    }
    return new WritableFile() {
      @Override
      public void append(byte[] b, int off, int len) throws IOException {
        synchronized (FaultInjectionEnv.this) {
          try {
            check(Op.APPEND, k, gen);
          } catch (IOException e) {
            if (!crashed) {
              out.append(b, off, len / 2);
              node.append(b, off, len / 2);
            }
            throw e;
          }
          out.append(b, off, len);
          node.append(b, off, len);
        }
      }

      @Override
      public void sync() throws IOException {
        synchronized (FaultInjectionEnv.this) {
          try {
            check(Op.SYNC, k, gen);
          } catch (IOException e) {
            node.syncFailed = true;
            throw e;
          }
          out.sync();
          if (!node.syncFailed) {
            node.synced = node.length;
          }
        }
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  @Override
  public synchronized boolean deleteIfExists(Path file) throws IOException {
    Path k = key(file);
    check(Op.DELETE, k, generation);
    live.remove(k);
    return base.deleteIfExists(file);
  }

  @Override
  public synchronized void rename(Path from, Path to) throws IOException {
    Path f = key(from);
    check(Op.RENAME, f, generation);
    Node n = live.get(f);
    if (n == null) {
      throw new NoSuchFileException(from.toString());
    }
    base.rename(from, to);
    live.remove(f);
    live.put(key(to), n);
  }

  @Override
  public synchronized void syncDirectory(Path dir) throws IOException {
    Path d = key(dir);
    check(Op.SYNC_DIRECTORY, d, generation);
    base.syncDirectory(dir);
    durable.keySet().removeIf(p -> d.equals(p.getParent()));
    live.forEach(
        (p, n) -> {
          if (d.equals(p.getParent())) {
            durable.put(p, n);
          }
        });
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    synchronized (this) {
      if (crashed) {
        throw new InjectedFault("injected: the machine has crashed (mkdir " + dir + ")");
      }
    }
    base.createDirectories(dir);
  }

  @Override
  public String toString() {
    return "fault injection over " + base;
  }
}
