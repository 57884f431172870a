package dev.shale.engine.memtable;

import dev.shale.engine.ValueReader;
import dev.shale.engine.coding.KeyWords;
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
 * <p>A node is an address (see {@link Arena}; 0 is none) of longs in a node chunk: the first 16
 * bytes of its user key as two big-endian words, its tag, its key's and value's lengths, the
 * address of their bytes (key, then value, in a byte chunk), and one link per level. A comparison
 * on the way down reads the node's longs, the links' neighbours, and decides on the words alone
 * unless both tie (a key's bytes past 16 are read only then, as Masstree and Umbra's short-string
 * prefixes do). Insert copies the key and value in; {@link #key} and {@link #value} copy them out.
 *
 * <p>Single writer: {@link #insert} must not run concurrently with itself. The database's group
 * commit guarantees it (only the head of the writer queue applies to the memtable), and so does log
 * replay.
 */
final class SkipList {

  private static final int MAX_HEIGHT = 12;

  private static final int W0 = 0;
  private static final int W1 = 1;
  private static final int TAG = 2;
  private static final int LENGTHS = 3; // value length << 32 | key length
  private static final int DATA = 4;
  private static final int NEXT = 5;

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
    this.head = arena.allocateNode(NEXT + MAX_HEIGHT);
    Arrays.fill(prev, head);
  }

  /**
   * Adds the entry of user key {@code u} with {@code tag} (as {@link InternalKey#tag} packs it),
   * copying {@code u} and {@code value} into the arena; one writer at a time. Returns the bytes the
   * entry takes. A key that sorts right after the previous insert (keys written in order, as by a
   * sequential load or a log replay) reuses that insert's path instead of searching from the top,
   * as RocksDB's skip list does.
   */
  long insert(byte[] u, long tag, byte[] value) {
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
    long data = arena.allocateBytes(u.length + value.length);
    byte[] bytes = arena.bytes(data);
    int at = Arena.offset(data);
    System.arraycopy(u, 0, bytes, at, u.length);
    System.arraycopy(value, 0, bytes, at + u.length, value.length);
    long node = arena.allocateNode(NEXT + h);
    long[] n = arena.nodes(node);
    int i = Arena.offset(node);
    n[i + W0] = w0;
    n[i + W1] = w1;
    n[i + TAG] = tag;
    n[i + LENGTHS] = (long) value.length << 32 | u.length;
    n[i + DATA] = data;
    for (int level = 0; level < h; level++) {
      n[i + NEXT + level] = next(prev[level], level); // not yet published: a plain store will do
      LINK.setRelease(arena.nodes(prev[level]), Arena.offset(prev[level]) + NEXT + level, node);
    }
    // The path to a key right after this one: the node itself on its levels, and above them the
    // nodes that preceded it (nothing lies between it and such a key on any level).
    for (int level = 0; level < h; level++) {
      prev[level] = node;
    }
    return (long) (NEXT + h) * Long.BYTES + u.length + value.length;
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
    return (long) LINK.getAcquire(arena.nodes(node), Arena.offset(node) + NEXT + level);
  }

  /** The node after {@code node}, or 0. */
  long next(long node) {
    return next(node, 0);
  }

  /**
   * {@code node}'s key against the parts of another, in the order of InternalKey.compareTo (as
   * {@link InternalKey#compareWithWords} compares, with the node's bytes read in its chunk).
   */
  private int compare(long node, byte[] u, long w0, long w1, long tag) {
    long[] n = arena.nodes(node);
    int i = Arena.offset(node);
    long n0 = n[i + W0];
    if (n0 != w0) {
      return Long.compareUnsigned(n0, w0);
    }
    long n1 = n[i + W1];
    if (n1 != w1) {
      return Long.compareUnsigned(n1, w1);
    }
    int length = (int) n[i + LENGTHS];
    int c;
    if (length <= 16 || u.length <= 16) {
      c = Integer.compare(length, u.length);
    } else {
      long data = n[i + DATA];
      int at = Arena.offset(data);
      c = Arrays.compareUnsigned(arena.bytes(data), at + 16, at + length, u, 16, u.length);
    }
    return c != 0 ? c : Long.compareUnsigned(tag, n[i + TAG]);
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
      long[] n = arena.nodes(node);
      int i = Arena.offset(node);
      long lengths = n[i + LENGTHS];
      int keyLength = (int) lengths;
      long data = n[i + DATA];
      byte[] bytes = arena.bytes(data);
      int at = Arena.offset(data);
      sink.entry(bytes, at, keyLength, n[i + TAG], bytes, at + keyLength, (int) (lengths >>> 32));
    }
  }

  /** {@code node}'s tag. */
  long tag(long node) {
    return arena.nodes(node)[Arena.offset(node) + TAG];
  }

  /** {@code node}'s key, a new object (and a copy of its user key) each call. */
  InternalKey key(long node) {
    long[] n = arena.nodes(node);
    int i = Arena.offset(node);
    long data = n[i + DATA];
    int at = Arena.offset(data);
    byte[] u = Arrays.copyOfRange(arena.bytes(data), at, at + (int) n[i + LENGTHS]);
    return InternalKey.ofTag(u, n[i + TAG]);
  }

  /** Whether {@code node}'s user key is {@code u}. */
  boolean hasUserKey(long node, byte[] u) {
    long[] n = arena.nodes(node);
    int i = Arena.offset(node);
    long data = n[i + DATA];
    int at = Arena.offset(data);
    return Arrays.equals(arena.bytes(data), at, at + (int) n[i + LENGTHS], u, 0, u.length);
  }

  /** A copy of {@code node}'s value (empty for a deletion). */
  byte[] value(long node) {
    long[] n = arena.nodes(node);
    int i = Arena.offset(node);
    long lengths = n[i + LENGTHS];
    int at = Arena.offset(n[i + DATA]) + (int) lengths;
    return Arrays.copyOfRange(arena.bytes(n[i + DATA]), at, at + (int) (lengths >>> 32));
  }

  /** What {@code reader} makes of {@code node}'s value, read where it lies. */
  <T> T readValue(long node, ValueReader<T> reader) {
    long[] n = arena.nodes(node);
    int i = Arena.offset(node);
    long lengths = n[i + LENGTHS];
    long data = n[i + DATA];
    return reader.read(
        arena.bytes(data), Arena.offset(data) + (int) lengths, (int) (lengths >>> 32));
  }
}
