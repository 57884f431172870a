package dev.shale.engine.sstable;

import static dev.shale.engine.sstable.TableFormat.FOOTER_SIZE;

import dev.shale.engine.coding.LittleEndian;
import dev.shale.engine.coding.MaskedCrc;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The fixed-size end of a table (layout: see {@link TableBuilder}): where the filter,
 * range-deletion and index blocks are. Sizes exclude the blocks' 5-byte trailers.
 */
record Footer(
    long filterOffset,
    int filterSize,
    long rangeDelOffset,
    int rangeDelSize,
    long indexOffset,
    int indexSize) {

  private static final int CHECKSUMMED = 40;

  byte[] encode() {
    byte[] b = new byte[FOOTER_SIZE];
    LittleEndian.LONG.set(b, 0, filterOffset);
    LittleEndian.INT.set(b, 8, filterSize);
    LittleEndian.LONG.set(b, 12, rangeDelOffset);
    LittleEndian.INT.set(b, 20, rangeDelSize);
    LittleEndian.LONG.set(b, 24, indexOffset);
    LittleEndian.INT.set(b, 32, indexSize);
    LittleEndian.INT.set(b, 36, TableFormat.FORMAT_VERSION);
    LittleEndian.INT.set(b, 40, checksum(b));
    LittleEndian.LONG.set(b, 44, TableFormat.MAGIC);
    return b;
  }

  /**
   * Decodes and checks a footer read from the last {@value TableFormat#FOOTER_SIZE} bytes of a
   * table of {@code fileSize} bytes: magic, checksum, version, and that the three blocks lie back
   * to back right before it.
   *
   * @throws dev.shale.engine.DbException CORRUPTION naming the file
   */
  static Footer decode(byte[] b, Path file, long fileSize) {
    long at = fileSize - FOOTER_SIZE;
    if ((long) LittleEndian.LONG.get(b, 44) != TableFormat.MAGIC) {
      throw TableFormat.corruption(file, at, "footer: bad magic number (not a table?)");
    }
    if ((int) LittleEndian.INT.get(b, 40) != checksum(b)) {
      throw TableFormat.corruption(file, at, "footer: checksum mismatch");
    }
    int version = (int) LittleEndian.INT.get(b, 36);
    if (version != TableFormat.FORMAT_VERSION) {
      throw TableFormat.corruption(file, at, "footer: unknown format version " + version);
    }
    Footer f =
        new Footer(
            (long) LittleEndian.LONG.get(b, 0),
            (int) LittleEndian.INT.get(b, 8),
            (long) LittleEndian.LONG.get(b, 12),
            (int) LittleEndian.INT.get(b, 20),
            (long) LittleEndian.LONG.get(b, 24),
            (int) LittleEndian.INT.get(b, 32));
    int t = TableFormat.TRAILER_SIZE;
    boolean ok =
        f.filterOffset >= 0
            && f.filterSize >= 0
            && f.rangeDelSize >= 0
            && f.indexSize >= 0
            && f.rangeDelOffset == f.filterOffset + f.filterSize + t
            && f.indexOffset == f.rangeDelOffset + f.rangeDelSize + t
            && f.indexOffset + f.indexSize + t == at;
    if (!ok) {
      throw TableFormat.corruption(file, at, "footer: block handles do not fit the file: " + f);
    }
    return f;
  }

  private static int checksum(byte[] b) {
    CRC32C crc = new CRC32C();
    crc.update(b, 0, CHECKSUMMED);
    return MaskedCrc.mask((int) crc.getValue());
  }
}
