package dev.shale.engine.memtable;

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
 * <p>Single writer: {@link #insert} must not run concurrently with itself. The database's group
 * commit guarantees it (only the head of the writer queue applies to the memtable), and so does log
 * replay.
 */
final class SkipList {

  private static final int MAX_HEIGHT = 12;
  private static final VarHandle NEXT = MethodHandles.arrayElementVarHandle(Node[].class);

  /** An entry; also a {@link Map.Entry} so that lookups hand it out without copying. */
  static final class Node implements Map.Entry<InternalKey, byte[]> {
    final InternalKey key;
    final byte[] value;
    private final Node[] next;

    // The key's parts again, so that a comparison on the way down loads the node and its user key
    // only, not the InternalKey between them (a cache miss fewer per step in a large memtable).
    private final byte[] userKey;
    private final long tag;

    Node(InternalKey key, byte[] value, int height) {
      this.key = key;
      this.value = value;
      this.next = new Node[height];
      this.userKey = key == null ? null : key.userKey();
      this.tag = key == null ? 0 : key.tag();
    }

    /** This node's key against {@code (userKey, tag)}, in the order of InternalKey.compareTo. */
    int compareTo(byte[] otherUserKey, long otherTag) {
      return InternalKey.compare(userKey, tag, otherUserKey, otherTag);
    }

    Node next(int level) {
      return (Node) NEXT.getAcquire(next, level);
    }

    @Override
    public InternalKey getKey() {
      return key;
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

  private final Node head = new Node(null, null, MAX_HEIGHT);
  private volatile int height = 1;
  private long random = 0x2545F4914F6CDD1DL; // the writer's xorshift state
  private final Node[] prev = new Node[MAX_HEIGHT]; // the writer's scratch

  /**
   * Adds {@code key}; one writer at a time. A key that sorts right after the previous insert (keys
   * written in order, as by a sequential load or a log replay) reuses that insert's path instead of
   * searching from the top, as RocksDB's skip list does.
   */
  void insert(InternalKey key, byte[] value) {
    if (!followsLastInsert(key)) {
      findGreaterOrEqual(key, prev);
    }
    int h = randomHeight();
    int current = height;
    if (h > current) {
      for (int i = current; i < h; i++) {
        prev[i] = head;
      }
      height = h; // readers that see it early find null links at the new levels: fine
    }
    Node node = new Node(key, value, h);
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
  private boolean followsLastInsert(InternalKey key) {
    Node last = prev[0];
    if (last == null || last == head) {
      return false;
    }
    byte[] userKey = key.userKey();
    long tag = key.tag();
    if (last.compareTo(userKey, tag) >= 0) {
      return false;
    }
    Node next = last.next(0);
    return next == null || next.compareTo(userKey, tag) > 0;
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
    byte[] userKey = key.userKey();
    long tag = key.tag();
    Node x = head;
    int level = height - 1;
    while (true) {
      Node next = x.next(level);
      if (next != null && next.compareTo(userKey, tag) < 0) {
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
    byte[] userKey = key.userKey();
    long tag = key.tag();
    Node x = head;
    int level = height - 1;
    while (true) {
      Node next = x.next(level);
      if (next == null || next.compareTo(userKey, tag) >= 0) {
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
    return n != null && n.key.compareTo(key) == 0 ? n : findLessThan(key);
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
