package dev.shale.engine.sstable;

/**
 * How tables are written and read. Immutable; change a copy with the {@code withX} methods.
 *
 * <table>
 *   <caption>Knobs</caption>
 *   <tr><th>knob</th><th>default</th><th>what it costs</th></tr>
 *   <tr><td>{@code blockBytes}</td><td>4096</td><td>target size of a data block's contents; a
 *       block is cut once it reaches it. Smaller blocks read fewer bytes per point lookup but make
 *       the pinned index larger.</td></tr>
 *   <tr><td>{@code blockRestartInterval}</td><td>16</td><td>keys between restart points in a data
 *       block. Larger saves space through prefix compression and makes seeks scan longer.</td></tr>
 *   <tr><td>{@code bloomBitsPerKey}</td><td>10</td><td>bloom filter bits per distinct user key
 *       (about 1% false positives at 10); 0 writes no filter. Pinned in memory while the table is
 *       open.</td></tr>
 *   <tr><td>{@code verifyChecksums}</td><td>true</td><td>verify each data block's CRC32C when it
 *       is read from the file. The footer, index, filter and range-deletion blocks are always
 *       verified.</td></tr>
 *   <tr><td>{@code mmapReads}</td><td>true, but false on Windows</td><td>read data blocks by
 *       copying them out of a read-only memory mapping of the table file rather than with one
 *       {@code pread} system call each (LevelDB does the same on 64-bit systems). Blocks are copied
 *       to the heap, checksummed and cached exactly as before; the mapping costs address space, not
 *       heap, and is released when the table closes. The catch: a table file cut short while open
 *       (truncated or rewritten in place by someone else) fails the read with the JVM's {@code
 *       InternalError}, which compiled code may raise a little after the read, instead of {@code
 *       DbException(CORRUPTION)}. Off on Windows, where a mapped file cannot be deleted.</td></tr>
 * </table>
 */
public final class TableOptions {

  private final int blockBytes;
  private final int blockRestartInterval;
  private final int bloomBitsPerKey;
  private final boolean verifyChecksums;
  private final boolean mmapReads;

  /** Whether {@code mmapReads} is on by default: everywhere but Windows. */
  static final boolean MMAP_READS_DEFAULT =
      !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");

  /** The defaults. */
  public TableOptions() {
    this(4096, 16, 10, true, MMAP_READS_DEFAULT);
  }

  /**
   * The defaults: block size 4096, restart interval 16, 10 bloom bits per key, checksums on, mmap
   * reads on (but on Windows).
   */
  public static TableOptions defaults() {
    return new TableOptions();
  }

  private TableOptions(
      int blockBytes,
      int blockRestartInterval,
      int bloomBitsPerKey,
      boolean verifyChecksums,
      boolean mmapReads) {
    if (blockBytes < 1) {
      throw new IllegalArgumentException("blockBytes must be positive: " + blockBytes);
    }
    if (blockRestartInterval < 1) {
      throw new IllegalArgumentException(
          "blockRestartInterval must be positive: " + blockRestartInterval);
    }
    if (bloomBitsPerKey < 0 || bloomBitsPerKey > 64) {
      throw new IllegalArgumentException("bloomBitsPerKey must be in 0..64: " + bloomBitsPerKey);
    }
    this.blockBytes = blockBytes;
    this.blockRestartInterval = blockRestartInterval;
    this.bloomBitsPerKey = bloomBitsPerKey;
    this.verifyChecksums = verifyChecksums;
    this.mmapReads = mmapReads;
  }

  public int blockBytes() {
    return blockBytes;
  }

  public int blockRestartInterval() {
    return blockRestartInterval;
  }

  public int bloomBitsPerKey() {
    return bloomBitsPerKey;
  }

  public boolean verifyChecksums() {
    return verifyChecksums;
  }

  public boolean mmapReads() {
    return mmapReads;
  }

  public TableOptions withBlockBytes(int blockBytes) {
    return new TableOptions(
        blockBytes, blockRestartInterval, bloomBitsPerKey, verifyChecksums, mmapReads);
  }

  public TableOptions withBlockRestartInterval(int blockRestartInterval) {
    return new TableOptions(
        blockBytes, blockRestartInterval, bloomBitsPerKey, verifyChecksums, mmapReads);
  }

  public TableOptions withBloomBitsPerKey(int bloomBitsPerKey) {
    return new TableOptions(
        blockBytes, blockRestartInterval, bloomBitsPerKey, verifyChecksums, mmapReads);
  }

  public TableOptions withVerifyChecksums(boolean verifyChecksums) {
    return new TableOptions(
        blockBytes, blockRestartInterval, bloomBitsPerKey, verifyChecksums, mmapReads);
  }

  public TableOptions withMmapReads(boolean mmapReads) {
    return new TableOptions(
        blockBytes, blockRestartInterval, bloomBitsPerKey, verifyChecksums, mmapReads);
  }

  @Override
  public String toString() {
    return "TableOptions[blockBytes="
        + blockBytes
        + ", blockRestartInterval="
        + blockRestartInterval
        + ", bloomBitsPerKey="
        + bloomBitsPerKey
        + ", verifyChecksums="
        + verifyChecksums
        + ", mmapReads="
        + mmapReads
        + "]";
  }
}
