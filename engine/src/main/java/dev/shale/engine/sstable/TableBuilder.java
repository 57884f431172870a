package dev.shale.engine.sstable;

/*
 * Table file layout (after LevelDB's table format). All fixed-width integers are little-endian.
 *
 *   +--------------------+
 *   | data block 0       |  entries: encoded internal key -> value, in internal-key order
 *   | ...                |
 *   | data block n-1     |
 *   +--------------------+
 *   | filter block       |  whole-table bloom filter over user keys (BloomFilterBuilder)
 *   | range-del block    |  encoded start internal key (type 2) -> end user key (exclusive)
 *   | index block        |  separator internal key -> data block handle
 *   +--------------------+
 *   | footer (52 bytes)  |
 *   +--------------------+
 *
 * Every block (layout: BlockBuilder; filter block: BloomFilterBuilder) is followed by a trailer:
 *
 *   +----------------------+--------------+
 *   | compression type (1) | checksum (4) |   type 0 = none (the only one so far)
 *   +----------------------+--------------+   checksum = masked CRC32C of contents + type byte
 *
 * A block handle is the block's offset and the size of its contents (trailer excluded). In the
 * index block, a handle is the entry's value: offset varint64, size varint64. Index separators
 * are at or after the last key of their block and before the first key of the next one; when the
 * user keys allow, a separator is a shorter user key with tag (2^56-1, 0xff) (all ones), after
 * LevelDB's FindShortestSeparator / FindShortSuccessor. The index block's restart interval is 1.
 *
 * Footer (fixed 52 bytes at the end of the file, no padding):
 *
 *   offset size field
 *   0      8    filter block offset
 *   8      4    filter block size
 *   12     8    range-del block offset    = filter offset + filter size + 5
 *   20     4    range-del block size
 *   24     8    index block offset        = range-del offset + range-del size + 5
 *   32     4    index block size          index offset + index size + 5 = file size - 52
 *   36     4    format version (1)
 *   40     4    masked CRC32C of bytes [0, 40)
 *   44     8    magic: the ASCII bytes "SHALESST"
 *
 * Every byte of a table belongs to a checksummed block, a trailer or the footer, so any flipped
 * byte is caught when the part holding it is read.
 */

import dev.shale.engine.DbException;
import dev.shale.engine.coding.Buffers;
import dev.shale.engine.coding.LittleEndian;
import dev.shale.engine.coding.Varint;
import dev.shale.engine.env.WritableFile;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one table (layout drawn above) to a new file. Single-threaded. Entries go in strictly
 * increasing internal-key order; range tombstones in any order. Output is buffered in 64 KiB
 * chunks; {@link #finish} writes the rest but neither syncs nor closes the file.
 */
public final class TableBuilder {

  private static final byte[] EMPTY = new byte[0];
  private static final int OUTPUT_BUFFER = 64 * 1024;

  private final WritableFile out;
  private final TableOptions options;
  private final BlockBuilder dataBlock;
  private final BlockBuilder indexBlock;
  private final BloomFilterBuilder filter;
  private final List<byte[][]> tombstones = new ArrayList<>();

  private byte[] lastKey = new byte[64];
  private int lastKeyLen;
  private byte[] scratch = new byte[64];
  private final byte[] handle = new byte[20];
  private InternalKey firstKey;

  private long entries;

  /** Bytes handed to the output so far, buffered or written. */
  private long offset;

  /** The last data block written still lacks its index entry (its separator needs the next key). */
  private boolean pendingIndexEntry;

  private long pendingOffset;
  private int pendingSize;

  private final byte[] outBuf = new byte[OUTPUT_BUFFER];
  private int outLen;
  private final byte[] trailer = new byte[TableFormat.TRAILER_SIZE];
  private boolean finished;

  public TableBuilder(WritableFile out, TableOptions options) {
    this.out = out;
    this.options = options;
    this.dataBlock = new BlockBuilder(options.blockRestartInterval());
    this.indexBlock = new BlockBuilder(TableFormat.INDEX_RESTART_INTERVAL);
    this.filter =
        options.bloomBitsPerKey() > 0 ? new BloomFilterBuilder(options.bloomBitsPerKey()) : null;
  }

  /**
   * Adds a VALUE or DELETION entry (a null value is stored as empty).
   *
   * @throws IllegalArgumentException if {@code key} is not after the previous key, or of another
   *     type
   * @throws DbException IO if writing a finished block fails
   */
  public void add(InternalKey key, byte[] value) {
    checkNotFinished();
    ValueType type = key.type();
    if (type != ValueType.VALUE && type != ValueType.DELETION) {
      throw new IllegalArgumentException("not a point entry: " + key);
    }
    if (value == null) {
      value = EMPTY;
    }
    int len = key.encodedLength();
    scratch = Buffers.atLeast(scratch, len);
    key.encodeTo(scratch, 0);
    addEncoded(len, value, 0, value.length);
  }

  /**
   * {@link #add(InternalKey, byte[])} of the entry with user key {@code u[uOff, uOff + uLen)}, tag
   * {@code tag} (as {@link InternalKey#tag} packs it) and value {@code v[vOff, vOff + vLen)}, read
   * where they lie: a flush adds a memtable's entries from buffers it reuses, without a key object
   * or an array per entry.
   */
  public void add(byte[] u, int uOff, int uLen, long tag, byte[] v, int vOff, int vLen) {
    checkNotFinished();
    ValueType type = ValueType.ofCode((int) (tag & 0xff));
    if (type != ValueType.VALUE && type != ValueType.DELETION) {
      throw new IllegalArgumentException("not a point entry: tag " + tag);
    }
    int len = uLen + InternalKey.TAG_SIZE;
    scratch = Buffers.atLeast(scratch, len);
    System.arraycopy(u, uOff, scratch, 0, uLen);
    LittleEndian.LONG.set(scratch, uLen, tag);
    addEncoded(len, v, vOff, vLen);
  }

  /** Adds the entry whose encoded key is {@code scratch[0, len)}. */
  private void addEncoded(int len, byte[] value, int valueOff, int valueLen) {
    boolean sameUserKey = false;
    if (entries > 0) {
      if (InternalKey.compareEncoded(scratch, 0, len, lastKey, 0, lastKeyLen) <= 0) {
        throw new IllegalArgumentException(
            "keys must be added in strictly increasing order: "
                + InternalKey.decode(scratch, 0, len)
                + " after "
                + lastKey());
      }
      int userLen = len - InternalKey.TAG_SIZE;
      sameUserKey =
          userLen == lastKeyLen - InternalKey.TAG_SIZE
              && Arrays.equals(scratch, 0, userLen, lastKey, 0, userLen);
    } else {
      firstKey = InternalKey.decode(scratch, 0, len);
    }
    if (pendingIndexEntry) {
      addIndexEntry(shortestSeparator(lastKey, lastKeyLen, scratch, len));
    }
    if (filter != null && !sameUserKey) {
      filter.add(scratch, 0, len - InternalKey.TAG_SIZE);
    }
    dataBlock.add(scratch, 0, len, value, valueOff, valueLen);
    byte[] swap = lastKey;
    lastKey = scratch;
    lastKeyLen = len;
    scratch = swap;
    entries++;
    if (dataBlock.estimatedSize() >= options.blockBytes()) {
      try {
        flushDataBlock();
      } catch (IOException e) {
        throw new DbException(DbException.Kind.IO, "writing a table failed: " + e, e);
      }
    }
  }

  /**
   * Adds a range tombstone deleting {@code [start.userKey(), endUserKeyExclusive)} below {@code
   * start.sequence()}.
   *
   * @throws IllegalArgumentException if {@code start} is not of type RANGE_DELETION or the range is
   *     empty
   */
  public void addRangeTombstone(InternalKey start, byte[] endUserKeyExclusive) {
    checkNotFinished();
    if (start.type() != ValueType.RANGE_DELETION) {
      throw new IllegalArgumentException("not a range deletion: " + start);
    }
    if (Arrays.compareUnsigned(start.userKey(), endUserKeyExclusive) >= 0) {
      throw new IllegalArgumentException("empty range tombstone: " + start);
    }
    tombstones.add(new byte[][] {start.encode(), endUserKeyExclusive.clone()});
  }

  /** Point entries added so far. */
  public long entries() {
    return entries;
  }

  /** The first point entry's key, or null if none was added. */
  public InternalKey firstKey() {
    return firstKey;
  }

  /** The last point entry's key, or null if none was added. */
  public InternalKey lastKey() {
    return entries == 0 ? null : InternalKey.decode(lastKey, 0, lastKeyLen);
  }

  public int rangeTombstoneCount() {
    return tombstones.size();
  }

  /** What the file would measure if finished now, roughly (for cutting output files). */
  public long estimatedFileSize() {
    long size = offset + indexBlock.estimatedSize() + TableFormat.FOOTER_SIZE;
    if (!dataBlock.isEmpty()) {
      size += dataBlock.estimatedSize() + TableFormat.TRAILER_SIZE;
    }
    if (filter != null) {
      size += filter.estimatedSize();
    }
    return size;
  }

  /**
   * Writes the last data block, the filter, range-deletion and index blocks and the footer.
   *
   * @return the file size
   */
  public long finish() throws IOException {
    checkNotFinished();
    finished = true;
    flushDataBlock();
    if (pendingIndexEntry) {
      addIndexEntry(shortSuccessor(lastKey, lastKeyLen));
    }

    long filterOffset = offset;
    byte[] filterContents = filter == null ? EMPTY : filter.finish();
    writeBlock(filterContents, filterContents.length);

    tombstones.sort(
        (a, b) -> {
          int c = InternalKey.compareEncoded(a[0], 0, a[0].length, b[0], 0, b[0].length);
          return c != 0 ? c : Arrays.compareUnsigned(a[1], b[1]);
        });
    BlockBuilder rangeDels = new BlockBuilder(options.blockRestartInterval());
    for (byte[][] t : tombstones) {
      rangeDels.add(t[0], 0, t[0].length, t[1], 0, t[1].length);
    }
    long rangeDelOffset = offset;
    int rangeDelSize = rangeDels.finish();
    writeBlock(rangeDels.buffer(), rangeDelSize);

    long indexOffset = offset;
    int indexSize = indexBlock.finish();
    writeBlock(indexBlock.buffer(), indexSize);

    Footer footer =
        new Footer(
            filterOffset,
            filterContents.length,
            rangeDelOffset,
            rangeDelSize,
            indexOffset,
            indexSize);
    write(footer.encode(), 0, TableFormat.FOOTER_SIZE);
    flushOutput();
    return offset;
  }

  private void checkNotFinished() {
    if (finished) {
      throw new IllegalStateException("table already finished");
    }
  }

  private void flushDataBlock() throws IOException {
    if (dataBlock.isEmpty()) {
      return;
    }
    int size = dataBlock.finish();
    pendingOffset = offset;
    pendingSize = size;
    writeBlock(dataBlock.buffer(), size);
    dataBlock.reset();
    pendingIndexEntry = true;
  }

  private void addIndexEntry(byte[] separator) {
    int n = Varint.put64(handle, 0, pendingOffset);
    n = Varint.put64(handle, n, pendingSize);
    indexBlock.add(separator, 0, separator.length, handle, 0, n);
    pendingIndexEntry = false;
  }

  private void writeBlock(byte[] contents, int len) throws IOException {
    trailer[0] = TableFormat.NO_COMPRESSION;
    LittleEndian.INT.set(
        trailer, 1, TableFormat.blockChecksum(contents, 0, len, TableFormat.NO_COMPRESSION));
    write(contents, 0, len);
    write(trailer, 0, trailer.length);
  }

  private void write(byte[] b, int off, int len) throws IOException {
    offset += len;
    if (outBuf.length - outLen >= len) {
      System.arraycopy(b, off, outBuf, outLen, len);
      outLen += len;
      return;
    }
    flushOutput();
    if (len >= outBuf.length) {
      out.append(b, off, len);
    } else {
      System.arraycopy(b, off, outBuf, 0, len);
      outLen = len;
    }
  }

  private void flushOutput() throws IOException {
    if (outLen > 0) {
      out.append(outBuf, 0, outLen);
      outLen = 0;
    }
  }

  /**
   * A key in {@code [a, b)}, shorter than {@code a} when the user keys allow: {@code a}'s user key
   * cut after the first byte where it differs from {@code b}'s, that byte incremented, with the
   * smallest tag for that user key. Otherwise {@code a} itself.
   */
  static byte[] shortestSeparator(byte[] a, int aLen, byte[] b, int bLen) {
    int aUser = aLen - InternalKey.TAG_SIZE;
    int bUser = bLen - InternalKey.TAG_SIZE;
    int min = Math.min(aUser, bUser);
    int diff = Arrays.mismatch(a, 0, min, b, 0, min);
    // The conditions for a shorter key (the user keys differ at some byte, before a's last, where
    // a's byte is more than one below b's, hence below 0xff), each as the sign of an int and ANDed,
    // not as branches: runs of keys such as a sequential load's meet one of them only after many
    // blocks, and a branch C2 had not seen taken sent the flush's whole compiled table builder back
    // to the interpreter in every cold fillseq run (seen with -XX:+LogCompilation).
    int at = Math.max(diff, 0);
    int x = a[at] & 0xff;
    int y = b[at] & 0xff;
    if ((~diff & (diff + 1 - aUser) & (x + 1 - y)) < 0) {
      byte[] user = Arrays.copyOf(a, diff + 1);
      user[diff]++;
      return InternalKey.beforeAllVersions(user).encode();
    }
    return Arrays.copyOf(a, aLen);
  }

  /**
   * A key at or after {@code a}, shorter when possible: {@code a}'s user key cut after its first
   * byte that is not 0xff, that byte incremented, with the smallest tag. Otherwise {@code a}.
   */
  static byte[] shortSuccessor(byte[] a, int aLen) {
    int aUser = aLen - InternalKey.TAG_SIZE;
    for (int i = 0; i + 1 < aUser; i++) {
      if (a[i] != (byte) 0xff) {
        byte[] user = Arrays.copyOf(a, i + 1);
        user[i]++;
        return InternalKey.beforeAllVersions(user).encode();
      }
    }
    return Arrays.copyOf(a, aLen);
  }
}
