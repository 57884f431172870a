package dev.shale.engine.env;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A write-ahead log on disk whose appends cost no system call: the file grows by zero-filled chunks
 * of {@link #CHUNK} bytes, written (so the blocks are allocated and a full disk fails here, as an
 * {@link IOException}, not later as a fault in a mapped page) and then mapped; an append copies its
 * bytes into the mapping, and the one append per chunk that does not fit in it goes through {@code
 * write(2)}. The mapping is the page cache itself, so an appended record is with the OS when {@link
 * #append} returns: it survives the process being killed, as a {@code write(2)} would, and reaches
 * the device on the next {@link #sync} (on Linux, {@code fsync} writes back the file's dirty pages
 * however they were dirtied; elsewhere the mapping is forced first).
 *
 * <p>A record that must be durable at once ({@link #appendAndSync}) is written with {@code
 * write(2)} instead: on ext4, an {@code fsync} after stores through a mapping was measured 4×
 * slower than after a {@code write} (1.4 ms against 0.3 ms here), so a synced writer pays what it
 * paid before and only unsynced writes take the mapping.
 *
 * <p>Until {@link #close} cuts the file to the bytes appended, it ends in zeros; a crash leaves
 * them, and {@code LogReader} reads a zero-filled rest of the file as the log's clean end.
 *
 * <p>Streams, not channels, carry the writes and syncs, since an interrupt closes an interruptible
 * channel; only {@code map} goes through the channel, with the caller's interrupt status set aside,
 * and a file closed by an interrupt that arrives during it is reopened.
 */
final class MappedLogFile implements WritableFile {

  /** Bytes mapped, and allocated ahead of the appends, at a time; a multiple of the page size. */
  static final int CHUNK = 1 << 20;

  /**
   * Where a file's first mapping ends for the appends until one passes it, after which the first
   * chunk is mapped again whole. Appends meet a chunk's end once in about 8,000 small records,
   * fewer than the JIT profiles before it compiles {@link #append}; compiled without that branch,
   * the write path went back to the interpreter at the first chunk's end. An edge this early is met
   * while the JIT still profiles.
   */
  static final int EARLY_EDGE = 16 << 10;

  private static final byte[] ZEROS = new byte[64 << 10];

  private static final boolean FSYNC_WRITES_MAPPED_PAGES =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

  private final Path file;
  private RandomAccessFile raf;

  /** The chunk that covers file offsets [mapStart, mapStart + CHUNK); null before the first. */
  private MappedByteBuffer map;

  /** Where {@link #map} starts: the file offset of its first byte. */
  private long mapStart;

  /**
   * Where appends into {@link #map} must end: its chunk's end, or {@link #EARLY_EDGE} in a file's
   * first chunk until an append passes it; 0 before the first mapping, so that the first append
   * finds itself past the mapped range like any append at a chunk's end. (A test of its own for
   * "none mapped yet", taken once per log file and so never while the write path was being
   * compiled, sent that compiled code back to the interpreter at each new log's first write.)
   */
  private long mapEnd;

  /** Bytes appended. */
  private long length;

  /** The file's size: the bytes appended, then zeros up to the end of the last chunk. */
  private long allocated;

  /** Whether stores through a mapping happened since the last sync. */
  private boolean mappedSinceSync;

  private boolean closed;

  private MappedLogFile(Path file, RandomAccessFile raf) {
    this.file = file;
    this.raf = raf;
  }

  /** Creates {@code file}, which must not exist yet. */
  static MappedLogFile create(Path file) throws IOException {
    Files.createFile(file);
    return new MappedLogFile(file, new RandomAccessFile(file.toFile(), "rw"));
  }

  @Override
  public void append(byte[] b, int off, int len) throws IOException {
    checkOpen();
    if (length + len > mapEnd) {
      appendAcrossChunks(b, off, len);
      return;
    }
    try {
      map.put((int) (length - mapStart), b, off, len);
    } catch (InternalError e) {
      // A fault in the mapped page (the file cut short under us, a device error).
      throw new IOException("appending to " + file + " at offset " + length + ": " + e, e);
    }
    mappedSinceSync = true;
    length += len;
  }

  /**
   * An append that does not fit in the mapped chunk: written with {@code write(2)} (into the same
   * page cache the mapping is), then the chunk holding the new end is mapped. Split at the chunk's
   * edge instead, the piece before it could be a few bytes, and {@code ByteBuffer.put} copies fewer
   * than seven bytes in a branch of its own: met once per chunk, after the JIT had compiled the
   * write path without it, it sent that code back to the interpreter (a trap seen in every cold
   * run). Here every copy into the mapping is a whole record, seven bytes or more.
   */
  private void appendAcrossChunks(byte[] b, int off, int len) throws IOException {
    raf.seek(length);
    raf.write(b, off, len);
    length += len;
    allocated = Math.max(allocated, length);
    mapAt(length);
  }

  @Override
  public void appendAndSync(byte[] b, int off, int len) throws IOException {
    checkOpen();
    raf.seek(length);
    raf.write(b, off, len);
    length += len;
    allocated = Math.max(allocated, length);
    sync();
  }

  @Override
  public void sync() throws IOException {
    checkOpen();
    if (mappedSinceSync && !FSYNC_WRITES_MAPPED_PAGES && map != null) {
      map.force();
    }
    raf.getFD().sync();
    mappedSinceSync = false;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    MappedByteBuffer m = map;
    map = null;
    Mappings.unmap(m);
    try {
      raf.setLength(length);
    } finally {
      raf.close();
    }
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException(file + " is closed");
    }
  }

  /** Maps the chunk holding file offset {@code offset}, allocating it first. */
  private void mapAt(long offset) throws IOException {
    long start = offset - offset % CHUNK;
    allocate(start + CHUNK);
    MappedByteBuffer next = mapChunk(start);
    MappedByteBuffer old = map;
    if (old != null) {
      if (mappedSinceSync && !FSYNC_WRITES_MAPPED_PAGES) {
        old.force();
      }
      Mappings.unmap(old);
    }
    map = next;
    mapStart = start;
    mapEnd = old == null && offset < EARLY_EDGE ? EARLY_EDGE : start + CHUNK;
  }

  /**
   * Writes zeros from the file's end to {@code end}, so its blocks exist before they are mapped.
   */
  private void allocate(long end) throws IOException {
    if (allocated >= end) {
      return;
    }
    raf.seek(allocated);
    while (allocated < end) {
      int n = (int) Math.min(ZEROS.length, end - allocated);
      raf.write(ZEROS, 0, n);
      allocated += n;
    }
  }

  private MappedByteBuffer mapChunk(long start) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return raf.getChannel().map(FileChannel.MapMode.READ_WRITE, start, CHUNK);
        } catch (ClosedByInterruptException e) {
          // Interrupted during map: the channel closed the file. Open it again and retry.
          interrupted |= Thread.interrupted();
          if (attempt == 3) {
            throw e;
          }
          raf = new RandomAccessFile(file.toFile(), "rw");
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
