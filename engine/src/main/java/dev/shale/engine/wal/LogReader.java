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
 * ends the log: it and everything after it are the tail that was never acknowledged (a crash in the
 * middle of an append). In recovery mode that tail is dropped with a warning naming the file and
 * the offset; in strict mode it is a {@link DbException.Kind#CORRUPTION}.
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

  private boolean ended;
  private long lastRecordOffset = -1;
  private long droppedTailOffset = -1;

  // The fragment readFragment() found: its type, and where its payload sits in block.
  private int fragmentType;
  private int fragmentStart;
  private int fragmentLength;
  private long fragmentOffset;
  private String problem;

  /**
   * Reads {@code in}, naming it {@code name} in messages.
   *
   * @param recovery true to drop a bad tail with a warning, false to fail on it
   */
  public LogReader(InputStream in, String name, boolean recovery) {
    this.in = in;
    this.name = name;
    this.recovery = recovery;
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
          dropTail(fragmented != null ? recordOffset : fragmentOffset);
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
            return fragmented.toByteArray();
          }
        }
        default -> {
          problem = "unknown fragment type " + fragmentType + " at offset " + fragmentOffset;
          dropTail(fragmented != null ? recordOffset : fragmentOffset);
          ended = true;
          return null;
        }
      }
    }
  }

  /** The file offset at which the record last returned by {@link #readRecord} starts. */
  public long lastRecordOffset() {
    return lastRecordOffset;
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
    dropTail(offset);
    ended = true;
    return null;
  }

  private void dropTail(long offset) {
    if (!recovery) {
      throw new DbException(
          DbException.Kind.CORRUPTION, "log " + name + " at offset " + offset + ": " + problem);
    }
    droppedTailOffset = offset;
    LOG.warn(
        "dropping the unacknowledged tail of log {} from offset {}: {}", name, offset, problem);
  }

  /**
   * Reads the next fragment whose checksum holds into the fragment fields. Returns false at the end
   * of the log; {@link #problem} then says why if the end is not a clean one.
   */
  private boolean readFragment() throws IOException {
    problem = null;
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
    pos = 0;
    eof = blockLength < BLOCK_SIZE;
  }
}
