package dev.shale.engine.memtable;

import dev.shale.engine.coding.KeyWords;
import dev.shale.engine.keys.InternalKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * The memtable's sorted list of internal keys: a skip list with one writer at a time and any number
 * of readers without locks, in the manner of LevelDB's. Nodes are never removed; a node is linked
 * in bottom-up with release stores after its own links are set, so a reader that reaches it through
 * acquire loads sees it whole. Internal keys are unique (each write has its own sequence), so there
 * are no equal keys.
 *
 * <p>Each node holds the first 16 bytes of its user key as two big-endian words, so that most
 * comparisons on the way down decide on the node alone, without loading its key's array (a cache
 * miss fewer per step in a large memtable with random writes); the array is read only past two
 * equal words, as Masstree and Umbra's short-string prefixes do.
 *
 * <p>Single writer: {@link #insert} must not run concurrently with itself. The database's group
 * commit guarantees it (only the head of the writer queue applies to the memtable), and so does log
 * replay.
 */
final class SkipList {

  private static final int MAX_HEIGHT = 12;
  private static final VarHandle NEXT = MethodHandles.arrayElementVarHandle(Node[].class);

  /** Bytes {@code from .. from + 7} of {@code key} as a big-endian word, zeros past its end. */
  static long word(byte[] key, int from) {
    return KeyWords.word(key, 0, key.length, from);
  }

  /**
   * An entry: its key as parts (no {@link InternalKey} object per entry; {@link #key()} makes one
   * when asked), so that a comparison on the way down loads the node only and, mostly, not its user
   * key's array (see {@link SkipList#compare}). Also a {@link Map.Entry}, so that lookups hand it
   * out without copying.
   */
  static final class Node implements Map.Entry<InternalKey, byte[]> {
    final byte[] value;
    private final Node[] next;
    private final byte[] userKey;
    private final long w0;
    private final long w1;
    private final long tag;

    Node(byte[] userKey, long tag, byte[] value, int height) {
      this.value = value;
      this.next = new Node[height];
      this.userKey = userKey;
      this.w0 = userKey == null ? 0 : word(userKey, 0);
      this.w1 = userKey == null ? 0 : word(userKey, 8);
      this.tag = tag;
    }

    /** The entry's key, a new object each call. */
    InternalKey key() {
      return InternalKey.ofTag(userKey, tag);
    }

    byte[] userKey() {
      return userKey;
    }

    /** This node's key against the parts of another, in the order of InternalKey.compareTo. */
    int compareTo(byte[] otherUserKey, long other0, long other1, long otherTag) {
      return InternalKey.compareWithWords(
          userKey, w0, w1, tag, otherUserKey, other0, other1, otherTag);
    }

    Node next(int level) {
      return (Node) NEXT.getAcquire(next, level);
    }

    @Override
    public InternalKey getKey() {
      return key();
    }

    @Override
    public byte[] getValue() {
      return value;
    }

    @Override
    public byte[] setValue(byte[] v) {
      throw new UnsupportedOperationException("memtable entries are immutable");
    }
  }

  private final Node head = new Node(null, 0, null, MAX_HEIGHT);
  private volatile int height = 1;
  private long random = 0x2545F4914F6CDD1DL; // the writer's xorshift state
  private final Node[] prev = new Node[MAX_HEIGHT]; // the writer's scratch

  /**
   * Adds the entry of user key {@code u} with {@code tag} (as {@link InternalKey#tag} packs it);
   * one writer at a time. A key that sorts right after the previous insert (keys written in order,
   * as by a sequential load or a log replay) reuses that insert's path instead of searching from
   * the top, as RocksDB's skip list does.
   */
  void insert(byte[] u, long tag, byte[] value) {
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
      height = h; // readers that see it early find null links at the new levels: fine
    }
    Node node = new Node(u, tag, value, h);
    for (int i = 0; i < h; i++) {
      node.next[i] = prev[i].next(i); // not yet published: a plain store will do
      NEXT.setRelease(prev[i].next, i, node);
    }
    // The path to a key right after this one: the node itself on its levels, and above them the
    // nodes that preceded it (nothing lies between it and such a key on any level).
    for (int i = 0; i < h; i++) {
      prev[i] = node;
    }
  }

  /**
   * Whether {@code key} falls between the last inserted node and its successor, so that {@link
   * #prev} (that insert's path, updated) is its path too.
   */
  private boolean followsLastInsert(byte[] u, long w0, long w1, long tag) {
    Node last = prev[0];
    if (last == null || last == head) {
      return false;
    }
    if (last.compareTo(u, w0, w1, tag) >= 0) {
      return false;
    }
    Node next = last.next(0);
    return next == null || next.compareTo(u, w0, w1, tag) > 0;
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

  boolean isEmpty() {
    return head.next(0) == null;
  }

  /** The first node at or after {@code key}, or null; fills {@code prev} when given. */
  Node findGreaterOrEqual(InternalKey key, Node[] prevs) {
    byte[] u = key.userKey();
    return findGreaterOrEqual(u, word(u, 0), word(u, 8), key.tag(), prevs);
  }

  private Node findGreaterOrEqual(byte[] u, long w0, long w1, long tag, Node[] prevs) {
    Node x = head;
    int level = height - 1;
    while (true) {
      Node next = x.next(level);
      if (next != null && next.compareTo(u, w0, w1, tag) < 0) {
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

  /** The last node before {@code key}, or null. */
  Node findLessThan(InternalKey key) {
    byte[] u = key.userKey();
    long w0 = word(u, 0);
    long w1 = word(u, 8);
    long tag = key.tag();
    Node x = head;
    int level = height - 1;
    while (true) {
      Node next = x.next(level);
      if (next == null || next.compareTo(u, w0, w1, tag) >= 0) {
        if (level == 0) {
          return x == head ? null : x;
        }
        level--;
      } else {
        x = next;
      }
    }
  }

  /** The last node at or before {@code key}, or null. */
  Node findLessOrEqual(InternalKey key) {
    Node n = findGreaterOrEqual(key, null);
    return n != null
            && n.compareTo(key.userKey(), word(key.userKey(), 0), word(key.userKey(), 8), key.tag())
                == 0
        ? n
        : findLessThan(key);
  }

  Node first() {
    return head.next(0);
  }

  Node last() {
    Node x = head;
    int level = height - 1;
    while (true) {
      Node next = x.next(level);
      if (next == null) {
        if (level == 0) {
          return x == head ? null : x;
        }
        level--;
      } else {
        x = next;
      }
    }
  }
}
