package dev.shale.engine.memtable;

import dev.shale.engine.ValueReader;
import dev.shale.engine.WriteBatch;
import dev.shale.engine.coding.Buffers;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.keys.ValueType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The newest writes, in memory, as a sorted map from internal key to value. Entries are only added,
 * never removed or replaced (each write has its own sequence number), so readers need no lock: a
 * reader at sequence {@code s} ignores the entries above {@code s} that arrive while it reads.
 * Writes come from one thread at a time, as {@link SkipList} requires.
 */
public final class MemTable {

  private static final byte[] NO_VALUE = new byte[0];

  /** Rough heap cost of a range deletion beyond its keys' bytes: the object and two arrays. */
  private static final int RANGE_DELETION_OVERHEAD = 112;

  /** The chunks of a memtable that is only replayed into or flushed: 256 KiB. */
  private static final long UNSIZED_CHUNK_BYTES = Arena.MAX_CHUNK_BYTES;

  private final SkipList table;

  /** The user keys of the point entries, so a get of another key skips the search; or null. */
  private final KeyBloom keys;

  private static final VarHandle BYTES;

  static {
    try {
      BYTES = MethodHandles.lookup().findVarHandle(MemTable.class, "approximateBytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // Added to by the one writer at a time (as the skip list is) with plain stores, read by anyone
  // with opaque loads: see Stats#addSerial for why a plain store of a long is whole here.
  private long approximateBytes;

  /** Range deletions, kept apart from point entries; rare, so a copy-on-write list. */
  private final List<RangeTombstone> rangeTombstones = new CopyOnWriteArrayList<>();

  /** A memtable without a key filter: one that is only replayed into or flushed, not read. */
  public MemTable() {
    this.table = new SkipList(new Arena(UNSIZED_CHUNK_BYTES));
    this.keys = null;
  }

  /**
   * A memtable expected to take about {@code writeBufferBytes} (of {@link #approximateMemoryUsage})
   * before it is frozen, with a key filter for its gets of about 1/64 of that: an entry counts at
   * least 120 bytes, so 15 bits or more per key, well under 1% false positives.
   */
  public MemTable(long writeBufferBytes) {
    this.table = new SkipList(Arena.forWriteBuffer(writeBufferBytes));
    this.keys = new KeyBloom(writeBufferBytes / 64);
    addBytes(keys.sizeInBytes());
  }

  /** Adds {@code key = value} at {@code sequence}; the bytes are copied, the arrays stay yours. */
  public void put(long sequence, byte[] key, byte[] value) {
    add(key, InternalKey.tag(sequence, ValueType.VALUE), value);
  }

  /** Adds a deletion of {@code key} at {@code sequence}; the bytes are copied. */
  public void delete(long sequence, byte[] key) {
    add(key, InternalKey.tag(sequence, ValueType.DELETION), NO_VALUE);
  }

  /** Adds a deletion of every key in [{@code begin}, {@code end}) at {@code sequence}. */
  public void deleteRange(long sequence, byte[] begin, byte[] end) {
    if (Arrays.compareUnsigned(begin, end) >= 0) {
      return; // an empty range deletes nothing
    }
    rangeTombstones.add(new RangeTombstone(begin, end, sequence));
    addBytes(begin.length + end.length + RANGE_DELETION_OVERHEAD);
  }

  /**
   * Adds the ops of {@code batch}, the first at {@code sequence}, the next at {@code sequence + 1}
   * and so on; returns the sequence after the last. Keys and values are copied: the caller's arrays
   * stay the caller's.
   */
  public long apply(long sequence, WriteBatch batch) {
    for (int i = 0, n = batch.count(); i < n; i++, sequence++) {
      switch (batch.type(i)) {
        case PUT -> put(sequence, batch.key(i), batch.value(i));
        case DELETE -> delete(sequence, batch.key(i));
        case DELETE_RANGE -> deleteRange(sequence, batch.key(i).clone(), batch.value(i).clone());
      }
    }
    return sequence;
  }

  /** The range deletions, in the order they were added. */
  public List<RangeTombstone> rangeTombstones() {
    return rangeTombstones;
  }

  /**
   * The newest sequence at or below {@code sequence} of a range deletion covering {@code userKey},
   * or 0 if none does.
   */
  public long newestTombstoneOver(byte[] userKey, long sequence) {
    return rangeTombstones.isEmpty()
        ? 0
        : RangeTombstone.newestCovering(rangeTombstones, userKey, sequence);
  }

  /** Whether nothing, not even a range deletion, was added. */
  public boolean isEmpty() {
    return table.isEmpty() && rangeTombstones.isEmpty();
  }

  private void add(byte[] userKey, long tag, byte[] value) {
    if (keys != null) {
      keys.add(userKey); // before the entry can be found: see KeyBloom
    }
    addBytes(table.insert(userKey, tag, value));
  }

  private void addBytes(long n) {
    approximateBytes += n;
  }

  /**
   * The newest entry of {@code userKey} with a sequence at or below {@code sequence}, deletions
   * included, or null if there is none.
   */
  public Map.Entry<InternalKey, byte[]> get(byte[] userKey, long sequence) {
    if (keys != null && !keys.mayContain(userKey)) {
      return null;
    }
    long e = table.findGreaterOrEqual(InternalKey.seekKey(userKey, sequence));
    return e != 0 && table.hasUserKey(e, userKey)
        ? new AbstractMap.SimpleImmutableEntry<>(
            InternalKey.ofTag(userKey, table.tag(e)), table.value(e)) // the key: the caller's
        : null;
  }

  /** Roughly the heap bytes the entries take: their bytes in the arena, and the key filter. */
  public long approximateMemoryUsage() {
    return (long) BYTES.getOpaque(this);
  }

  /** Takes a memtable's entries one by one, each as bytes in arrays lent for the call. */
  public interface EntrySink {

    /**
     * The entry of user key {@code key[keyOff, keyOff + keyLen)}, {@code tag} (as {@link
     * InternalKey#tag} packs it) and value {@code value[valueOff, valueOff + valueLen)} (empty for
     * a deletion). The arrays are valid only during the call and must not be changed.
     */
    void entry(
        byte[] key, int keyOff, int keyLen, long tag, byte[] value, int valueOff, int valueLen);
  }

  /**
   * Hands every point entry, in {@link InternalKey} order, to {@code sink}, unpacked into buffers
   * reused from one entry to the next (a flush's way: {@link #newIterator} makes a key object and
   * an array per entry); range deletions are in {@link #rangeTombstones}. Entries added meanwhile
   * may or may not be seen.
   */
  public void forEachEntry(EntrySink sink) {
    table.forEach(sink);
  }

  /** An iterator over all entries; it may or may not see entries added after its creation. */
  public InternalIterator newIterator() {
    return new TableIterator();
  }

  private final class TableIterator implements InternalIterator {

    private long current; // a node, or 0

    /** {@code current}'s key, made on the first {@link #key} at this position. */
    private InternalKey currentKey;

    /** Where {@link #readValue} unpacks values, for every entry of this iterator. */
    private byte[] valueBuffer = new byte[256];

    private void moveTo(long node) {
      current = node;
      currentKey = null;
    }

    @Override
    public boolean isValid() {
      return current != 0;
    }

    @Override
    public void seekToFirst() {
      moveTo(table.first());
    }

    @Override
    public void seekToLast() {
      moveTo(table.last());
    }

    @Override
    public void seek(InternalKey target) {
      moveTo(table.findGreaterOrEqual(target));
    }

    @Override
    public void seekForPrev(InternalKey target) {
      moveTo(table.findLessOrEqual(target));
    }

    @Override
    public void next() {
      moveTo(table.next(current));
    }

    @Override
    public void prev() {
      moveTo(table.findLessThan(key()));
    }

    @Override
    public InternalKey key() {
      if (currentKey == null) {
        currentKey = table.key(current);
      }
      return currentKey;
    }

    @Override
    public byte[] value() {
      return table.value(current);
    }

    @Override
    public <T> T readValue(ValueReader<T> reader) {
      int length = table.valueLength(current);
      valueBuffer = Buffers.atLeast(valueBuffer, length);
      table.copyValue(current, valueBuffer);
      return reader.read(valueBuffer, 0, length);
    }
  }
}
