package dev.shale.engine.wal;

/*
 * Log file layout (after LevelDB's log format).
 *
 * The file is a sequence of 32 KiB blocks; only the last block may be short. A logical record
 * is cut into fragments so that no fragment crosses a block boundary; each fragment is one
 * physical record:
 *
 *   +--------------+------------+----------+-----------------+
 *   | checksum (4) | length (2) | type (1) | payload[length] |
 *   +--------------+------------+----------+-----------------+
 *
 *   checksum  masked CRC32C over the type byte and the payload, little-endian:
 *             rotate right 15 bits, then add 0xa282ead8 (mod 2^32)
 *   length    payload length, little-endian unsigned 16 bits, 0..32761
 *   type      1 FULL    the whole record
 *             2 FIRST   the first fragment of a record
 *             3 MIDDLE  an inner fragment
 *             4 LAST    the last fragment
 *             (0 is never written: it is what zero-filled space reads as)
 *
 * When fewer than 7 bytes are left in a block, no header fits: they are written as zeros (the
 * trailer) and the next fragment starts the next block. A record of length 0 is one FULL
 * fragment with an empty payload. If exactly 7 bytes are left, a FIRST fragment with an empty
 * payload fills them.
 *
 *   block 0                                          block 1
 *   | hdr FULL  A | hdr FIRST B..... |              | hdr LAST ..B | ... | 0 0 0 |
 *
 * A record is acknowledged only once all its fragments are written; a reader treats a tail
 * that is cut short or fails its checksum as never written (see LogReader).
 */

import static dev.shale.engine.wal.LogFormat.BLOCK_SIZE;
import static dev.shale.engine.wal.LogFormat.FIRST;
import static dev.shale.engine.wal.LogFormat.FULL;
import static dev.shale.engine.wal.LogFormat.HEADER_SIZE;
import static dev.shale.engine.wal.LogFormat.LAST;
import static dev.shale.engine.wal.LogFormat.MAX_FRAGMENT;
import static dev.shale.engine.wal.LogFormat.MIDDLE;

import dev.shale.engine.coding.LittleEndian;
import dev.shale.engine.env.Env;
import dev.shale.engine.env.WritableFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Appends records to a new log file. Not thread safe: the database's write leader is its only
 * caller. Each record is one {@link WritableFile#append}, or {@link WritableFile#appendAndSync}
 * when it is synced (no buffer of its own), so a record is with the OS when {@link #addRecord}
 * returns and on the device when {@link #sync} (or a synced {@code addRecord}) returns.
 */
public final class LogWriter implements Closeable {

  private final Path file;
  private final WritableFile out;

  /**
   * Frames of records up to this size reuse {@link #kept}, made at full size: a frame that grows is
   * a branch the manifest's larger records take and the log's rarely do (see {@link
   * #addWriteAheadRecord}).
   */
  private static final int KEPT_FRAME_BYTES = 64 << 10;

  private final byte[] kept = new byte[KEPT_FRAME_BYTES];

  /** The frame being written: {@link #kept}, or an array of its own for a larger record. */
  private byte[] buf = kept;

  /** {@link #blockOffset} after the framed record. */
  private int framedOffset;

  /** Bytes already used in the current block, 0..BLOCK_SIZE. */
  private int blockOffset;

  private long length;

  private LogWriter(Path file, WritableFile out) {
    this.file = file;
    this.out = out;
  }

  /** Creates {@code file} in {@code env}; it must not exist yet. */
  public static LogWriter create(Env env, Path file) throws IOException {
    return new LogWriter(file, env.newWritableFile(file));
  }

  /**
   * Creates {@code file} in {@code env} for a write-ahead log ({@link Env#newLogFile}: appends
   * without a system call where the env can); it must not exist yet.
   */
  public static LogWriter createWriteAhead(Env env, Path file) throws IOException {
    return new LogWriter(file, env.newLogFile(file));
  }

  public Path file() {
    return file;
  }

  /** Bytes written so far. */
  public long length() {
    return length;
  }

  /** Appends {@code payload} as one record, fragmenting it across blocks as needed. */
  public void addRecord(byte[] payload) throws IOException {
    addRecord(payload, false);
  }

  /**
   * Appends {@code payload} as one record; with {@code sync}, forces it and everything before it to
   * the device before returning.
   */
  public void addRecord(byte[] payload, boolean sync) throws IOException {
    addRecord(payload, payload.length, sync);
  }

  /**
   * Appends the first {@code size} bytes of {@code payload} as one record (the array is not kept: a
   * writer may reuse it); with {@code sync}, forces it and everything before it to the device
   * before returning.
   */
  public void addRecord(byte[] payload, int size, boolean sync) throws IOException {
    int n = frame(payload, size);
    if (sync) {
      out.appendAndSync(buf, 0, n);
    } else {
      out.append(buf, 0, n);
    }
    advance(n);
  }

  /**
   * {@link #addRecord(byte[], int, boolean)} for the write-ahead log, the write path's only call:
   * the same, in a method of its own. The JIT compiles the write path from what this method's calls
   * have met, and the manifest's records go through another kind of file; sharing one call of
   * {@code append} with them, the compiled write path was thrown away and compiled again after each
   * of the first few flushes.
   */
  public void addWriteAheadRecord(byte[] payload, int size, boolean sync) throws IOException {
    int n = frame(payload, size);
    if (sync) {
      out.appendAndSync(buf, 0, n);
    } else {
      out.append(buf, 0, n);
    }
    advance(n);
  }

  /** The framed record in {@link #buf}: its length. */
  private int frame(byte[] payload, int size) {
    int fragments = Math.max(1, (size + MAX_FRAGMENT - 1) / MAX_FRAGMENT + 1);
    int capacity = HEADER_SIZE - 1 + size + fragments * HEADER_SIZE;
    buf = capacity <= KEPT_FRAME_BYTES ? kept : new byte[capacity];
    int n = 0;
    int offset = blockOffset;
    int pos = 0;
    int left = size;
    boolean begin = true;
    do {
      int leftover = BLOCK_SIZE - offset;
      if (leftover < HEADER_SIZE) {
        Arrays.fill(buf, n, n + leftover, (byte) 0); // the trailer
        n += leftover;
        offset = 0;
      }
      int fragment = Math.min(left, BLOCK_SIZE - offset - HEADER_SIZE);
      boolean end = fragment == left;
      int type = begin ? (end ? FULL : FIRST) : (end ? LAST : MIDDLE);
      putHeader(buf, n, LogFormat.checksum(type, payload, pos, fragment), fragment, type);
      System.arraycopy(payload, pos, buf, n + HEADER_SIZE, fragment);
      n += HEADER_SIZE + fragment;
      offset += HEADER_SIZE + fragment;
      pos += fragment;
      left -= fragment;
      begin = false;
    } while (left > 0);
    framedOffset = offset;
    return n;
  }

  /** Records the framed record of {@code n} bytes as written. */
  private void advance(int n) {
    blockOffset = framedOffset;
    length += n;
    buf = kept;
  }

  /** Forces everything written so far to the device. */
  public void sync() throws IOException {
    out.sync();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private static void putHeader(byte[] buf, int at, int checksum, int length, int type) {
    LittleEndian.putInt(buf, at, checksum);
    buf[at + 4] = (byte) length;
    buf[at + 5] = (byte) (length >>> 8);
    buf[at + 6] = (byte) type;
  }
}
