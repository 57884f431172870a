package dev.shale.engine.sstable;

import dev.shale.engine.DbException;
import dev.shale.engine.coding.LittleEndian;
import dev.shale.engine.coding.MaskedCrc;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Constants and little helpers of the table layout shared by {@link TableBuilder} (whose opening
 * comment draws the layout) and {@link Table}.
 */
final class TableFormat {

  /** Compression type byte (1) + masked CRC32C (4) after every block's contents. */
  static final int TRAILER_SIZE = 5;

  /** The only compression type so far: the contents are stored as they are. */
  static final int NO_COMPRESSION = 0;

  /** Three (offset fixed64, size fixed32) handles, version, checksum, magic. */
  static final int FOOTER_SIZE = 52;

  static final int FORMAT_VERSION = 1;

  /** The ASCII bytes {@code SHALESST}, read as a little-endian fixed64. */
  static final long MAGIC = 0x545353454c414853L;

  /** Restart interval of the index block: every entry is a restart, so search is binary. */
  static final int INDEX_RESTART_INTERVAL = 1;

  private TableFormat() {}

  /** The masked CRC32C of {@code data[off, off + len)} followed by the compression type byte. */
  static int blockChecksum(byte[] data, int off, int len, int type) {
    CRC32C crc = new CRC32C();
    crc.update(data, off, len);
    crc.update(type);
    return MaskedCrc.mask((int) crc.getValue());
  }

  /**
   * Checks the trailer after the {@code size} bytes of a block at {@code buf[off]}: its checksum
   * (when {@code verify}) and its compression type.
   *
   * @throws DbException CORRUPTION naming the file and the block's offset
   */
  static void checkTrailer(
      Path file, long blockOffset, byte[] buf, int off, int size, boolean verify) {
    int type = buf[off + size] & 0xff;
    if (verify) {
      int stored = (int) LittleEndian.INT.get(buf, off + size + 1);
      if (stored != blockChecksum(buf, off, size, type)) {
        throw corruption(file, blockOffset, "checksum mismatch");
      }
    }
    if (type != NO_COMPRESSION) {
      throw corruption(file, blockOffset, "unknown compression type " + type);
    }
  }

  static DbException corruption(Path file, long blockOffset, String detail) {
    return new DbException(
        DbException.Kind.CORRUPTION,
        "corrupt table " + file + ": block at offset " + blockOffset + ": " + detail);
  }

  static DbException corruption(Path file, String detail) {
    return new DbException(DbException.Kind.CORRUPTION, "corrupt table " + file + ": " + detail);
  }
}
