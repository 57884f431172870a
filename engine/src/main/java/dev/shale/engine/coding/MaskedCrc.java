package dev.shale.engine.coding;

/**
 * The checksum mask shared by the log's fragment headers and the tables' block trailers and footer
 * (see {@code engine/FORMAT.md}): a CRC32C is stored rotated right 15 bits plus {@code 0xa282ead8}
 * (mod 2^32), so a CRC over bytes that embed CRCs does not checksum to itself.
 */
public final class MaskedCrc {

  private static final int MASK_DELTA = 0xa282ead8;

  private MaskedCrc() {}

  /** Masks a CRC32C for storage. */
  public static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }
}
