package dev.shale.engine.env;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The storage seam: every file operation of the engine goes through an {@code Env} (the idea of
 * LevelDB's {@code Env} and Pebble's {@code vfs}). {@link #disk()} is the file system; {@link
 * #inMemory()} keeps files as byte arrays, so an in-memory database runs the same log, flush,
 * compaction and manifest code as one on disk. Tests may pass their own (one that slows a sync, or
 * that drops unsynced bytes on a simulated crash and fails the k-th operation) through {@code
 * Options.withEnv}.
 *
 * <p>Files are named by {@link Path}s; an {@code Env} other than the disk one only uses them as
 * names. Implementations are thread safe; the files they hand out are used by one thread at a time,
 * except {@link ReadableFile}, which is read concurrently.
 */
public interface Env {

  /** The file system, through {@code java.nio}. */
  static Env disk() {
    return DiskEnv.INSTANCE;
  }

  /** A fresh, empty in-memory file system; it lives as long as the object. */
  static Env inMemory() {
    return new MemoryEnv();
  }

  /** Creates {@code file}, which must not exist yet, for appending. */
  WritableFile newWritableFile(Path file) throws IOException;

  /**
   * Creates {@code file}, which must not exist yet, for a write-ahead log: many small appends, each
   * with the OS when it returns, some of them synced at once ({@link WritableFile#appendAndSync}).
   * The file may be longer than what was appended, by zeros, until it is closed (a log reader ends
   * at a zero-filled rest). By default the same as {@link #newWritableFile}; the disk env maps the
   * file so that an append costs no system call.
   */
  default WritableFile newLogFile(Path file) throws IOException {
    return newWritableFile(file);
  }

  /**
   * Opens {@code file} for reading from its start.
   *
   * @throws java.nio.file.NoSuchFileException if it does not exist
   */
  InputStream newSequentialFile(Path file) throws IOException;

  /** Opens {@code file}, which is no longer written, for positional reads. */
  ReadableFile newReadableFile(Path file) throws IOException;

  /** The names of the files in {@code dir}, in no particular order. */
  List<String> children(Path dir) throws IOException;

  /** Deletes {@code file}; false if there was none. */
  boolean deleteIfExists(Path file) throws IOException;

  /** Renames {@code from} to {@code to}, replacing it, atomically. */
  void rename(Path from, Path to) throws IOException;

  /**
   * Makes {@code link} a second name of {@code existing} (a hard link), if this file system can;
   * false where it cannot (another file system, no links, or an env without them), and the caller
   * copies instead.
   */
  default boolean link(Path existing, Path link) throws IOException {
    return false;
  }

  /** The length of {@code file} in bytes. */
  long size(Path file) throws IOException;

  boolean exists(Path file);

  /** Makes file creations, renames and deletions in {@code dir} durable. */
  void syncDirectory(Path dir) throws IOException;

  /**
   * Bytes free for this process on the file system holding {@code dir}, or -1 where that is not
   * known (an in-memory env has no such bound).
   */
  default long usableSpace(Path dir) {
    return -1;
  }

  /** Creates {@code dir} and its parents as needed. */
  void createDirectories(Path dir) throws IOException;

  /**
   * Locks the directory of {@code lockFile} (creating the file if needed) for this holder alone
   * until the returned handle is closed, retrying with backoff until {@code timeout} has passed
   * (zero: one try).
   *
   * @throws dev.shale.engine.DbException LOCKED naming the directory if it stays locked, IO if the
   *     lock cannot be taken
   */
  Closeable lock(Path lockFile, Duration timeout);
}
