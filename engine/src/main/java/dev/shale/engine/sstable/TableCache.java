package dev.shale.engine.sstable;

import dev.shale.engine.DbException;
import dev.shale.engine.ReadTrace;
import dev.shale.engine.env.Env;
import dev.shale.engine.env.FileNames;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open tables of one database directory. A table opens with its index and filter on the heap
 * ({@link Table#pinnedBytes()}) and its file handle open while the tables so opened stay within
 * {@code maxPinnedBytes} and {@code maxOpenFiles}; past either, where the file can be mapped, it
 * opens with them read in place in the mapping, holding neither heap nor a file handle ({@link
 * Table#metadataMapped()}), and at most {@code maxMappedTables} stay open so. Beyond a bound the
 * least recently used table of its kind is closed; the table just opened stays even if it alone is
 * over the byte bound. So the heap the tables hold does not grow with the data on disk, and a
 * database of thousands of tables does not reopen one for every read (LevelDB's and RocksDB's cliff
 * when the table cache is smaller than the database). Thread safe; a lookup of an open table takes
 * no lock (recency is kept as a stamp per table, approximately under concurrency, and searched only
 * when a table must close).
 *
 * <p>A table closed by eviction keeps answering whoever still holds it (an iterator, say): its
 * reads then open the file for one read each, so file handles stay bounded without reference
 * counting. Two threads missing the same table at once may both open it; one copy is closed again
 * at once.
 */
public final class TableCache implements Closeable {

  private final Env env;
  private final Path dir;
  private final int maxOpenFiles;
  private final int maxMappedTables;
  private final long maxPinnedBytes;
  private final BlockCache blockCache;
  private final TableOptions options;
  private final ConcurrentHashMap<Long, Table> open = new ConcurrentHashMap<>();

  /** Advances on every lookup; a table's stamp is the tick of its last use. Racy on purpose. */
  private long tick;

  /** The pinned bytes of the tables in {@link #open}; guarded by this. */
  private long pinnedBytes;

  /** Tables in {@link #open} with their index and filter in their mapping; guarded by this. */
  private int mapped;

  private volatile boolean closed;

  /** A cache bounded by the number of open tables only, each on the heap with its file handle. */
  public TableCache(
      Env env, Path dir, int maxOpenFiles, BlockCache blockCache, TableOptions options) {
    this(env, dir, maxOpenFiles, 0, Long.MAX_VALUE, blockCache, options);
  }

  /**
   * The tables of {@code dir} in {@code env}, named by {@link FileNames#tableFile}; with {@code
   * maxMappedTables} 0, none is read in place.
   */
  public TableCache(
      Env env,
      Path dir,
      int maxOpenFiles,
      int maxMappedTables,
      long maxPinnedBytes,
      BlockCache blockCache,
      TableOptions options) {
    if (maxOpenFiles < 1) {
      throw new IllegalArgumentException("maxOpenFiles must be positive: " + maxOpenFiles);
    }
    if (maxMappedTables < 0) {
      throw new IllegalArgumentException(
          "maxMappedTables must not be negative: " + maxMappedTables);
    }
    if (maxPinnedBytes < 0) {
      throw new IllegalArgumentException("maxPinnedBytes must not be negative: " + maxPinnedBytes);
    }
    this.env = env;
    this.dir = dir;
    this.maxOpenFiles = maxOpenFiles;
    this.maxMappedTables = maxMappedTables;
    this.maxPinnedBytes = maxPinnedBytes;
    this.blockCache = blockCache;
    this.options = options;
  }

  /**
   * The open table {@code fileNumber}, opened now if needed.
   *
   * @throws DbException CORRUPTION if the table does not open cleanly (see {@link Table#open}),
   *     CLOSED after {@link #close}
   */
  public Table table(long fileNumber, long fileSize) throws IOException {
    Table t = open.get(fileNumber);
    if (t != null) {
      t.lastUsed = ++tick;
      if (closed) {
        checkOpen();
      }
      return t;
    }
    synchronized (this) {
      checkOpen();
      t = open.get(fileNumber);
      if (t != null) {
        return t;
      }
    }
    ReadTrace trace = ReadTrace.current();
    if (trace != null) {
      trace.tableOpened(fileNumber);
    }
    Table fresh =
        Table.open(
            env,
            FileNames.tableFile(dir, fileNumber),
            fileNumber,
            fileSize,
            blockCache,
            options,
            pinBudget());
    List<Table> toClose = new ArrayList<>();
    Table result;
    synchronized (this) {
      Table raced = closed ? null : open.get(fileNumber);
      if (closed || raced != null) {
        toClose.add(fresh);
        result = raced;
      } else {
        fresh.lastUsed = ++tick;
        open.put(fileNumber, fresh);
        pinnedBytes += fresh.pinnedBytes();
        mapped += fresh.metadataMapped() ? 1 : 0;
        result = fresh;
        while (open.size() > 1) {
          boolean overHandles = open.size() - mapped > maxOpenFiles;
          boolean overMapped = mapped > maxMappedTables;
          boolean overBytes = pinnedBytes > maxPinnedBytes;
          Table lru = null;
          for (Table o : open.values()) {
            boolean counts =
                (o.metadataMapped() ? overMapped : overHandles)
                    || (overBytes && o.pinnedBytes() > 0);
            if (o != fresh && counts && (lru == null || o.lastUsed < lru.lastUsed)) {
              lru = o;
            }
          }
          if (lru == null) {
            break;
          }
          open.remove(lru.fileNumber());
          pinnedBytes -= lru.pinnedBytes();
          mapped -= lru.metadataMapped() ? 1 : 0;
          toClose.add(lru);
        }
      }
    }
    for (Table c : toClose) {
      c.close();
    }
    if (result == null) {
      checkOpen();
    }
    return result;
  }

  /**
   * The most heap a table about to open may pin: what is left of {@code maxPinnedBytes}, or 0 (read
   * it in place) when the tables holding a file handle are at {@code maxOpenFiles}; unbounded where
   * no table may be read in place.
   */
  private synchronized long pinBudget() {
    if (maxMappedTables == 0) {
      return Long.MAX_VALUE;
    }
    if (open.size() - mapped >= maxOpenFiles) {
      return 0;
    }
    return Math.max(0, maxPinnedBytes - pinnedBytes);
  }

  /** Closes table {@code fileNumber} and drops its blocks from the block cache (file deleted). */
  public void evict(long fileNumber) {
    Table t;
    synchronized (this) {
      t = open.remove(fileNumber);
      if (t != null) {
        pinnedBytes -= t.pinnedBytes();
        mapped -= t.metadataMapped() ? 1 : 0;
      }
    }
    if (t != null) {
      try {
        t.close();
      } catch (IOException e) {
        // A read-only handle: nothing is lost if closing it fails.
      }
    }
    if (blockCache != null) {
      blockCache.evictFile(fileNumber);
    }
  }

  /** Number of tables open now. */
  public synchronized int openTables() {
    return open.size();
  }

  /** Number of tables open now with their index and filter read in their mapping. */
  public synchronized int mappedTables() {
    return mapped;
  }

  /** Heap pinned by the open tables' index, filter and range-deletion blocks. */
  public synchronized long pinnedBytes() {
    return pinnedBytes;
  }

  @Override
  public void close() throws IOException {
    List<Table> tables;
    synchronized (this) {
      closed = true;
      tables = new ArrayList<>(open.values());
      open.clear();
      pinnedBytes = 0;
      mapped = 0;
    }
    IOException failure = null;
    for (Table t : tables) {
      try {
        t.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new DbException(DbException.Kind.CLOSED, "table cache of " + dir + " is closed");
    }
  }

  @Override
  public String toString() {
    return "TableCache["
        + dir
        + ", maxOpenFiles="
        + maxOpenFiles
        + ", maxMappedTables="
        + maxMappedTables
        + ", maxPinnedBytes="
        + maxPinnedBytes
        + "]";
  }
}
