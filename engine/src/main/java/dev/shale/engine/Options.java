package dev.shale.engine;

import java.time.Duration;

/**
 * Every knob of a {@link Db}, with its default and what it costs. Immutable: each {@code withX}
 * returns a copy.
 */
public final class Options {

  /** Default largest key: 4 KiB. Keys are 1..maxKeyBytes bytes. */
  public static final int DEFAULT_MAX_KEY_BYTES = 4096;

  /** Default largest value: 16 MiB. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 16 << 20;

  private final boolean sync;
  private final int maxKeyBytes;
  private final int maxValueBytes;
  private final Duration lockTimeout;

  private Options(boolean sync, int maxKeyBytes, int maxValueBytes, Duration lockTimeout) {
    this.sync = sync;
    this.maxKeyBytes = maxKeyBytes;
    this.maxValueBytes = maxValueBytes;
    this.lockTimeout = lockTimeout;
  }

  /** Defaults: sync on, 4 KiB keys, 16 MiB values, fail at once on a locked directory. */
  public static Options defaults() {
    return new Options(true, DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES, Duration.ZERO);
  }

  /**
   * Whether {@link Db#put}, {@link Db#delete} and {@link Db#write(WriteBatch)} fsync the log before
   * returning. On (the default): an acknowledged write survives power loss, at the cost of one
   * fsync per group of concurrent writes. Off: it survives a process crash, not an OS crash.
   */
  public boolean sync() {
    return sync;
  }

  public Options withSync(boolean sync) {
    return new Options(sync, maxKeyBytes, maxValueBytes, lockTimeout);
  }

  /** Largest key accepted, in bytes (1..65535). */
  public int maxKeyBytes() {
    return maxKeyBytes;
  }

  public Options withMaxKeyBytes(int maxKeyBytes) {
    if (maxKeyBytes < 1 || maxKeyBytes > 65535) {
      throw new IllegalArgumentException("maxKeyBytes must be 1..65535, not " + maxKeyBytes);
    }
    return new Options(sync, maxKeyBytes, maxValueBytes, lockTimeout);
  }

  /** Largest value accepted, in bytes (0..1 GiB). */
  public int maxValueBytes() {
    return maxValueBytes;
  }

  public Options withMaxValueBytes(int maxValueBytes) {
    if (maxValueBytes < 0 || maxValueBytes > (1 << 30)) {
      throw new IllegalArgumentException("maxValueBytes must be 0..1 GiB, not " + maxValueBytes);
    }
    return new Options(sync, maxKeyBytes, maxValueBytes, lockTimeout);
  }

  /**
   * How long {@link Db#open} waits for another process to release the directory's lock, retrying
   * with exponential backoff and jitter. Zero (the default) fails at once.
   */
  public Duration lockTimeout() {
    return lockTimeout;
  }

  public Options withLockTimeout(Duration lockTimeout) {
    if (lockTimeout.isNegative()) {
      throw new IllegalArgumentException("lockTimeout must not be negative: " + lockTimeout);
    }
    return new Options(sync, maxKeyBytes, maxValueBytes, lockTimeout);
  }

  @Override
  public String toString() {
    return "Options{sync="
        + sync
        + ", maxKeyBytes="
        + maxKeyBytes
        + ", maxValueBytes="
        + maxValueBytes
        + ", lockTimeout="
        + lockTimeout
        + '}';
  }
}
