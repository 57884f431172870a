package dev.shale.engine.keys;

import java.util.List;

/**
 * The union of several {@link InternalIterator}s in internal-key order. Children are expected not
 * to share entries (every write has its own sequence), so no deduplication is done.
 *
 * <p>Forward, every valid child is at or after the current key and {@code current} is the smallest;
 * reverse, every valid child is at or before it and {@code current} is the largest. Changing
 * direction re-seeks the other children around the current key. With a handful of children a linear
 * scan for the smallest beats a heap.
 */
public final class MergingIterator implements InternalIterator {

  private final InternalIterator[] children;
  private final Runnable onClose;
  private InternalIterator current;
  private boolean forward = true;

  /** Merges {@code children}; {@link #close()} closes them, then runs {@code onClose}. */
  public MergingIterator(List<InternalIterator> children, Runnable onClose) {
    this.children = children.toArray(new InternalIterator[0]);
    this.onClose = onClose;
  }

  @Override
  public boolean isValid() {
    return current != null;
  }

  @Override
  public void seekToFirst() {
    for (InternalIterator child : children) {
      child.seekToFirst();
    }
    forward = true;
    findSmallest();
  }

  @Override
  public void seekToLast() {
    for (InternalIterator child : children) {
      child.seekToLast();
    }
    forward = false;
    findLargest();
  }

  @Override
  public void seek(InternalKey target) {
    for (InternalIterator child : children) {
      child.seek(target);
    }
    forward = true;
    findSmallest();
  }

  @Override
  public void seekForPrev(InternalKey target) {
    for (InternalIterator child : children) {
      child.seekForPrev(target);
    }
    forward = false;
    findLargest();
  }

  @Override
  public void next() {
    if (!forward) {
      InternalKey key = current.key();
      for (InternalIterator child : children) {
        if (child != current) {
          child.seek(key);
          if (child.isValid() && child.key().compareTo(key) == 0) {
            child.next();
          }
        }
      }
      forward = true;
    }
    current.next();
    findSmallest();
  }

  @Override
  public void prev() {
    if (forward) {
      InternalKey key = current.key();
      for (InternalIterator child : children) {
        if (child != current) {
          child.seekForPrev(key);
          if (child.isValid() && child.key().compareTo(key) == 0) {
            child.prev();
          }
        }
      }
      forward = false;
    }
    current.prev();
    findLargest();
  }

  @Override
  public InternalKey key() {
    return current.key();
  }

  @Override
  public byte[] value() {
    return current.value();
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

  private void findSmallest() {
    InternalIterator smallest = null;
    for (InternalIterator child : children) {
      if (child.isValid() && (smallest == null || child.key().compareTo(smallest.key()) < 0)) {
        smallest = child;
      }
    }
    current = smallest;
  }

  private void findLargest() {
    InternalIterator largest = null;
    for (InternalIterator child : children) {
      if (child.isValid() && (largest == null || child.key().compareTo(largest.key()) > 0)) {
        largest = child;
      }
    }
    current = largest;
  }
}
