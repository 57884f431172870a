package dev.shale.engine.memtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    SkipList list = newList();
    TreeSet<InternalKey> model = new TreeSet<>();
    assertTrue(list.isEmpty());
    assertEquals(0, list.first());
    assertEquals(0, list.last());
    for (long sequence = 1; sequence <= 3000; sequence++) {
      InternalKey k = key(random, sequence);
      list.insert(k.userKey(), k.tag(), new byte[] {(byte) sequence});
      model.add(k);
      InternalKey probe = key(random, random.nextInt(4000));
      String context = "seed " + seed + ", after " + sequence + ", probe " + probe;
      assertEquals(model.ceiling(probe), keyOf(list, list.findGreaterOrEqual(probe)), context);
      assertEquals(model.lower(probe), keyOf(list, list.findLessThan(probe)), context);
      assertEquals(model.floor(probe), keyOf(list, list.findLessOrEqual(probe)), context);
      assertEquals(model.first(), keyOf(list, list.first()), context);
      assertEquals(model.last(), keyOf(list, list.last()), context);
    }
    assertWalksAs(model, list, seed);
  }

  @Test
  void runsOfKeysInOrderTakeTheLastPathAndStillAgreeWithATreeSet() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("SkipListTest runs seed=" + seed + " (-Dshale.seed=" + seed + ")");
    Random random = new Random(seed);
    SkipList list = newList();
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
    SkipList list = newList();
    TreeSet<InternalKey> model = new TreeSet<>();
    List<InternalKey> probes = new ArrayList<>();
    for (long sequence = 1; sequence <= 4000; sequence++) {
      // 0..40 bytes: short of, at and past 8, 16 and 24; most share a prefix of up to 32 bytes
      // with others, so keys tie on their first words and are told apart by the words after.
      byte[] user = new byte[random.nextInt(41)];
      int shared = random.nextInt(4) == 0 ? 0 : random.nextInt(33);
      for (int i = 0; i < user.length; i++) {
        user[i] = i < shared ? alphabet[i % 3] : alphabet[random.nextInt(alphabet.length)];
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

  @Test
  void keysAndValuesOfEverySizeComeBackAsWritten() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("SkipListTest sizes seed=" + seed + " (-Dshale.seed=" + seed + ")");
    Random random = new Random(seed);
    SkipList list = newList(); // 4 KiB chunks: entries past 1 KiB get chunks of their own
    java.util.TreeMap<InternalKey, byte[]> model = new java.util.TreeMap<>();
    int[] sizes = {0, 1, 15, 16, 17, 1023, 1024, 1025, 4096, 5000, 70_000};
    for (long sequence = 1; sequence <= 600; sequence++) {
      byte[] user = new byte[1 + random.nextInt(random.nextBoolean() ? 20 : 3000)];
      random.nextBytes(user);
      byte[] value = new byte[sizes[random.nextInt(sizes.length)]];
      random.nextBytes(value);
      InternalKey k = new InternalKey(user.clone(), sequence, ValueType.VALUE);
      assertTrue(list.insert(user, k.tag(), value) >= user.length + value.length);
      model.put(k, value.clone());
      user[0]++; // the list holds its own copies
      if (value.length > 0) {
        value[0]++;
      }
    }
    List<InternalKey> keys = new ArrayList<>();
    long n = list.first();
    for (var e : model.entrySet()) {
      String context = "seed " + seed + ", key " + e.getKey();
      assertTrue(n != 0, context);
      assertEquals(e.getKey(), list.key(n), context);
      assertArrayEquals(e.getValue(), list.value(n), context);
      byte[] buffer = new byte[e.getValue().length + 3];
      java.util.Arrays.fill(buffer, (byte) 0x5a);
      list.copyValue(n, buffer);
      assertEquals(e.getValue().length, list.valueLength(n), context);
      assertArrayEquals(
          e.getValue(), java.util.Arrays.copyOf(buffer, e.getValue().length), context);
      assertEquals(0x5a, buffer[e.getValue().length], context); // nothing written past the value
      assertTrue(list.hasUserKey(n, e.getKey().userKey()), context);
      keys.add(e.getKey());
      n = list.next(n);
    }
    assertEquals(0, n);
    assertSearchesAgree(new TreeSet<>(keys), list, keys, seed);
    // A flush's walk: the same entries, in order, out of the buffers it lends each call.
    var expected = model.entrySet().iterator();
    list.forEach(
        (key, keyOff, keyLen, tag, value, valueOff, valueLen) -> {
          var e = expected.next();
          String context = "seed " + seed + ", forEach at " + e.getKey();
          assertArrayEquals(
              e.getKey().userKey(),
              java.util.Arrays.copyOfRange(key, keyOff, keyOff + keyLen),
              context);
          assertEquals(e.getKey().tag(), tag, context);
          assertArrayEquals(
              e.getValue(),
              java.util.Arrays.copyOfRange(value, valueOff, valueOff + valueLen),
              context);
        });
    assertTrue(!expected.hasNext(), "forEach left entries out; seed " + seed);
  }

  /** Every probe's ceiling, lower and floor in {@code list} are the model's. */
  private static void assertSearchesAgree(
      TreeSet<InternalKey> model, SkipList list, List<InternalKey> probes, long seed) {
    for (InternalKey probe : probes) {
      String context = "seed " + seed + ", probe " + probe;
      assertEquals(model.ceiling(probe), keyOf(list, list.findGreaterOrEqual(probe)), context);
      assertEquals(model.lower(probe), keyOf(list, list.findLessThan(probe)), context);
      assertEquals(model.floor(probe), keyOf(list, list.findLessOrEqual(probe)), context);
    }
  }

  /** Level 0 of {@code list}, walked, is the model in order. */
  private static void assertWalksAs(TreeSet<InternalKey> model, SkipList list, long seed) {
    List<InternalKey> walked = new ArrayList<>();
    for (long n = list.first(); n != 0; n = list.next(n)) {
      walked.add(list.key(n));
    }
    assertEquals(new ArrayList<>(model), walked, "seed " + seed);
  }

  @Test
  void readersBesideTheWriterSeeSortedWholeEntries() throws Exception {
    SkipList list = newList();
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
                  for (long n = list.first(); n != 0; n = list.next(n)) {
                    InternalKey k = list.key(n);
                    byte[] v = list.value(n);
                    if (v.length != 1 || v[0] != (byte) k.sequence()) {
                      failure.set("an entry without its value: " + k);
                    }
                    if (previous != null && previous.compareTo(k) >= 0) {
                      failure.set("out of order: " + previous + " then " + k);
                    }
                    previous = k;
                    seen++;
                  }
                  if (seen > 0 && list.last() == 0) {
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
      list.insert(k.userKey(), k.tag(), new byte[] {(byte) sequence});
    }
    done.set(true);
    for (Thread reader : readers) {
      reader.join();
    }
    assertNull(failure.get());
  }

  private static InternalKey keyOf(SkipList list, long node) {
    return node == 0 ? null : list.key(node);
  }

  /** A list in 4 KiB chunks, so that a test's entries span many of them. */
  private static SkipList newList() {
    return new SkipList(new Arena(Arena.MIN_CHUNK_BYTES));
  }
}
