package dev.shale.engine.memtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The memtable's skip list against a TreeSet, and readers running beside its writer. */
class SkipListTest {

  private static InternalKey key(Random random, long sequence) {
    byte[] user = ("k" + random.nextInt(500)).getBytes(StandardCharsets.UTF_8);
    return new InternalKey(user, sequence, ValueType.VALUE);
  }

  @Test
  void searchesAgreeWithATreeSet() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("SkipListTest seed=" + seed + " (-Dshale.seed=" + seed + ")");
    Random random = new Random(seed);
    SkipList list = new SkipList();
    TreeSet<InternalKey> model = new TreeSet<>();
    assertTrue(list.isEmpty());
    assertNull(list.first());
    assertNull(list.last());
    for (long sequence = 1; sequence <= 3000; sequence++) {
      InternalKey k = key(random, sequence);
      list.insert(k.userKey(), k.tag(), new byte[] {(byte) sequence});
      model.add(k);
      InternalKey probe = key(random, random.nextInt(4000));
      String context = "seed " + seed + ", after " + sequence + ", probe " + probe;
      assertEquals(model.ceiling(probe), keyOf(list.findGreaterOrEqual(probe, null)), context);
      assertEquals(model.lower(probe), keyOf(list.findLessThan(probe)), context);
      assertEquals(model.floor(probe), keyOf(list.findLessOrEqual(probe)), context);
      assertEquals(model.first(), keyOf(list.first()), context);
      assertEquals(model.last(), keyOf(list.last()), context);
    }
    assertWalksAs(model, list, seed);
  }

  @Test
  void runsOfKeysInOrderTakeTheLastPathAndStillAgreeWithATreeSet() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("SkipListTest runs seed=" + seed + " (-Dshale.seed=" + seed + ")");
    Random random = new Random(seed);
    SkipList list = new SkipList();
    TreeSet<InternalKey> model = new TreeSet<>();
    long sequence = 0;
    for (int run = 0; run < 300; run++) {
      // Ascending runs from random starts: they overlap earlier runs, rewrite keys (a newer
      // version sorts before an older one) and start below or above what came before.
      int start = random.nextInt(20_000);
      int length = 1 + random.nextInt(80);
      for (int j = 0; j < length; j++) {
        byte[] user = String.format("k%06d", start + j).getBytes(StandardCharsets.UTF_8);
        InternalKey k = new InternalKey(user, ++sequence, ValueType.VALUE);
        list.insert(k.userKey(), k.tag(), new byte[] {(byte) sequence});
        model.add(k);
      }
    }
    List<InternalKey> probes = new ArrayList<>(model);
    for (int i = 0; i < 3000; i++) {
      byte[] user = String.format("k%06d", random.nextInt(21_000)).getBytes(StandardCharsets.UTF_8);
      probes.add(InternalKey.seekKey(user, random.nextInt((int) sequence + 2)));
    }
    assertSearchesAgree(model, list, probes, seed);
    assertWalksAs(model, list, seed);
  }

  @Test
  void keysWithZeroBytesAndHighBytesOfManyLengthsOrderAsTheirBytes() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("SkipListTest prefix seed=" + seed + " (-Dshale.seed=" + seed + ")");
    Random random = new Random(seed);
    byte[] alphabet = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff};
    SkipList list = new SkipList();
    TreeSet<InternalKey> model = new TreeSet<>();
    List<InternalKey> probes = new ArrayList<>();
    for (long sequence = 1; sequence <= 4000; sequence++) {
      byte[] user = new byte[1 + random.nextInt(25)]; // 1..25: short of, at and past 8 and 16
      for (int i = 0; i < user.length; i++) {
        user[i] = alphabet[random.nextInt(alphabet.length)];
      }
      InternalKey k = new InternalKey(user, sequence, ValueType.VALUE);
      list.insert(k.userKey(), k.tag(), new byte[0]);
      model.add(k);
      probes.add(InternalKey.seekKey(user, random.nextInt(4001)));
      probes.add(InternalKey.seekKey(java.util.Arrays.copyOf(user, user.length + 1), sequence));
    }
    assertSearchesAgree(model, list, probes, seed);
    assertWalksAs(model, list, seed);
  }

  /** Every probe's ceiling, lower and floor in {@code list} are the model's. */
  private static void assertSearchesAgree(
      TreeSet<InternalKey> model, SkipList list, List<InternalKey> probes, long seed) {
    for (InternalKey probe : probes) {
      String context = "seed " + seed + ", probe " + probe;
      assertEquals(model.ceiling(probe), keyOf(list.findGreaterOrEqual(probe, null)), context);
      assertEquals(model.lower(probe), keyOf(list.findLessThan(probe)), context);
      assertEquals(model.floor(probe), keyOf(list.findLessOrEqual(probe)), context);
    }
  }

  /** Level 0 of {@code list}, walked, is the model in order. */
  private static void assertWalksAs(TreeSet<InternalKey> model, SkipList list, long seed) {
    List<InternalKey> walked = new ArrayList<>();
    for (SkipList.Node n = list.first(); n != null; n = n.next(0)) {
      walked.add(n.key());
    }
    assertEquals(new ArrayList<>(model), walked, "seed " + seed);
  }

  @Test
  void readersBesideTheWriterSeeSortedWholeEntries() throws Exception {
    SkipList list = new SkipList();
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> failure = new AtomicReference<>();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      Thread reader =
          new Thread(
              () -> {
                while (!done.get() && failure.get() == null) {
                  InternalKey previous = null;
                  int seen = 0;
                  for (SkipList.Node n = list.first(); n != null; n = n.next(0)) {
                    if (n.value == null || n.value.length != 1) {
                      failure.set("an entry without its value");
                    }
                    if (previous != null && previous.compareTo(n.key()) >= 0) {
                      failure.set("out of order: " + previous + " then " + n.key());
                    }
                    previous = n.key();
                    seen++;
                  }
                  if (seen > 0 && list.last() == null) {
                    failure.set("a walk saw entries but last() found none");
                  }
                }
              });
      reader.start();
      readers.add(reader);
    }
    Random random = new Random(7);
    for (long sequence = 1; sequence <= 200_000; sequence++) {
      InternalKey k = key(random, sequence);
      list.insert(k.userKey(), k.tag(), new byte[] {1});
    }
    done.set(true);
    for (Thread reader : readers) {
      reader.join();
    }
    assertNull(failure.get());
  }

  private static InternalKey keyOf(SkipList.Node node) {
    return node == null ? null : node.key();
  }
}
