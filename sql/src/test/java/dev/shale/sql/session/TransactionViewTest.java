package dev.shale.sql.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shale.engine.Options;
import dev.shale.sql.store.KvBatch;
import dev.shale.sql.store.KvCursor;
import dev.shale.sql.store.KvDatabase;
import dev.shale.sql.store.KvStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transaction's reads against a model: its snapshot plus its own puts, deletes and range deletes,
 * by point gets and by cursors moving both ways from random seeks within random bounds, with
 * savepoint rollbacks in between. Seeded; the seed is printed.
 */
class TransactionViewTest {

  private static final int KEYS = 120;

  private KvDatabase database;
  private KvStore store;

  @BeforeEach
  void open() {
    database = KvDatabase.openInMemory("txview-" + System.nanoTime(), Options.defaults());
    store = database.store();
  }

  @AfterEach
  void close() {
    database.release();
  }

  @Test
  void readsMatchTheModelWhateverTheWrites() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("TransactionViewTest seed " + seed + " (-Dshale.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int trial = 0; trial < 30; trial++) {
      runTrial(random, "seed " + seed + " trial " + trial);
    }
  }

  private void runTrial(Random random, String where) {
    // Stored data: a random subset of the keys, some of them flushed by earlier trials' writes.
    KvBatch reset = store.newBatch();
    reset.deleteRange(new byte[] {0}, new byte[] {(byte) 0xFF});
    store.write(reset, false);
    NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    KvBatch base = store.newBatch();
    for (int i = 0; i < KEYS; i++) {
      if (random.nextInt(3) == 0) {
        base.put(key(i), value("base" + i));
        model.put(key(i), value("base" + i));
      }
    }
    store.write(base, false);

    Transaction t = new Transaction(store, Long.MAX_VALUE);
    t.view(); // the snapshot: later writes by others are not seen
    KvBatch later = store.newBatch();
    later.put(key(random.nextInt(KEYS)), value("later"));
    later.deleteRange(key(random.nextInt(KEYS / 2)), key(KEYS / 2 + random.nextInt(KEYS / 2)));
    store.write(later, false);

    List<Object[]> marks = new ArrayList<>(); // {Savepoint, model copy}
    for (int step = 0; step < 40; step++) {
      int op = random.nextInt(20);
      if (op == 0) {
        marks.add(new Object[] {t.setSavepoint(null), new TreeMap<>(model)});
      } else if (op == 1 && !marks.isEmpty()) {
        Object[] mark = marks.get(random.nextInt(marks.size()));
        t.rollbackTo((java.sql.Savepoint) mark[0]);
        marks.subList(marks.indexOf(mark) + 1, marks.size()).clear();
        @SuppressWarnings("unchecked")
        NavigableMap<byte[], byte[]> saved = (NavigableMap<byte[], byte[]>) mark[1];
        model = new TreeMap<>(saved);
        mark[1] = new TreeMap<>(saved);
      } else {
        Transaction.Pending batch = t.newBatch();
        int writes = 1 + random.nextInt(3);
        for (int w = 0; w < writes; w++) {
          int k = random.nextInt(KEYS);
          int kind = random.nextInt(10);
          if (kind < 5) {
            byte[] v = value("tx" + step + "." + w);
            batch.put(key(k), v);
            model.put(key(k), v);
          } else if (kind < 8) {
            batch.delete(key(k));
            model.remove(key(k));
          } else {
            int end = Math.min(KEYS, k + random.nextInt(30));
            batch.deleteRange(key(k), key(end));
            model.subMap(key(k), true, key(end), false).clear();
          }
        }
        t.apply(batch);
      }
      check(t.view(), model, random, where + " step " + step);
    }
    t.rollback();
  }

  private static void check(
      KvStore.ReadView view, NavigableMap<byte[], byte[]> model, Random random, String where) {
    for (int i = 0; i < KEYS; i++) {
      assertArrayEquals(model.get(key(i)), view.get(key(i)), where + " get " + i);
    }
    byte[] lo = random.nextBoolean() ? null : key(random.nextInt(KEYS));
    byte[] hi = random.nextBoolean() ? null : key(random.nextInt(KEYS + 1));
    if (lo != null && hi != null && Arrays.compareUnsigned(lo, hi) > 0) {
      byte[] swap = lo;
      lo = hi;
      hi = swap;
    }
    NavigableMap<byte[], byte[]> bounded = model;
    if (lo != null) {
      bounded = bounded.tailMap(lo, true);
    }
    if (hi != null) {
      bounded = bounded.headMap(hi, false);
    }
    String range = where + " in [" + text(lo) + ", " + text(hi) + ")";
    try (KvCursor c = view.cursor(lo, hi)) {
      List<String> forward = new ArrayList<>();
      for (c.seek(lo == null ? new byte[] {0} : lo); c.isValid(); c.next()) {
        forward.add(text(c.key()) + "=" + text(c.value()));
      }
      assertEquals(entries(bounded), forward, range + " forward");
      List<String> backward = new ArrayList<>();
      for (c.seekToLast(); c.isValid(); c.prev()) {
        backward.add(0, text(c.key()) + "=" + text(c.value()));
      }
      assertEquals(entries(bounded), backward, range + " backward");
      // A walk: a random seek, then random steps either way.
      byte[] target = key(random.nextInt(KEYS));
      boolean forwardSeek = random.nextBoolean();
      Map.Entry<byte[], byte[]> expected =
          forwardSeek ? bounded.ceilingEntry(target) : bounded.floorEntry(target);
      if (forwardSeek) {
        c.seek(target);
      } else {
        c.seekForPrev(target);
      }
      for (int step = 0; step < 12; step++) {
        String at = range + " walk from " + text(target) + " step " + step;
        assertEquals(expected == null ? null : text(expected.getKey()), key(c), at);
        if (expected == null) {
          break;
        }
        assertEquals(text(expected.getValue()), text(c.value()), at);
        if (random.nextBoolean()) {
          c.next();
          expected = bounded.higherEntry(expected.getKey());
        } else {
          c.prev();
          expected = bounded.lowerEntry(expected.getKey());
        }
      }
    }
  }

  private static String key(KvCursor c) {
    return c.isValid() ? text(c.key()) : null;
  }

  private static List<String> entries(NavigableMap<byte[], byte[]> map) {
    List<String> out = new ArrayList<>();
    map.forEach((k, v) -> out.add(text(k) + "=" + text(v)));
    return out;
  }

  private static byte[] key(int i) {
    return String.format("k%03d", i).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
  }
}
