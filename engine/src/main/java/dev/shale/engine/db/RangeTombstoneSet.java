package dev.shale.engine.db;

import dev.shale.engine.keys.RangeTombstone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The range tombstones one read sees, cut into disjoint fragments that each remember the newest
 * tombstone over them, so that "is this entry deleted by a range?" is one binary search.
 *
 * <p>An entry at sequence {@code s} of key {@code k} is covered when some tombstone with {@code
 * start <= k < end} has a sequence above {@code s} (and at or below the read's sequence, which
 * {@link #of} filters by).
 */
final class RangeTombstoneSet {

  static final RangeTombstoneSet EMPTY = new RangeTombstoneSet(new byte[0][], new byte[0][], null);

  private final byte[][] starts;
  private final byte[][] ends;
  private final long[] newest;

  private RangeTombstoneSet(byte[][] starts, byte[][] ends, long[] newest) {
    this.starts = starts;
    this.ends = ends;
    this.newest = newest;
  }

  /** The tombstones of {@code all} visible at {@code readSequence}, fragmented. */
  static RangeTombstoneSet of(List<RangeTombstone> all, long readSequence) {
    if (all.isEmpty()) {
      return EMPTY; // the common read: nothing to sort
    }
    List<RangeTombstone> visible = new ArrayList<>();
    TreeSet<byte[]> bounds = new TreeSet<>(Arrays::compareUnsigned);
    for (RangeTombstone t : all) {
      if (t.sequence() <= readSequence
          && Arrays.compareUnsigned(t.startUserKey(), t.endUserKeyExclusive()) < 0) {
        visible.add(t);
        bounds.add(t.startUserKey());
        bounds.add(t.endUserKeyExclusive());
      }
    }
    if (visible.isEmpty()) {
      return EMPTY;
    }
    List<byte[]> fragmentStarts = new ArrayList<>();
    List<byte[]> fragmentEnds = new ArrayList<>();
    long[] fragmentNewest = new long[bounds.size()];
    int fragments = 0;
    byte[] previous = null;
    for (byte[] bound : bounds) {
      if (previous != null) {
        long max = 0;
        for (RangeTombstone t : visible) {
          if (Arrays.compareUnsigned(t.startUserKey(), previous) <= 0
              && Arrays.compareUnsigned(bound, t.endUserKeyExclusive()) <= 0) {
            max = Math.max(max, t.sequence());
          }
        }
        if (max > 0) {
          fragmentStarts.add(previous);
          fragmentEnds.add(bound);
          fragmentNewest[fragments++] = max;
        }
      }
      previous = bound;
    }
    return new RangeTombstoneSet(
        fragmentStarts.toArray(new byte[0][]),
        fragmentEnds.toArray(new byte[0][]),
        Arrays.copyOf(fragmentNewest, fragments));
  }

  boolean isEmpty() {
    return starts.length == 0;
  }

  /** Whether a visible tombstone newer than {@code sequence} covers {@code userKey}. */
  boolean covers(byte[] userKey, long sequence) {
    int lo = 0;
    int hi = starts.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(starts[mid], userKey) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0
        && Arrays.compareUnsigned(userKey, ends[found]) < 0
        && newest[found] > sequence;
  }
}
