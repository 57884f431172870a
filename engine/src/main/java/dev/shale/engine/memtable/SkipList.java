package dev.shale.engine.memtable;

import dev.shale.engine.ValueReader;
import dev.shale.engine.coding.KeyWords;
import dev.shale.engine.keys.InternalKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The memtable's sorted list of internal keys: a skip list with one writer at a time and any number
 * of readers without locks, in the manner of LevelDB's, laid out in an {@link Arena}. Nodes are
 * never removed; a node is linked in bottom-up with release stores after its own fields and links
 * are set, so a reader that reaches it through acquire loads sees it whole. Internal keys are
 * unique (each write has its own sequence), so there are no equal keys.
 *
 * <p>A node is an address (see {@link Arena}; 0 is none) of one block: the first 16 bytes of its
 * user key as two big-endian words, its tag, its key's length and height, its value's length, one
 * link per level, then the key's bytes and the value's. A comparison on the way down reads the
 * node's first line and decides on the words alone unless both tie (a key's bytes past 16 are read
 * only then, as Masstree and Umbra's short-string prefixes do). Insert copies the key and value in;
 * {@link #key} and {@link #value} copy them out, {@link #readValue} reads the value in place.
 *
 * <p>Single writer: {@link #insert} must not run concurrently with itself. The database's group
 * commit guarantees it (only the head of the writer queue applies to the memtable), and so does log
 * replay.
 */
final class SkipList {

  private static final int MAX_HEIGHT = 12;

  // A node's layout, in bytes from its address.
  private static final int W0 = 0;
  private static final int W1 = 8;
  private static final int TAG = 16;
  private static final int KEY_LENGTH = 24; // int: height << 24 | key length
  private static final int VALUE_LENGTH = 28; // int
  private static final int NEXT = 32; // a long per level, then the key's bytes, then the value's

  /** The largest key a node holds: its length has 24 bits. */
  static final int MAX_KEY_BYTES = (1 << 24) - 1;

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

  /** Bytes {@code from .. from + 7} of {@code key} as a big-endian word, zeros past its end. */
  static long word(byte[] key, int from) {
    return KeyWords.word(key, 0, key.length, from);
  }

  private final Arena arena;
  private final long head;
  private volatile int height = 1;
  private long random = 0x2545F4914F6CDD1DL; // the writer's xorshift state

  /**
   * The writer's scratch: the last insert's path, the head on every level before the first (the
   * path of any key in an empty list). No flag for "no insert yet": a branch first taken on a new
   * memtable's first insert sent the compiled write path back to the interpreter.
   */
  private final long[] prev = new long[MAX_HEIGHT];

  SkipList(Arena arena) {
    this.arena = arena;
    this.head = arena.allocate(NEXT + 8 * MAX_HEIGHT);
    Arrays.fill(prev, head);
  }

  /**
   * Adds the entry of user key {@code u} with {@code tag} (as {@link InternalKey#tag} packs it),
   * copying {@code u} and {@code value} into the arena; one writer at a time. Returns the bytes the
   * entry takes. A key that sorts right after the previous insert (keys written in order, as by a
   * sequential load or a log replay) reuses that insert's path instead of searching from the top,
   * as RocksDB's skip list does.
   *
   * @throws IllegalArgumentException if {@code u} is longer than {@link #MAX_KEY_BYTES}
   */
  long insert(byte[] u, long tag, byte[] value) {
    if (u.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "key of " + u.length + " bytes: " + MAX_KEY_BYTES + " at most");
    }
    long w0 = word(u, 0);
    long w1 = word(u, 8);
    if (!followsLastInsert(u, w0, w1, tag)) {
      findGreaterOrEqual(u, w0, w1, tag, prev);
    }
    int h = randomHeight();
    int current = height;
    if (h > current) {
      for (int i = current; i < h; i++) {
        prev[i] = head;
      }
      height = h; // readers that see it early find no links at the new levels: fine
    }
    int keyAt = NEXT + 8 * h;
    int bytes = keyAt + u.length + value.length;
    long node = arena.allocate(bytes);
    byte[] c = arena.chunk(node);
    int p = Arena.offset(node);
    LONG.set(c, p + W0, w0);
    LONG.set(c, p + W1, w1);
    LONG.set(c, p + TAG, tag);
    INT.set(c, p + KEY_LENGTH, h << 24 | u.length);
    INT.set(c, p + VALUE_LENGTH, value.length);
    System.arraycopy(u, 0, c, p + keyAt, u.length);
    System.arraycopy(value, 0, c, p + keyAt + u.length, value.length);
    for (int level = 0; level < h; level++) {
      LONG.set(c, p + NEXT + 8 * level, next(prev[level], level)); // not yet published: plain
      LONG.setRelease(arena.chunk(prev[level]), Arena.offset(prev[level]) + NEXT + 8 * level, node);
    }
    // The path to a key right after this one: the node itself on its levels, and above them the
    // nodes that preceded it (nothing lies between it and such a key on any level).
    for (int level = 0; level < h; level++) {
      prev[level] = node;
    }
    return bytes;
  }

  /**
   * Whether {@code key} falls between the last inserted node (or the head, which sorts before every
   * key: its key is empty) and its successor, so that {@link #prev} (that insert's path, updated)
   * is its path too.
   */
  private boolean followsLastInsert(byte[] u, long w0, long w1, long tag) {
    long last = prev[0];
    if (compare(last, u, w0, w1, tag) >= 0) {
      return false;
    }
    long next = next(last, 0);
    return next == 0 || compare(next, u, w0, w1, tag) > 0;
  }

  /** Heights 1..12, each level a quarter as likely as the one below. */
  private int randomHeight() {
    long x = random;
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    random = x;
    int h = 1;
    while (h < MAX_HEIGHT && (x & 3) == 0) {
      h++;
      x >>>= 2;
    }
    return h;
  }

  /** The node after {@code node} on {@code level}, or 0. */
  long next(long node, int level) {
    return (long) LONG.getAcquire(arena.chunk(node), Arena.offset(node) + NEXT + 8 * level);
  }

  /** The node after {@code node}, or 0. */
  long next(long node) {
    return next(node, 0);
  }

  /** Where {@code node}'s key starts in its chunk. */
  private static int keyAt(byte[] c, int p) {
    return p + NEXT + 8 * ((int) INT.get(c, p + KEY_LENGTH) >>> 24);
  }

  private static int keyLength(byte[] c, int p) {
    return (int) INT.get(c, p + KEY_LENGTH) & MAX_KEY_BYTES;
  }

  private static int valueLength(byte[] c, int p) {
    return (int) INT.get(c, p + VALUE_LENGTH);
  }

  /**
   * {@code node}'s key against the parts of another, in the order of InternalKey.compareTo (as
   * {@link InternalKey#compareWithWords} compares, with the node's bytes read in its chunk).
   */
  private int compare(long node, byte[] u, long w0, long w1, long tag) {
    byte[] c = arena.chunk(node);
    int p = Arena.offset(node);
    long n0 = (long) LONG.get(c, p + W0);
    if (n0 != w0) {
      return Long.compareUnsigned(n0, w0);
    }
    long n1 = (long) LONG.get(c, p + W1);
    if (n1 != w1) {
      return Long.compareUnsigned(n1, w1);
    }
    int length = keyLength(c, p);
    int cmp;
    if (length <= 16 || u.length <= 16) {
      cmp = Integer.compare(length, u.length);
    } else {
      int at = keyAt(c, p);
      cmp = Arrays.compareUnsigned(c, at + 16, at + length, u, 16, u.length);
    }
    return cmp != 0 ? cmp : Long.compareUnsigned(tag, (long) LONG.get(c, p + TAG));
  }

  boolean isEmpty() {
    return next(head, 0) == 0;
  }

  /** The first node at or after {@code key}, or 0. */
  long findGreaterOrEqual(InternalKey key) {
    byte[] u = key.userKey();
    return findGreaterOrEqual(u, word(u, 0), word(u, 8), key.tag(), null);
  }

  private long findGreaterOrEqual(byte[] u, long w0, long w1, long tag, long[] prevs) {
    long x = head;
    int level = height - 1;
    while (true) {
      long next = next(x, level);
      if (next != 0 && compare(next, u, w0, w1, tag) < 0) {
        x = next;
      } else {
        if (prevs != null) {
          prevs[level] = x;
        }
        if (level == 0) {
          return next;
        }
        level--;
      }
    }
  }

  /** The last node before {@code key}, or 0. */
  long findLessThan(InternalKey key) {
    byte[] u = key.userKey();
    long w0 = word(u, 0);
    long w1 = word(u, 8);
    long tag = key.tag();
    long x = head;
    int level = height - 1;
    while (true) {
      long next = next(x, level);
      if (next == 0 || compare(next, u, w0, w1, tag) >= 0) {
        if (level == 0) {
          return x == head ? 0 : x;
        }
        level--;
      } else {
        x = next;
      }
    }
  }

  /** The last node at or before {@code key}, or 0. */
  long findLessOrEqual(InternalKey key) {
    long n = findGreaterOrEqual(key);
    byte[] u = key.userKey();
    return n != 0 && compare(n, u, word(u, 0), word(u, 8), key.tag()) == 0 ? n : findLessThan(key);
  }

  /** The first node, or 0. */
  long first() {
    return next(head, 0);
  }

  /** The last node, or 0. */
  long last() {
    long x = head;
    int level = height - 1;
    while (true) {
      long next = next(x, level);
      if (next == 0) {
        if (level == 0) {
          return x == head ? 0 : x;
        }
        level--;
      } else {
        x = next;
      }
    }
  }

  /** Hands every entry to {@code sink} in order, read where it lies. */
  void forEach(MemTable.EntrySink sink) {
    for (long node = first(); node != 0; node = next(node, 0)) {
      byte[] c = arena.chunk(node);
      int p = Arena.offset(node);
      int at = keyAt(c, p);
      int keyLength = keyLength(c, p);
      sink.entry(
          c, at, keyLength, (long) LONG.get(c, p + TAG), c, at + keyLength, valueLength(c, p));
    }
  }

  /** {@code node}'s tag. */
  long tag(long node) {
    return (long) LONG.get(arena.chunk(node), Arena.offset(node) + TAG);
  }

  /** {@code node}'s key, a new object (and a copy of its user key) each call. */
  InternalKey key(long node) {
    byte[] c = arena.chunk(node);
    int p = Arena.offset(node);
    int at = keyAt(c, p);
    byte[] u = Arrays.copyOfRange(c, at, at + keyLength(c, p));
    return InternalKey.ofTag(u, (long) LONG.get(c, p + TAG));
  }

  /** Whether {@code node}'s user key is {@code u}. */
  boolean hasUserKey(long node, byte[] u) {
    byte[] c = arena.chunk(node);
    int p = Arena.offset(node);
    int at = keyAt(c, p);
    return Arrays.equals(c, at, at + keyLength(c, p), u, 0, u.length);
  }

  /** A copy of {@code node}'s value (empty for a deletion). */
  byte[] value(long node) {
    byte[] c = arena.chunk(node);
    int p = Arena.offset(node);
    int at = keyAt(c, p) + keyLength(c, p);
    return Arrays.copyOfRange(c, at, at + valueLength(c, p));
  }

  /** What {@code reader} makes of {@code node}'s value, read where it lies. */
  <T> T readValue(long node, ValueReader<T> reader) {
    byte[] c = arena.chunk(node);
    int p = Arena.offset(node);
    return reader.read(c, keyAt(c, p) + keyLength(c, p), valueLength(c, p));
  }
}
