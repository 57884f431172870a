package dev.shale.engine.keys;

import dev.shale.engine.ValueReader;
import dev.shale.engine.coding.KeyWords;
import java.util.List;

/**
 * The union of several {@link InternalIterator}s in internal-key order. Children are expected not
 * to share entries (every write has its own sequence), so no deduplication is done; should two
 * children be on equal keys, the one listed first comes first, in either direction.
 *
 * <p>Forward, every valid child is at or after the current key and {@code current} is the smallest;
 * reverse, every valid child is at or before it and {@code current} is the largest. Changing
 * direction re-seeks the other children around the current key.
 *
 * <p>The valid children sit in a binary heap ordered by their keys (smallest on top forward,
 * largest reverse), each child's key cached beside it, so a step costs the moved child one or two
 * comparisons however many children there are, rather than a comparison per child. Beside each key
 * sit its tag and the first 16 bytes of its user key as two words, in arrays: a comparison mostly
 * decides on those, without loading the keys' objects (as the skip list's nodes do).
 */
public final class MergingIterator implements InternalIterator {

  private final InternalIterator[] children;
  private final Runnable onClose;

  /** The valid children's indexes, a heap in {@code [0, size)}; {@code heap[0]} is current. */
  private final int[] heap;

  /** The key each child in the heap is on. */
  private final InternalKey[] keys;

  /** Per child in the heap: bytes 0-7 and 8-15 of its user key as words, and its key's tag. */
  private final long[] word0;

  private final long[] word1;
  private final long[] tags;

  private int size;
  private boolean forward = true;

  /** Merges {@code children}; {@link #close()} closes them, then runs {@code onClose}. */
  public MergingIterator(List<InternalIterator> children, Runnable onClose) {
    this.children = children.toArray(new InternalIterator[0]);
    this.onClose = onClose;
    this.heap = new int[this.children.length];
    this.keys = new InternalKey[this.children.length];
    this.word0 = new long[this.children.length];
    this.word1 = new long[this.children.length];
    this.tags = new long[this.children.length];
  }

  @Override
  public boolean isValid() {
    return size > 0;
  }

  @Override
  public void seekToFirst() {
    for (InternalIterator child : children) {
      child.seekToFirst();
    }
    rebuild(true);
  }

  @Override
  public void seekToLast() {
    for (InternalIterator child : children) {
      child.seekToLast();
    }
    rebuild(false);
  }

  @Override
  public void seek(InternalKey target) {
    for (InternalIterator child : children) {
      child.seek(target);
    }
    rebuild(true);
  }

  @Override
  public void seekForPrev(InternalKey target) {
    for (InternalIterator child : children) {
      child.seekForPrev(target);
    }
    rebuild(false);
  }

  @Override
  public void next() {
    checkValid();
    int top = heap[0];
    InternalIterator current = children[top];
    if (!forward) {
      InternalKey key = keys[top];
      for (InternalIterator child : children) {
        if (child != current) {
          child.seek(key);
          if (child.isValid() && child.key().compareTo(key) == 0) {
            child.next();
          }
        }
      }
      current.next();
      rebuild(true);
      return;
    }
    current.next();
    advanced(top, current);
  }

  @Override
  public void prev() {
    checkValid();
    int top = heap[0];
    InternalIterator current = children[top];
    if (forward) {
      InternalKey key = keys[top];
      for (InternalIterator child : children) {
        if (child != current) {
          child.seekForPrev(key);
          if (child.isValid() && child.key().compareTo(key) == 0) {
            child.prev();
          }
        }
      }
      current.prev();
      rebuild(false);
      return;
    }
    current.prev();
    advanced(top, current);
  }

  @Override
  public InternalKey key() {
    checkValid();
    return keys[heap[0]];
  }

  @Override
  public byte[] value() {
    checkValid();
    return children[heap[0]].value();
  }

  @Override
  public <T> T readValue(ValueReader<T> reader) {
    checkValid();
    return children[heap[0]].readValue(reader);
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (InternalIterator child : children) {
      try {
        child.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (onClose != null) {
      onClose.run();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void checkValid() {
    if (size == 0) {
      throw new IllegalStateException("iterator is not positioned on an entry");
    }
  }

  /** The top child, {@code children[top]}, has moved on in the current direction. */
  private void advanced(int top, InternalIterator current) {
    if (current.isValid()) {
      cache(top, current.key());
    } else {
      keys[top] = null;
      heap[0] = heap[--size];
      if (size == 0) {
        return;
      }
    }
    siftDown(0);
  }

  /** Puts every valid child into the heap for {@code direction}, at its current key. */
  private void rebuild(boolean direction) {
    forward = direction;
    size = 0;
    for (int i = 0; i < children.length; i++) {
      InternalIterator child = children[i];
      if (child.isValid()) {
        cache(i, child.key());
        heap[size++] = i;
      } else {
        keys[i] = null;
      }
    }
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  private void cache(int i, InternalKey key) {
    byte[] user = key.userKey();
    keys[i] = key;
    word0[i] = KeyWords.word(user, 0, user.length, 0);
    word1[i] = KeyWords.word(user, 0, user.length, 8);
    tags[i] = key.tag();
  }

  /** Whether child {@code a} comes before child {@code b} in the current direction. */
  private boolean before(int a, int b) {
    // The words first, here rather than in compareWithWords alone: its arguments would load both
    // keys' arrays before it looks at a word.
    int c;
    if (word0[a] != word0[b]) {
      c = Long.compareUnsigned(word0[a], word0[b]);
    } else if (word1[a] != word1[b]) {
      c = Long.compareUnsigned(word1[a], word1[b]);
    } else {
      c =
          InternalKey.compareWithWords(
              keys[a].userKey(),
              word0[a],
              word1[a],
              tags[a],
              keys[b].userKey(),
              word0[b],
              word1[b],
              tags[b]);
    }
    if (c == 0) {
      return a < b;
    }
    return forward ? c < 0 : c > 0;
  }

  private void siftDown(int i) {
    int child = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int l = 2 * i + 1;
      int r = l + 1;
      int best = r < size && before(heap[r], heap[l]) ? r : l;
      if (!before(heap[best], child)) {
        break;
      }
      heap[i] = heap[best];
      i = best;
    }
    heap[i] = child;
  }
}
