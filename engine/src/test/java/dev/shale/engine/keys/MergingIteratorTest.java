package dev.shale.engine.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MergingIteratorTest {

  /** A sorted list of keys as an iterator; the value of a key is its child's index. */
  private static final class ListIterator implements InternalIterator {
    final List<InternalKey> keys;
    final byte[] value;
    int pos = -1;
    boolean closed;

    ListIterator(List<InternalKey> keys, int index) {
      this.keys = keys;
      this.value = new byte[] {(byte) index};
    }

    @Override
    public boolean isValid() {
      return pos >= 0 && pos < keys.size();
    }

    @Override
    public void seekToFirst() {
      pos = 0;
    }

    @Override
    public void seekToLast() {
      pos = keys.size() - 1;
    }

    @Override
    public void seek(InternalKey target) {
      int i = Collections.binarySearch(keys, target);
      pos = i >= 0 ? i : -i - 1;
    }

    @Override
    public void seekForPrev(InternalKey target) {
      int i = Collections.binarySearch(keys, target);
      pos = i >= 0 ? i : -i - 2;
    }

    @Override
    public void next() {
      assertTrue(isValid());
      pos++;
    }

    @Override
    public void prev() {
      assertTrue(isValid());
      pos--;
    }

    @Override
    public InternalKey key() {
      assertTrue(isValid());
      return keys.get(pos);
    }

    @Override
    public byte[] value() {
      assertTrue(isValid());
      return value;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Bytes keys share a prefix of: the merge compares the first 16 bytes as two words. */
  private static final byte[] PREFIX =
      "0123456789abcdefghijklmn".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] TAILS = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff};

  /**
   * A short key of bytes 0-3, or a prefix of {@link #PREFIX} (0-24 bytes, so before, at and past
   * both words) followed by up to two bytes of {@link #TAILS}: keys that tie on one or both words
   * and differ in length or in a byte past them.
   */
  private static InternalKey randomKey(Random r) {
    byte[] user;
    if (r.nextBoolean()) {
      user = new byte[1 + r.nextInt(3)];
      for (int i = 0; i < user.length; i++) {
        user[i] = (byte) r.nextInt(4);
      }
    } else {
      int p = r.nextInt(PREFIX.length + 1);
      user = Arrays.copyOf(PREFIX, p + r.nextInt(3));
      for (int i = p; i < user.length; i++) {
        user[i] = TAILS[r.nextInt(TAILS.length)];
      }
    }
    return new InternalKey(
        user, 1 + r.nextInt(5), r.nextBoolean() ? ValueType.VALUE : ValueType.DELETION);
  }

  @Test
  void walksAndSeeksLikeTheSortedUnion() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("MergingIteratorTest seed=" + seed + " (-Dshale.seed=" + seed + ")");
    Random r = new Random(seed);
    for (int round = 0; round < 300; round++) {
      int n = r.nextInt(9);
      TreeSet<InternalKey> all = new TreeSet<>();
      List<List<InternalKey>> lists = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        lists.add(new ArrayList<>());
      }
      // Disjoint children: every key goes to one of them.
      for (int i = 0, count = r.nextInt(60); i < count && n > 0; i++) {
        InternalKey k = randomKey(r);
        if (all.add(k)) {
          lists.get(r.nextInt(n)).add(k);
        }
      }
      List<InternalIterator> children = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        Collections.sort(lists.get(c));
        children.add(new ListIterator(lists.get(c), c));
      }
      List<InternalKey> sorted = new ArrayList<>(all);
      MergingIterator it = new MergingIterator(children, null);
      int pos = -1; // position in sorted; -1 or sorted.size() when invalid
      for (int step = 0; step < 80; step++) {
        String context = "seed " + seed + " round " + round + " step " + step;
        int op = r.nextInt(7);
        if (op == 0) {
          it.seekToFirst();
          pos = sorted.isEmpty() ? -1 : 0;
        } else if (op == 1) {
          it.seekToLast();
          pos = sorted.size() - 1;
        } else if (op == 2) {
          InternalKey t = randomKey(r);
          it.seek(t);
          pos = new NavigableIndex(sorted).ceiling(t);
        } else if (op == 3) {
          InternalKey t = randomKey(r);
          it.seekForPrev(t);
          pos = new NavigableIndex(sorted).floor(t);
        } else if (op <= 4 || pos < 0 || pos >= sorted.size()) {
          if (pos >= 0 && pos < sorted.size()) {
            it.next();
            pos++;
          }
        } else {
          it.prev();
          pos--;
        }
        boolean valid = pos >= 0 && pos < sorted.size();
        assertEquals(valid, it.isValid(), context);
        if (valid) {
          InternalKey expected = sorted.get(pos);
          assertEquals(expected, it.key(), context);
          int child = it.value()[0];
          assertTrue(lists.get(child).contains(expected), context);
        }
      }
      it.close();
      for (InternalIterator c : children) {
        assertTrue(((ListIterator) c).closed);
      }
    }
  }

  /** Index arithmetic over a sorted list. */
  private record NavigableIndex(List<InternalKey> sorted) {
    int ceiling(InternalKey t) {
      int i = Collections.binarySearch(sorted, t);
      return i >= 0 ? i : -i - 1;
    }

    int floor(InternalKey t) {
      int i = Collections.binarySearch(sorted, t);
      return i >= 0 ? i : -i - 2;
    }
  }

  @Test
  void equalKeysComeFromTheFirstListedChildInBothDirections() {
    InternalKey a = new InternalKey(new byte[] {1}, 5, ValueType.VALUE);
    InternalKey b = new InternalKey(new byte[] {2}, 5, ValueType.VALUE);
    List<InternalIterator> children = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      children.add(new ListIterator(List.of(a, b), c));
    }
    MergingIterator it = new MergingIterator(children, null);
    it.seekToFirst();
    List<String> forward = new ArrayList<>();
    for (; it.isValid(); it.next()) {
      forward.add(it.key().userKey()[0] + ":" + it.value()[0]);
    }
    assertEquals(
        List.of("1:0", "1:1", "1:2", "1:3", "1:4", "2:0", "2:1", "2:2", "2:3", "2:4"), forward);
    it.seekToLast();
    assertEquals("2:0", it.key().userKey()[0] + ":" + it.value()[0]);
  }

  @Test
  void closeClosesEveryChildThenRunsTheCallbackAndAnEmptyMergeIsInvalid() {
    AtomicInteger released = new AtomicInteger();
    ListIterator child = new ListIterator(List.of(), 0);
    MergingIterator it = new MergingIterator(List.of(child), released::incrementAndGet);
    it.seekToFirst();
    assertFalse(it.isValid());
    assertThrows(IllegalStateException.class, it::key);
    it.close();
    assertTrue(child.closed);
    assertEquals(1, released.get());
    MergingIterator none = new MergingIterator(List.of(), null);
    none.seek(InternalKey.beforeAllVersions(new byte[] {1}));
    assertFalse(none.isValid());
  }
}
