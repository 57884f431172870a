package dev.shale.engine.memtable;

import dev.shale.engine.coding.Buffers;
import dev.shale.engine.coding.KeyWords;
import dev.shale.engine.coding.LittleEndian;
import dev.shale.engine.keys.InternalKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The memtable's sorted list of internal keys: a skip list with one writer at a time and any number
 * of readers without locks, in the manner of LevelDB's, laid out in an {@link Arena}. Nodes are
 * never removed; a node is linked in bottom-up with release stores after its own fields and links
 * are set, so a reader that reaches it through acquire loads sees it whole. Internal keys are
 * unique (each write has its own sequence), so there are no equal keys.
 *
 * <p>A node is an address (see {@link Arena}; 0 is none) of one block of words: the first 16 bytes
 * of its user key as two big-endian words, its tag, its lengths (value, height, key), one link per
 * level, then the rest of the key's bytes as big-endian words and the value's bytes as
 * little-endian words, each zero-padded to a whole word. A comparison on the way down reads the
 * node's first line and decides on the words alone unless both tie (a key's bytes past 16 are read
 * only then, as Masstree and Umbra's short-string prefixes do), and past them it compares word by
 * word too. Insert packs the key and value in; {@link #key}, {@link #value} and {@link #copyValue}
 * unpack them.
 *
 * <p>Single writer: {@link #insert} must not run concurrently with itself. The database's group
 * commit guarantees it (only the head of the writer queue applies to the memtable), and so does log
 * replay.
 */
final class SkipList {

  private static final int MAX_HEIGHT = 12;

  // A node's layout, in words from its address.
  private static final int W0 = 0;
  private static final int W1 = 1;
  private static final int TAG = 2;
  private static final int LENGTHS = 3; // value length << 32 | height << 24 | key length
  private static final int NEXT = 4; // a link per level, then the key's words, then the value's

  /** The largest key a node holds: its length has 24 bits. */
  static final int MAX_KEY_BYTES = (1 << 24) - 1;

  /** The key bytes the first two words hold; the rest follow the links. */
  private static final int KEY_WORD_BYTES = 16;

  private static final VarHandle LINK = MethodHandles.arrayElementVarHandle(long[].class);

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
    this.head = arena.allocate(NEXT + MAX_HEIGHT);
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
    int keyAt = NEXT + h;
    int keyWords = keyWords(u.length);
    int words = keyAt + keyWords + (value.length + 7 >>> 3);
    long node = arena.allocate(words);
    long[] c = arena.chunk(node);
    int p = Arena.offset(node);
    c[p + W0] = w0;
    c[p + W1] = w1;
    c[p + TAG] = tag;
    c[p + LENGTHS] = (long) value.length << 32 | h << 24 | u.length;
    for (int i = 0; i < keyWords; i++) {
      c[p + keyAt + i] = KeyWords.word(u, 0, u.length, KEY_WORD_BYTES + 8 * i);
    }
    packValue(value, c, p + keyAt + keyWords);
    for (int level = 0; level < h; level++) {
      c[p + NEXT + level] = ownNext(prev[level], level); // not yet published: plain
      LINK.setRelease(arena.chunk(prev[level]), Arena.offset(prev[level]) + NEXT + level, node);
    }
    // The path to a key right after this one: the node itself on its levels, and above them the
    // nodes that preceded it (nothing lies between it and such a key on any level).
    for (int level = 0; level < h; level++) {
      prev[level] = node;
    }
    return 8L * words;
  }

  /** The words holding a key's bytes past the first 16. */
  private static int keyWords(int keyLength) {
    return keyLength > KEY_WORD_BYTES ? keyLength - KEY_WORD_BYTES + 7 >>> 3 : 0;
  }

  /** {@code value}'s bytes as little-endian words from {@code c[at]}, the last zero-padded. */
  private static void packValue(byte[] value, long[] c, int at) {
    int i = 0;
    for (; i + 8 <= value.length; i += 8) {
      c[at + (i >>> 3)] = (long) LittleEndian.LONG.get(value, i);
    }
    if (i < value.length) {
      long w = 0;
      for (int j = value.length - 1; j >= i; j--) {
        w = w << 8 | value[j] & 0xff;
      }
      c[at + (i >>> 3)] = w;
    }
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
    long next = ownNext(last, 0);
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

  /**
   * {@link #next} for the writer, a plain load: the writer wrote every link itself, or a writer
   * before it did, under the database's mutex (which orders them). It spares the insert path the
   * method-handle adapters an acquire load runs through until the JIT has compiled the path that
   * holds it (most of a cold run's first 100,000 writes).
   */
  private long ownNext(long node, int level) {
    return arena.chunk(node)[Arena.offset(node) + NEXT + level];
  }

  /** The node after {@code node} on {@code level}, or 0. */
  long next(long node, int level) {
    return (long) LINK.getAcquire(arena.chunk(node), Arena.offset(node) + NEXT + level);
  }

  /** The node after {@code node}, or 0. */
  long next(long node) {
    return next(node, 0);
  }

  /** Where the words of {@code node}'s key past its first 16 bytes start in its chunk. */
  private static int keyAt(long[] c, int p) {
    return p + NEXT + ((int) c[p + LENGTHS] >>> 24 & 0xff);
  }

  private static int keyLength(long[] c, int p) {
    return (int) c[p + LENGTHS] & MAX_KEY_BYTES;
  }

  private static int valueLength(long[] c, int p) {
    return (int) (c[p + LENGTHS] >>> 32);
  }

  /** Where the words of {@code node}'s value start in its chunk. */
  private static int valueAt(long[] c, int p) {
    return keyAt(c, p) + keyWords(keyLength(c, p));
  }

  /**
   * {@code node}'s key against the parts of another, in the order of InternalKey.compareTo (as
   * {@link InternalKey#compareWithWords} compares, with the node's words read in its chunk).
   */
  private int compare(long node, byte[] u, long w0, long w1, long tag) {
    long[] c = arena.chunk(node);
    int p = Arena.offset(node);
    // Both words at once, without a branch on the first: keys that share their first 8 bytes (a
    // common prefix, or every key of a benchmark) meet an unequal first word only at the head's
    // (zeros), at each memtable's first insert; a branch for it would never have been taken when
    // the write path was compiled, and taking it sent that code back to the interpreter.
    int words =
        2 * Integer.signum(Long.compareUnsigned(c[p + W0], w0))
            + Integer.signum(Long.compareUnsigned(c[p + W1], w1));
    if (words != 0) {
      return words; // the first word's sign unless it ties
    }
    int length = keyLength(c, p);
    int cmp =
        length <= KEY_WORD_BYTES || u.length <= KEY_WORD_BYTES
            ? Integer.compare(length, u.length)
            : compareRest(c, keyAt(c, p), length, u);
    return cmp != 0 ? cmp : Long.compareUnsigned(tag, c[p + TAG]);
  }

  /**
   * A key of {@code length} bytes whose words past the first 16 start at {@code c[at]} against
   * {@code u}, both longer than 16 and equal in their first 16 bytes: word by word, each
   * zero-padded past its key's end, so the first unequal word holds the first unequal byte or, if
   * there is none, shows which key goes on; then the shorter first.
   */
  private static int compareRest(long[] c, int at, int length, byte[] u) {
    int common = Math.min(length, u.length);
    for (int from = KEY_WORD_BYTES; from < common; from += 8) {
      long n = c[at + (from - KEY_WORD_BYTES >>> 3)];
      long w = KeyWords.word(u, 0, u.length, from);
      if (n != w) {
        return Long.compareUnsigned(n, w);
      }
    }
    return Integer.compare(length, u.length);
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

  /** Hands every entry to {@code sink} in order, unpacked into two buffers reused for all. */
  void forEach(MemTable.EntrySink sink) {
    byte[] key = new byte[64];
    byte[] value = new byte[256];
    for (long node = first(); node != 0; node = next(node, 0)) {
      long[] c = arena.chunk(node);
      int p = Arena.offset(node);
      int keyLength = keyLength(c, p);
      int valueLength = valueLength(c, p);
      key = Buffers.atLeast(key, keyLength);
      value = Buffers.atLeast(value, valueLength);
      unpackKey(c, p, key, keyLength);
      unpackValue(c, valueAt(c, p), value, valueLength);
      sink.entry(key, 0, keyLength, c[p + TAG], value, 0, valueLength);
    }
  }

  /** {@code node}'s tag. */
  long tag(long node) {
    return arena.chunk(node)[Arena.offset(node) + TAG];
  }

  /** {@code node}'s key, a new object (and a copy of its user key) each call. */
  InternalKey key(long node) {
    long[] c = arena.chunk(node);
    int p = Arena.offset(node);
    byte[] u = new byte[keyLength(c, p)];
    unpackKey(c, p, u, u.length);
    return InternalKey.ofTag(u, c[p + TAG]);
  }

  /** Whether {@code node}'s user key is {@code u}. */
  boolean hasUserKey(long node, byte[] u) {
    long[] c = arena.chunk(node);
    int p = Arena.offset(node);
    if (keyLength(c, p) != u.length || c[p + W0] != word(u, 0) || c[p + W1] != word(u, 8)) {
      return false;
    }
    int at = keyAt(c, p);
    for (int i = 0, n = keyWords(u.length); i < n; i++) {
      if (c[at + i] != KeyWords.word(u, 0, u.length, KEY_WORD_BYTES + 8 * i)) {
        return false;
      }
    }
    return true;
  }

  /** A copy of {@code node}'s value (empty for a deletion). */
  byte[] value(long node) {
    long[] c = arena.chunk(node);
    int p = Arena.offset(node);
    byte[] v = new byte[valueLength(c, p)];
    unpackValue(c, valueAt(c, p), v, v.length);
    return v;
  }

  /** The length of {@code node}'s value. */
  int valueLength(long node) {
    return valueLength(arena.chunk(node), Arena.offset(node));
  }

  /** Copies {@code node}'s value to the start of {@code dst}, which must be long enough. */
  void copyValue(long node, byte[] dst) {
    long[] c = arena.chunk(node);
    int p = Arena.offset(node);
    unpackValue(c, valueAt(c, p), dst, valueLength(c, p));
  }

  /** The key of the node at {@code c[p]}, {@code length} bytes, into {@code dst} from 0. */
  private static void unpackKey(long[] c, int p, byte[] dst, int length) {
    KeyWords.put(c[p + W0], dst, 0, Math.min(8, length));
    if (length > 8) {
      KeyWords.put(c[p + W1], dst, 8, Math.min(8, length - 8));
    }
    int at = keyAt(c, p);
    for (int from = KEY_WORD_BYTES; from < length; from += 8) {
      KeyWords.put(c[at + (from - KEY_WORD_BYTES >>> 3)], dst, from, Math.min(8, length - from));
    }
  }

  /** {@code length} bytes from the little-endian words at {@code c[at]} into {@code dst} from 0. */
  private static void unpackValue(long[] c, int at, byte[] dst, int length) {
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      LittleEndian.LONG.set(dst, i, c[at + (i >>> 3)]);
    }
    if (i < length) {
      long w = c[at + (i >>> 3)];
      for (; i < length; i++, w >>>= 8) {
        dst[i] = (byte) w;
      }
    }
  }
}
