package dev.shale.engine.wal;

import dev.shale.engine.coding.MaskedCrc;
import java.util.zip.CRC32C;

/**
 * The constants of the log layout shared by {@link LogWriter} (whose opening comment draws the
 * layout) and {@link LogReader}, and the record checksum.
 */
public final class LogFormat {

  static final int BLOCK_SIZE = 32 * 1024;

  /** checksum (4) + length (2) + type (1). */
  static final int HEADER_SIZE = 7;

  /** Largest fragment payload: a fragment never crosses a block boundary. */
  static final int MAX_FRAGMENT = BLOCK_SIZE - HEADER_SIZE;

  /** Never written; what a preallocated or zero-filled region reads as. */
  static final int ZERO = 0;

  static final int FULL = 1;
  static final int FIRST = 2;
  static final int MIDDLE = 3;
  static final int LAST = 4;

  private LogFormat() {}

  /** The masked CRC32C of the type byte followed by {@code data[off, off + len)}. */
  static int checksum(int type, byte[] data, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(type);
    crc.update(data, off, len);
    return MaskedCrc.mask((int) crc.getValue());
  }
}
