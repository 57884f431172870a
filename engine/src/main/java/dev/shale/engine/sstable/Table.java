package dev.shale.engine.sstable;

import static dev.shale.engine.sstable.TableFormat.FOOTER_SIZE;
import static dev.shale.engine.sstable.TableFormat.TRAILER_SIZE;

import dev.shale.engine.DbException;
import dev.shale.engine.ReadTrace;
import dev.shale.engine.coding.Buffers;
import dev.shale.engine.env.Env;
import dev.shale.engine.env.Mappings;
import dev.shale.engine.env.ReadableFile;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.keys.ValueType;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An open table file (layout: see {@link TableBuilder}); immutable and thread safe.
 *
 * <p>Opening reads the footer, then the filter, range-deletion and index blocks in one read and
 * checks them. Where they fit the pin budget the table cache gives (see {@link TableCache}), or the
 * file cannot be mapped, the index and filter are kept on the heap ({@link #pinnedBytes()}) and the
 * table holds its file handle; otherwise they are searched where they lie in the file's read-only
 * mapping ({@link MappedIndex}, {@link BloomFilter#mapped}: checked entry by entry against the copy
 * just read), the file handle is closed, and the table keeps on the heap only its range tombstones.
 * Data blocks are read on demand and go through the {@link BlockCache}: copied out of a read-only
 * mapping of the file ({@link TableOptions#mmapReads()}, {@link ReadableFile#mapReadOnly}), or else
 * with positional reads; either way each copy is checked before it is used or cached.
 *
 * <p>Anything malformed on disk is a {@code DbException(CORRUPTION)} naming the file and, for a
 * block, its offset; a failed read is a {@code DbException(IO)} (or an {@code IOException} from
 * {@link #open}).
 *
 * <p>After {@link #close()} the table still answers (iterators that outlive their table in a {@link
 * TableCache} keep working) but each data block read opens the file for that read only, and a table
 * whose index and filter were in the mapping reads them once more onto the heap; the mapping is
 * released as soon as no read is using it (every read of it, index and filter probes included,
 * registers first). A thread interrupted during a positional read closes a {@code FileChannel} for
 * every thread; the table then reopens its channel, and the interrupted read fails with {@code
 * DbException(IO)}. Reads from the mapping ignore interrupts. Every file operation goes through the
 * table's {@link Env}.
 */
public final class Table implements Closeable {

  private final Env env;
  private final Path file;
  private final long fileNumber;
  private final long fileSize;
  private final BlockCache cache;
  private final boolean verifyChecksums;
  private final TableIndex index;
  private final BloomFilter filter;
  private final List<RangeTombstone> rangeTombstones;

  /** Whether {@link #index} and {@link #filter} lie in {@link #map} (else on the heap). */
  private final boolean metaInMap;

  private final int blockCount;
  private final long pinnedBytes;

  /** With {@link #metaInMap}: the index and filter read onto the heap for reads after close. */
  private volatile TableMeta afterClose;

  /** End of the data blocks: where the filter block starts. */
  private final long dataEnd;

  /** For {@link TableCache}: when the table was last handed out (its recency stamp). */
  long lastUsed;

  private final Object channelLock = new Object();

  /** The open file handle; null when the table reads only through its mapping. */
  private volatile ReadableFile channel;

  private volatile boolean closed;

  /** The whole file mapped read-only, or null (mmap reads off, or the table is closed). */
  private volatile ByteBuffer map;

  /**
   * Reads copying from {@link #map} now, plus {@link #MAP_CLOSED} once the table is closed: the
   * mapping is released when both are true, so no read ever touches an unmapped page.
   */
  @SuppressWarnings("unused") // through MAP_STATE
  private volatile int mapState;

  private static final int MAP_CLOSED = 1 << 30;
  private static final VarHandle MAP_STATE;

  static {
    try {
      MAP_STATE = MethodHandles.lookup().findVarHandle(Table.class, "mapState", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Table(
      Env env,
      Path file,
      long fileNumber,
      long fileSize,
      BlockCache cache,
      TableOptions options,
      ReadableFile channel,
      ByteBuffer map,
      TableIndex index,
      BloomFilter filter,
      TableMeta meta,
      long pinnedBytes) {
    this.env = env;
    this.file = file;
    this.fileNumber = fileNumber;
    this.fileSize = fileSize;
    this.cache = cache;
    this.verifyChecksums = options.verifyChecksums();
    this.channel = channel;
    this.map = map;
    this.index = index;
    this.filter = filter;
    this.metaInMap = index != meta.index();
    this.blockCount = index.count();
    this.rangeTombstones = meta.tombstones();
    this.dataEnd = meta.dataEnd();
    this.pinnedBytes = pinnedBytes;
  }

  /**
   * Opens the table in {@code file} of {@code env}, {@code fileSize} bytes long as recorded when it
   * was written, its index and filter on the heap. {@code cache} may be null (no caching).
   *
   * @throws DbException CORRUPTION naming the file if the footer, index, filter or range-deletion
   *     block is malformed or fails its checksum, or the file is shorter than {@code fileSize}
   * @throws IOException if reading fails
   */
  public static Table open(
      Env env, Path file, long fileNumber, long fileSize, BlockCache cache, TableOptions options)
      throws IOException {
    return open(env, file, fileNumber, fileSize, cache, options, Long.MAX_VALUE);
  }

  /**
   * {@link #open(Env, Path, long, long, BlockCache, TableOptions)}, keeping the index and filter on
   * the heap only if they take at most {@code pinBudget} bytes or the file cannot be mapped; else
   * reading them in place in the mapping ({@link #metadataMapped()}).
   */
  public static Table open(
      Env env,
      Path file,
      long fileNumber,
      long fileSize,
      BlockCache cache,
      TableOptions options,
      long pinBudget)
      throws IOException {
    if (fileSize < FOOTER_SIZE) {
      throw TableFormat.corruption(
          file, "file size " + fileSize + " is smaller than the " + FOOTER_SIZE + "-byte footer");
    }
    ReadableFile ch = env.newReadableFile(file);
    try {
      TableMeta meta = TableMeta.read(ch, file, fileSize);
      ByteBuffer map = null;
      if (options.mmapReads() && fileSize <= Integer.MAX_VALUE) {
        // The footer was read at fileSize - FOOTER_SIZE, so the file is at least that long.
        try {
          map = ch.mapReadOnly(fileSize);
        } catch (IOException | UnsupportedOperationException e) {
          map = null; // out of address space, say: positional reads still work
        }
      }
      TableIndex index = meta.index();
      BloomFilter filter = meta.filter();
      long pinned = meta.heapBytes();
      if (map != null && pinned > pinBudget) {
        MappedIndex inPlace = meta.inPlace(map, file);
        if (inPlace != null) {
          index = inPlace;
          Footer f = meta.footer();
          filter =
              filter == null
                  ? null
                  : BloomFilter.mapped(map, (int) f.filterOffset(), f.filterSize());
          pinned = TableMeta.tombstoneBytes(meta.tombstones());
          ch.close();
          ch = null;
        }
      }
      return new Table(
          env, file, fileNumber, fileSize, cache, options, ch, map, index, filter, meta, pinned);
    } catch (IOException | RuntimeException | Error e) {
      if (ch != null) {
        ch.close();
      }
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  public long fileNumber() {
    return fileNumber;
  }

  public long fileSize() {
    return fileSize;
  }

  /**
   * False if no point entry of {@code userKey} is in the table; true if one may be (about 1% false
   * positives at 10 bits per key), or if the table has no filter. Range tombstones are not in the
   * filter: check {@link #rangeTombstones()} as well.
   */
  public boolean mayContain(byte[] userKey) {
    if (filter == null) {
      return true;
    }
    if (!metaInMap) {
      return filter.mayContain(userKey);
    }
    if (acquireMap()) {
      try {
        return filter.mayContain(userKey);
      } catch (InternalError e) {
        throw shrank(e);
      } finally {
        releaseMap();
      }
    }
    BloomFilter f = metaAfterClose().filter();
    return f == null || f.mayContain(userKey);
  }

  /** Number of data blocks. */
  int blockCount() {
    return blockCount;
  }

  /**
   * The first data block whose separator is at or after the encoded internal key {@code t[tOff,
   * tOff + tLen)}; {@link #blockCount()} if none.
   */
  int findBlock(byte[] t, int tOff, int tLen) {
    TableIndex ix = indexForRead();
    try {
      return ix.find(t, tOff, tLen);
    } catch (InternalError e) {
      throw shrank(e);
    } finally {
      doneReading(ix);
    }
  }

  /** The index to read now: registered as a read of the mapping if it lies there (see below). */
  private TableIndex indexForRead() {
    if (!metaInMap || acquireMap()) {
      return index;
    }
    return metaAfterClose().index();
  }

  /** Ends a read {@link #indexForRead} began. */
  private void doneReading(TableIndex used) {
    if (metaInMap && used == index) {
      releaseMap();
    }
  }

  /** The index and filter on the heap, for a table closed while they were in the mapping. */
  private TableMeta metaAfterClose() {
    TableMeta m = afterClose;
    if (m == null) {
      synchronized (channelLock) {
        m = afterClose;
        if (m == null) {
          try (ReadableFile once = env.newReadableFile(file)) {
            m = TableMeta.read(once, file, fileSize);
          } catch (IOException e) {
            throw new DbException(
                DbException.Kind.IO, "reading table " + file + " after close failed: " + e, e);
          }
          afterClose = m;
        }
      }
    }
    return m;
  }

  private DbException shrank(InternalError e) {
    // SIGBUS: the file was cut short under the mapping.
    return TableFormat.corruption(file, "file shrank under its mapping: " + e.getMessage());
  }

  /** The table's range tombstones in start internal-key order. */
  public List<RangeTombstone> rangeTombstones() {
    return rangeTombstones;
  }

  /** A new iterator over the point entries; not thread safe itself. */
  public InternalIterator newIterator() {
    return new TableIterator(this);
  }

  /**
   * The first point entry at or after {@code target}, or null: the point lookup, one data block
   * read (rarely two).
   */
  public Map.Entry<InternalKey, byte[]> seek(InternalKey target) {
    Lookup l = LOOKUP.get();
    int tLen = target.encodedLength();
    byte[] t = l.target(tLen);
    target.encodeTo(t, 0);
    int i = findBlock(t, 0, tLen);
    if (i == blockCount) {
      return null;
    }
    BlockIterator it = l.iterator;
    it.reset(dataBlock(i));
    try {
      it.seek(t, 0, tLen);
      // Keys between a block's last key and its separator land in the next block.
      while (!it.isValid() && ++i < blockCount) {
        it.reset(dataBlock(i));
        it.seekToFirst();
      }
      if (!it.isValid()) {
        return null;
      }
      return Map.entry(entryKey(it), it.value());
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw it.block().corruption("malformed block: " + e);
    } finally {
      it.release();
    }
  }

  /** Per-thread scratch of {@link #seek}: the encoded target and a block cursor, reused. */
  private static final class Lookup {
    final BlockIterator iterator = new BlockIterator();
    private byte[] target = new byte[64];

    byte[] target(int len) {
      target = Buffers.atLeast(target, len);
      return target;
    }
  }

  // A subclass, not withInitial(Lookup::new): a lambda's class is spun the first time it is
  // evaluated in a JVM (about half a millisecond before the JIT has run), which the first read
  // would pay.
  private static final ThreadLocal<Lookup> LOOKUP =
      new ThreadLocal<>() {
        @Override
        protected Lookup initialValue() {
          return new Lookup();
        }
      };

  /**
   * Roughly where the data for {@code key} begins in the file: the offset of the data block that
   * would hold it, or the end of the data blocks if it is after every entry.
   */
  public long approximateOffsetOf(InternalKey key) {
    byte[] t = new byte[key.encodedLength()];
    key.encodeTo(t, 0);
    int i = findBlock(t, 0, t.length);
    if (i == blockCount) {
      return dataEnd;
    }
    TableIndex ix = indexForRead();
    try {
      return ix.offset(i);
    } catch (InternalError e) {
      throw shrank(e);
    } finally {
      doneReading(ix);
    }
  }

  /**
   * Heap held by the pinned index, filter and range tombstones while the table is open: only the
   * range tombstones where the index and filter are read in the mapping.
   */
  public long pinnedBytes() {
    return pinnedBytes;
  }

  /** Whether the index and filter are read in place in the file's mapping, not from the heap. */
  public boolean metadataMapped() {
    return metaInMap;
  }

  /** Releases the file handle. Reads still work afterwards, each opening the file briefly. */
  @Override
  public void close() throws IOException {
    synchronized (channelLock) {
      closed = true;
      if (channel != null) {
        channel.close();
      }
    }
    int state;
    do {
      state = (int) MAP_STATE.getVolatile(this);
      if ((state & MAP_CLOSED) != 0) {
        return;
      }
    } while (!MAP_STATE.compareAndSet(this, state, state | MAP_CLOSED));
    if (state == 0) {
      unmap();
    }
  }

  /** Registers a read from {@link #map}; false once the table is closed. */
  private boolean acquireMap() {
    int state;
    do {
      state = (int) MAP_STATE.getVolatile(this);
      if ((state & MAP_CLOSED) != 0) {
        return false;
      }
    } while (!MAP_STATE.compareAndSet(this, state, state + 1));
    return true;
  }

  private void releaseMap() {
    if ((int) MAP_STATE.getAndAdd(this, -1) - 1 == MAP_CLOSED) {
      unmap(); // the last read after close
    }
  }

  /** Runs once, when the table is closed and no read copies from the mapping. */
  private void unmap() {
    ByteBuffer m = map;
    map = null;
    Mappings.unmap(m); // else left to the garbage collector
  }

  /** Whether the table holds an open file handle (for tests of {@link TableCache}). */
  boolean holdsOpenFile() {
    ReadableFile ch = channel;
    return !closed && ch != null && ch.isOpen();
  }

  /** The index as it is kept (for tests: unguarded, so only while the table is open). */
  TableIndex index() {
    return index;
  }

  /** Whether the table is open (not yet closed by its cache). */
  boolean isOpen() {
    return !closed;
  }

  /** Whether the file is still mapped (for tests of mmap reads). */
  boolean holdsMapping() {
    return map != null;
  }

  /** The key of a data block entry, whose type must be VALUE or DELETION. */
  static InternalKey entryKey(BlockIterator it) {
    InternalKey key = InternalKey.decode(it.keyBytes(), 0, it.keyLength());
    ValueType type = key.type();
    if (type != ValueType.VALUE && type != ValueType.DELETION) {
      throw it.block().corruption("entry at " + it.entryOffset() + " has a bad type: " + key);
    }
    return key;
  }

  /** Data block {@code i} of the index, from the cache or the file. */
  Block dataBlock(int i) {
    return dataBlock(i, false);
  }

  /**
   * Data block {@code i} of the index, from the cache or the file; {@code scan}: read by an
   * iterator stepping into it from the block before or after (see {@link BlockCache#put}).
   */
  Block dataBlock(int i, boolean scan) {
    long offset;
    int size;
    TableIndex ix = indexForRead();
    try {
      offset = ix.offset(i);
      size = ix.size(i);
    } catch (InternalError e) {
      throw shrank(e);
    } finally {
      doneReading(ix);
    }
    ReadTrace trace = ReadTrace.current();
    if (cache != null) {
      Block b = cache.get(fileNumber, offset);
      if (b != null) {
        if (trace != null) {
          trace.block(fileNumber, true, 0);
        }
        return b;
      }
    }
    if (trace != null) {
      trace.block(fileNumber, false, size + TRAILER_SIZE);
    }
    byte[] buf = new byte[size + TRAILER_SIZE];
    try {
      read(offset, buf);
    } catch (EOFException e) {
      throw TableFormat.corruption(file, offset, "file ends inside the block");
    } catch (IOException e) {
      throw new DbException(
          DbException.Kind.IO,
          "reading table " + file + " block at offset " + offset + " failed: " + e,
          e);
    }
    TableFormat.checkTrailer(file, offset, buf, 0, size, verifyChecksums);
    Block b = new Block(buf, size, file, offset);
    if (cache != null) {
      cache.put(fileNumber, offset, b, scan);
    }
    return b;
  }

  private void read(long position, byte[] dst) throws IOException {
    ByteBuffer m = map;
    if (m != null && position <= m.capacity() - dst.length && acquireMap()) {
      try {
        m.get((int) position, dst, 0, dst.length);
        return;
      } catch (InternalError e) {
        // SIGBUS: the file was cut short under the mapping.
        throw new EOFException(file + ": file shrank under its mapping: " + e.getMessage());
      } finally {
        releaseMap();
      }
    }
    for (int attempt = 0; ; attempt++) {
      ReadableFile ch = channel;
      try {
        if (closed || ch == null) {
          try (ReadableFile once = env.newReadableFile(file)) {
            once.readFully(position, dst, 0, dst.length);
          }
        } else {
          ch.readFully(position, dst, 0, dst.length);
        }
        return;
      } catch (ClosedByInterruptException e) {
        reopen(ch);
        throw e;
      } catch (ClosedChannelException e) {
        // Closed under us: by close() (then read once), or by another thread's interrupt.
        if (attempt >= 3) {
          throw e;
        }
        reopen(ch);
      }
    }
  }

  private void reopen(ReadableFile broken) throws IOException {
    synchronized (channelLock) {
      if (!closed && broken != null && channel == broken && !broken.isOpen()) {
        channel = env.newReadableFile(file);
      }
    }
  }

  @Override
  public String toString() {
    return "Table[" + file + ", " + fileSize + " bytes]";
  }
}
