package dev.shale.engine.env;

import dev.shale.engine.DbException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exclusive lock on a database directory's lock file ({@code LOCK}) that keeps a second process
 * (or a second open in this JVM) out. Held from open to close; the OS drops it if the process dies.
 */
final class DirectoryLock implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryLock.class);
  private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks the directory of {@code lockFile} by locking that file. While another holder has it,
   * retries with exponential backoff (each wait drawn from the upper half of the current step)
   * until {@code timeout} has passed (zero: one try).
   *
   * @throws DbException LOCKED naming the directory if the lock stays taken, IO if the lock file
   *     cannot be opened
   */
  static DirectoryLock acquire(Path lockFile, Duration timeout) {
    return (DirectoryLock) acquire(lockFile, timeout, DirectoryLock::tryOnce);
  }

  /**
   * Takes a lock with {@code tryOnce} under the same backoff as {@link #acquire(Path, Duration)};
   * for locks other than a {@code LOCK} file on disk.
   */
  static Closeable acquire(Path lockFile, Duration timeout, Function<Path, Attempt> tryOnce) {
    Path dir = lockFile.getParent();
    long deadline = System.nanoTime() + timeout.toNanos();
    long backoff = FIRST_BACKOFF_NANOS;
    for (int attempt = 1; ; attempt++) {
      Attempt a = tryOnce.apply(lockFile);
      if (a.lock() != null) {
        return a.lock();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        String waited = timeout.isZero() ? "" : " (waited " + timeout + ", " + attempt + " tries)";
        throw new DbException(
            DbException.Kind.LOCKED, "database directory " + dir + " is " + a.holder() + waited);
      }
      if (attempt == 1) {
        LOG.info("database directory {} is {}; waiting up to {}", dir, a.holder(), timeout);
      }
      long sleep = Math.min(left, ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1));
      try {
        TimeUnit.NANOSECONDS.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DbException(
            DbException.Kind.LOCKED,
            "interrupted while waiting for the lock on database directory " + dir,
            e);
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
    }
  }

  /** The outcome of one try: the lock, or a phrase saying who holds it. */
  record Attempt(Closeable lock, String holder) {}

  private static Attempt tryOnce(Path lockFile) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      String holder;
      try {
        lock = channel.tryLock();
        holder = "locked by another process";
      } catch (OverlappingFileLockException e) {
        lock = null;
        holder = "already open in this process";
      }
      if (lock == null) {
        channel.close();
        return new Attempt(null, holder);
      }
      return new Attempt(new DirectoryLock(channel, lock), null);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new DbException(
          DbException.Kind.IO,
          "cannot lock database directory " + lockFile.getParent() + ": " + e,
          e);
    }
  }

  /** Releases the lock; the LOCK file stays. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Already failing; the first error is the one to report.
      }
    }
  }
}
