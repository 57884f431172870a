package dev.shale.engine.wal;

import static dev.shale.engine.wal.LogFormat.BLOCK_SIZE;
import static dev.shale.engine.wal.LogFormat.FIRST;
import static dev.shale.engine.wal.LogFormat.FULL;
import static dev.shale.engine.wal.LogFormat.HEADER_SIZE;
import static dev.shale.engine.wal.LogFormat.LAST;
import static dev.shale.engine.wal.LogFormat.MIDDLE;

import dev.shale.engine.DbException;
import dev.shale.engine.env.Env;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads back the records of a log written by {@link LogWriter} (whose opening comment draws the
 * layout), in order.
 *
 * <p>The first record that is cut short, fails its checksum or does not fit the fragment sequence
 * ends the log. In recovery mode it and everything after it are dropped with a warning naming the
 * file and the offset, as the tail a crash in the middle of an append leaves — but only when it is
 * the tail: a crash tears only the last write, so an intact record that begins after the damage
 * proves damage, not a crash, and is a {@link DbException.Kind#CORRUPTION} naming both offsets
 * (dropping it would lose acknowledged records). In strict mode any bad tail is corruption.
 *
 * <p>Zeros from the end of a whole record to the end of the file are no tail at all but the log's
 * clean end, in both modes: space a log file allocates ahead of its appends ({@code
 * Env#newLogFile}), which a crash leaves in place.
 */
public final class LogReader implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(LogReader.class);

  private final InputStream in;
  private final String name;
  private final boolean recovery;

  private final byte[] block = new byte[BLOCK_SIZE];
  private int blockLength;
  private long blockStart;
  private int pos;
  private boolean eof;

  private int skipInFirstBlock;
  private long damageOffset = -1;
  private long intactOffset = -1;

  private boolean ended;
  private long lastRecordOffset = -1;
  private long recordsEnd;
  private long droppedTailOffset = -1;

  // The fragment readFragment() found: its type, and where its payload sits in block.
  private int fragmentType;
  private int fragmentStart;
  private int fragmentLength;
  private long fragmentOffset;
  private String problem;

  /** Whether the problem is a header of zeros (then the rest may be space allocated ahead). */
  private boolean zeroFilled;

  /** The rest of the log, read by {@link #restIsZero} and not all zero; null otherwise. */
  private byte[] tailRead;

  /**
   * Reads {@code in}, naming it {@code name} in messages.
   *
   * @param recovery true to drop a bad tail with a warning, false to fail on it
   */
  public LogReader(InputStream in, String name, boolean recovery) {
    this(in, name, recovery, 0);
  }

  /**
   * Reads {@code in}, which holds the log from the start of the block holding file offset {@code
   * start}, beginning with the fragment at {@code start} (for salvage: resuming at an intact record
   * after damage).
   */
  public LogReader(InputStream in, String name, boolean recovery, long start) {
    this.in = in;
    this.name = name;
    this.recovery = recovery;
    this.blockStart = start - start % BLOCK_SIZE;
    this.skipInFirstBlock = (int) (start % BLOCK_SIZE);
  }

  /** Opens {@code file} of {@code env} for reading in recovery or strict mode. */
  public static LogReader open(Env env, Path file, boolean recovery) throws IOException {
    return new LogReader(env.newSequentialFile(file), file.toString(), recovery);
  }

  /**
   * The next record, or null at the end of the log. In recovery mode the end is also where the
   * first bad record starts.
   */
  public byte[] readRecord() throws IOException {
    if (ended) {
      return null;
    }
    ByteArrayOutputStream fragmented = null;
    long recordOffset = -1;
    while (true) {
      if (!readFragment()) {
        if (problem == null && fragmented != null) {
          problem = "record starting at offset " + recordOffset + " is cut short";
        }
        if (problem != null) {
          dropTail(fragmented != null ? recordOffset : fragmentOffset, fragmentOffset + 1);
        }
        ended = true;
        return null;
      }
      switch (fragmentType) {
        case FULL -> {
          if (fragmented != null) {
            return misplaced(recordOffset, "FULL");
          }
          lastRecordOffset = fragmentOffset;
          recordsEnd = fragmentOffset + HEADER_SIZE + fragmentLength;
          byte[] record = new byte[fragmentLength];
          System.arraycopy(block, fragmentStart, record, 0, fragmentLength);
          return record;
        }
        case FIRST -> {
          if (fragmented != null) {
            return misplaced(recordOffset, "FIRST");
          }
          recordOffset = fragmentOffset;
          fragmented = new ByteArrayOutputStream(Math.max(fragmentLength * 2, 64));
          fragmented.write(block, fragmentStart, fragmentLength);
        }
        case MIDDLE, LAST -> {
          if (fragmented == null) {
            return misplaced(fragmentOffset, fragmentType == MIDDLE ? "MIDDLE" : "LAST");
          }
          fragmented.write(block, fragmentStart, fragmentLength);
          if (fragmentType == LAST) {
            lastRecordOffset = recordOffset;
            recordsEnd = fragmentOffset + HEADER_SIZE + fragmentLength;
            return fragmented.toByteArray();
          }
        }
        default -> {
          problem = "unknown fragment type " + fragmentType + " at offset " + fragmentOffset;
          dropTail(fragmented != null ? recordOffset : fragmentOffset, fragmentOffset + 1);
          ended = true;
          return null;
        }
      }
    }
  }

  /** The file offset just past the record last returned by {@link #readRecord}; 0 before one. */
  public long recordsEnd() {
    return recordsEnd;
  }

  /** The file offset at which the record last returned by {@link #readRecord} starts. */
  public long lastRecordOffset() {
    return lastRecordOffset;
  }

  /**
   * After a corruption for damage with an intact record after it: where the damage starts, and
   * where the first intact record after it begins (else -1 both).
   */
  public long damageOffset() {
    return damageOffset;
  }

  /** See {@link #damageOffset()}. */
  public long intactOffset() {
    return intactOffset;
  }

  /** Where the dropped bad tail starts, or -1 if the log ended cleanly (so far). */
  public long droppedTailOffset() {
    return droppedTailOffset;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private byte[] misplaced(long offset, String type) {
    problem = type + " fragment at offset " + fragmentOffset + " out of sequence";
    // A FULL or FIRST out of sequence is itself an intact record after the damage.
    boolean begins = type.equals("FULL") || type.equals("FIRST");
    dropTail(offset, begins ? fragmentOffset : fragmentOffset + 1);
    ended = true;
    return null;
  }

  /** Ends the log at {@code offset}, unless a record begins intact at or after {@code scanFrom}. */
  private void dropTail(long offset, long scanFrom) {
    if (zeroFilled && offset == fragmentOffset) {
      // Zeros from here on, after a whole record, are space allocated ahead of the appends
      // (Env#newLogFile), not damage.
      try {
        if (restIsZero(scanFrom)) {
          LOG.debug("log {} ends at offset {}; zero-filled after it", name, offset);
          return;
        }
      } catch (IOException e) {
        throw new DbException(
            DbException.Kind.IO, "reading log " + name + " after offset " + offset + ": " + e, e);
      }
    }
    if (!recovery) {
      throw new DbException(
          DbException.Kind.CORRUPTION, "log " + name + " at offset " + offset + ": " + problem);
    }
    long intact;
    try {
      intact = intactRecordAfter(scanFrom);
    } catch (IOException e) {
      throw new DbException(
          DbException.Kind.IO, "reading log " + name + " after offset " + offset + ": " + e, e);
    }
    if (intact >= 0) {
      damageOffset = offset;
      intactOffset = intact;
      throw new DbException(
          DbException.Kind.CORRUPTION,
          "log "
              + name
              + " is damaged at offset "
              + offset
              + " ("
              + problem
              + ") and an intact record begins after it, at offset "
              + intact
              + ": not a torn tail, so no record is dropped");
    }
    droppedTailOffset = offset;
    LOG.warn(
        "dropping the unacknowledged tail of log {} from offset {}: {}", name, offset, problem);
  }

  /**
   * Whether every byte from file offset {@code from} to the end is zero. Reads the rest of the log
   * into {@link #block}, so the scan of {@link #intactRecordAfter} can still run after it.
   */
  private boolean restIsZero(long from) throws IOException {
    int keep = (int) Math.max(0, Math.min(blockLength, from - blockStart));
    for (int i = keep; i < blockLength; i++) {
      if (block[i] != 0) {
        return false;
      }
    }
    byte[] rest = in.readAllBytes();
    for (byte b : rest) {
      if (b != 0) {
        tailRead = rest;
        return false;
      }
    }
    eof = true;
    blockLength = 0;
    return true;
  }

  /**
   * The offset of the first fragment at or after file offset {@code from} that begins a record
   * (FULL or FIRST), fits its block and whose checksum holds, or -1. Reads the rest of the log.
   * Every offset is tried, since damage may have hidden where fragments begin; a random match needs
   * the type byte, the length and 32 bits of checksum to agree.
   */
  private long intactRecordAfter(long from) throws IOException {
    int keep = (int) Math.max(0, Math.min(blockLength, from - blockStart));
    byte[] rest = tailRead != null ? tailRead : in.readAllBytes();
    tailRead = null;
    byte[] tail = new byte[blockLength - keep + rest.length];
    System.arraycopy(block, keep, tail, 0, blockLength - keep);
    System.arraycopy(rest, 0, tail, blockLength - keep, rest.length);
    long base = blockStart + keep;
    eof = true;
    blockLength = 0;
    for (int i = 0; i + HEADER_SIZE <= tail.length; i++) {
      int type = tail[i + 6] & 0xff;
      if (type != FULL && type != FIRST) {
        continue;
      }
      int length = (tail[i + 4] & 0xff) | (tail[i + 5] & 0xff) << 8;
      long inBlock = (base + i) % BLOCK_SIZE;
      if (inBlock + HEADER_SIZE + length > BLOCK_SIZE || i + HEADER_SIZE + length > tail.length) {
        continue;
      }
      int checksum =
          (tail[i] & 0xff)
              | (tail[i + 1] & 0xff) << 8
              | (tail[i + 2] & 0xff) << 16
              | (tail[i + 3] & 0xff) << 24;
      if (LogFormat.checksum(type, tail, i + HEADER_SIZE, length) == checksum) {
        return base + i;
      }
    }
    return -1;
  }

  /**
   * Reads the next fragment whose checksum holds into the fragment fields. Returns false at the end
   * of the log; {@link #problem} then says why if the end is not a clean one.
   */
  private boolean readFragment() throws IOException {
    problem = null;
    zeroFilled = false;
    while (true) {
      int available = blockLength - pos;
      if (available < HEADER_SIZE) {
        if (!eof) {
          // The rest of a full block is the zero trailer.
          readBlock();
          continue;
        }
        fragmentOffset = blockStart + pos;
        if (available > 0) {
          problem = "header cut short at offset " + fragmentOffset;
        }
        return false;
      }
      fragmentOffset = blockStart + pos;
      int checksum =
          (block[pos] & 0xff)
              | (block[pos + 1] & 0xff) << 8
              | (block[pos + 2] & 0xff) << 16
              | (block[pos + 3] & 0xff) << 24;
      int length = (block[pos + 4] & 0xff) | (block[pos + 5] & 0xff) << 8;
      int type = block[pos + 6] & 0xff;
      if (HEADER_SIZE + length > available) {
        problem =
            (eof ? "fragment cut short" : "fragment length " + length + " overruns its block")
                + " at offset "
                + fragmentOffset;
        return false;
      }
      if (type == LogFormat.ZERO && length == 0 && checksum == 0) {
        zeroFilled = true;
        problem = "zero-filled space at offset " + fragmentOffset;
        return false;
      }
      if (LogFormat.checksum(type, block, pos + HEADER_SIZE, length) != checksum) {
        problem = "checksum mismatch at offset " + fragmentOffset;
        return false;
      }
      fragmentType = type;
      fragmentStart = pos + HEADER_SIZE;
      fragmentLength = length;
      pos += HEADER_SIZE + length;
      return true;
    }
  }

  private void readBlock() throws IOException {
    blockStart += blockLength;
    blockLength = in.readNBytes(block, 0, BLOCK_SIZE);
    pos = Math.min(skipInFirstBlock, blockLength);
    skipInFirstBlock = 0;
    eof = blockLength < BLOCK_SIZE;
  }
}
