package dev.shale.engine.sstable;

import static dev.shale.engine.sstable.TableFormat.FOOTER_SIZE;

import dev.shale.engine.env.ReadableFile;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.keys.ValueType;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What opening a {@link Table} reads and checks, in one read after the footer: the filter,
 * range-deletion and index blocks, decoded onto the heap; and, from them, the index read in place
 * in the file's mapping ({@link #inPlace}).
 */
record TableMeta(
    Footer footer, IndexBlock index, BloomFilter filter, List<RangeTombstone> tombstones) {

  /** End of the data blocks: where the filter block starts. */
  long dataEnd() {
    return footer.filterOffset();
  }

  /** The heap the index, filter and range tombstones take. */
  long heapBytes() {
    long bytes = index.sizeInBytes() + (filter == null ? 0 : filter.sizeInBytes());
    return bytes + tombstoneBytes(tombstones);
  }

  /** The heap {@code tombstones} take, roughly. */
  static long tombstoneBytes(List<RangeTombstone> tombstones) {
    long bytes = 0;
    for (RangeTombstone t : tombstones) {
      bytes += t.startUserKey().length + t.endUserKeyExclusive().length + 64;
    }
    return bytes;
  }

  /**
   * Reads and checks the footer, filter, range-deletion and index blocks of {@code file}, {@code
   * fileSize} bytes long, through {@code ch}.
   *
   * @throws dev.shale.engine.DbException CORRUPTION naming the file if anything is malformed, fails
   *     its checksum or lies past the end of the file
   */
  static TableMeta read(ReadableFile ch, Path file, long fileSize) throws IOException {
    try {
      long footerAt = fileSize - FOOTER_SIZE;
      byte[] f = new byte[FOOTER_SIZE];
      ch.readFully(footerAt, f, 0, f.length);
      Footer footer = Footer.decode(f, file, fileSize);

      long metaAt = footer.filterOffset();
      long metaLength = footerAt - metaAt;
      if (metaLength > Integer.MAX_VALUE - 16) {
        throw TableFormat.corruption(file, metaAt, "meta blocks too large: " + metaLength);
      }
      byte[] meta = new byte[(int) metaLength];
      ch.readFully(metaAt, meta, 0, meta.length);

      int filterSize = footer.filterSize();
      TableFormat.checkTrailer(file, metaAt, meta, 0, filterSize, true);
      BloomFilter filter;
      try {
        filter = BloomFilter.parse(meta, 0, filterSize);
      } catch (IllegalArgumentException e) {
        throw TableFormat.corruption(file, metaAt, e.getMessage());
      }

      List<RangeTombstone> tombstones =
          parseRangeTombstones(
              metaBlock(file, meta, metaAt, footer.rangeDelOffset(), footer.rangeDelSize()));
      IndexBlock index =
          IndexBlock.parse(
              metaBlock(file, meta, metaAt, footer.indexOffset(), footer.indexSize()), metaAt);
      return new TableMeta(footer, index, filter, tombstones);
    } catch (EOFException e) {
      throw TableFormat.corruption(
          file, "file is shorter than its recorded size " + fileSize + ": " + e.getMessage());
    } catch (IndexOutOfBoundsException | IllegalArgumentException | NegativeArraySizeException e) {
      throw TableFormat.corruption(file, "malformed table: " + e);
    }
  }

  /**
   * The index read in place in {@code map}, the file's mapping, or null if its block does not have
   * one restart per entry (then it stays on the heap).
   *
   * @throws dev.shale.engine.DbException CORRUPTION if the mapping reads otherwise than the bytes
   *     just checked
   */
  MappedIndex inPlace(ByteBuffer map, Path file) {
    MappedIndex inPlace;
    try {
      inPlace = new MappedIndex(map, (int) footer.indexOffset(), footer.indexSize(), index.count());
    } catch (IllegalArgumentException e) {
      return null;
    }
    try {
      if (inPlace.sameAs(index)) {
        return inPlace;
      }
    } catch (IndexOutOfBoundsException | InternalError e) {
      // read as a mismatch below
    }
    throw TableFormat.corruption(
        file,
        footer.indexOffset(),
        "the index block reads otherwise through the mapping: file changed");
  }

  private static List<RangeTombstone> parseRangeTombstones(Block block) {
    List<RangeTombstone> list = new ArrayList<>();
    BlockIterator it = new BlockIterator(block);
    for (it.seekToFirst(); it.isValid(); it.next()) {
      InternalKey start = InternalKey.decode(it.keyBytes(), 0, it.keyLength());
      byte[] end = it.value();
      if (start.type() != ValueType.RANGE_DELETION
          || Arrays.compareUnsigned(start.userKey(), end) >= 0) {
        throw block.corruption("bad range tombstone at " + it.entryOffset() + ": " + start);
      }
      list.add(new RangeTombstone(start.userKey(), end, start.sequence()));
    }
    return List.copyOf(list);
  }

  /**
   * The block of {@code size} bytes at file offset {@code offset}, cut out of {@code meta} (the
   * file's bytes from {@code metaAt} on) after its trailer checks out.
   */
  private static Block metaBlock(Path file, byte[] meta, long metaAt, long offset, int size) {
    int at = (int) (offset - metaAt);
    TableFormat.checkTrailer(file, offset, meta, at, size, true);
    return new Block(Arrays.copyOfRange(meta, at, at + size), size, file, offset);
  }
}
