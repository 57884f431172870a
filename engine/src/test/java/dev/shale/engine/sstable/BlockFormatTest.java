package dev.shale.engine.sstable;

import static dev.shale.engine.sstable.TableFixtures.bytes;
import static dev.shale.engine.sstable.TableFixtures.hex;
import static dev.shale.engine.sstable.TableFixtures.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.DbException;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlockFormatTest {

  private static final Path FILE = Path.of("test.sst");

  @Test
  void threeKeysWithRestartIntervalTwo() {
    BlockBuilder b = new BlockBuilder(2);
    add(b, bytes("apple"), bytes("1"));
    add(b, bytes("apricot"), bytes("2"));
    add(b, bytes("banana"), bytes("3"));
    int len = b.finish();

    String expected =
        ""
            // shared 0, non-shared 5, value 1 | "apple" | "1"      offset 0, restart 0
            + "000501"
            + "6170706c65"
            + "31"
            // shared 2 ("ap"), non-shared 5, value 1 | "ricot" | "2"  offset 9
            + "020501"
            + "7269636f74"
            + "32"
            // shared 0, non-shared 6, value 1 | "banana" | "3"     offset 18, restart 1
            + "000601"
            + "62616e616e61"
            + "33"
            // restart offsets 0 and 18, then their count 2 (fixed32 little-endian)
            + "00000000"
            + "12000000"
            + "02000000";
    assertEquals(expected, hex(Arrays.copyOf(b.buffer(), len)));
    assertEquals(40, len);
  }

  @Test
  void emptyBlockIsOneRestartAtZero() {
    BlockBuilder b = new BlockBuilder(16);
    assertEquals(8, b.estimatedSize());
    int len = b.finish();
    assertEquals("00000000" + "01000000", hex(Arrays.copyOf(b.buffer(), len)));
    BlockIterator it = new BlockIterator(new Block(b.buffer(), len, FILE, 0));
    it.seekToFirst();
    assertFalse(it.isValid());
    it.seekToLast();
    assertFalse(it.isValid());
    it.seek(InternalKey.beforeAllVersions(new byte[0]).encode(), 0, 8);
    assertFalse(it.isValid());
  }

  @Test
  void longLengthsUseMultiByteVarints() {
    BlockBuilder b = new BlockBuilder(16);
    byte[] k = new byte[200];
    Arrays.fill(k, (byte) 'k');
    add(b, k, new byte[130]);
    int len = b.finish();
    // 200 = c8 01, 130 = 82 01
    assertEquals("00" + "c801" + "8201", hex(Arrays.copyOf(b.buffer(), 5)));
    assertEquals(5 + 200 + 130 + 8, len);
  }

  @Test
  void iteratorWalksAndSeeksInternalKeys() {
    long seed = TableFixtures.seed("iteratorWalksAndSeeksInternalKeys");
    Random r = new Random(seed);
    for (int interval : new int[] {1, 2, 3, 16, 1000}) {
      List<InternalKey> keys = new ArrayList<>(TableFixtures.randomEntries(r, 300).keySet());
      BlockBuilder b = new BlockBuilder(interval);
      for (InternalKey k : keys) {
        byte[] e = k.encode();
        add(b, e, bytes(k.toString()));
      }
      int len = b.finish();
      BlockIterator it = new BlockIterator(new Block(b.buffer(), len, FILE, 0));
      String where = "seed " + seed + ", interval " + interval;

      List<InternalKey> seen = new ArrayList<>();
      for (it.seekToFirst(); it.isValid(); it.next()) {
        seen.add(InternalKey.decode(it.keyBytes(), 0, it.keyLength()));
        TableFixtures.checkEnds(seen);
        assertEquals(seen.get(seen.size() - 1).toString(), new String(it.value()), where);
      }
      assertEquals(keys, seen, where);
      seen.clear();
      for (it.seekToLast(); it.isValid(); it.prev()) {
        seen.add(0, InternalKey.decode(it.keyBytes(), 0, it.keyLength()));
        TableFixtures.checkEnds(seen);
      }
      assertEquals(keys, seen, where);

      for (int i = 0; i < 200; i++) {
        InternalKey target =
            r.nextBoolean()
                ? keys.get(r.nextInt(keys.size()))
                : InternalKey.seekKey(
                    TableFixtures.randomUserKey(r, new byte[] {0, 'a', 'b', (byte) 0xff}),
                    r.nextInt(1000));
        int expected = 0;
        while (expected < keys.size() && keys.get(expected).compareTo(target) < 0) {
          expected++;
        }
        byte[] t = target.encode();
        it.seek(t, 0, t.length);
        if (expected == keys.size()) {
          assertFalse(it.isValid(), where + " seek " + target);
        } else {
          assertTrue(it.isValid(), where + " seek " + target);
          assertEquals(
              keys.get(expected),
              InternalKey.decode(it.keyBytes(), 0, it.keyLength()),
              where + " seek " + target);
        }
      }
    }
  }

  /**
   * Seeks scan a restart interval comparing only where the shared prefix leaves the order open:
   * keys here share long prefixes, and versions of one user key share part of their tags.
   */
  @Test
  void seeksAgreeWithTheModelAcrossLongSharedPrefixesAndTags() {
    long seed = TableFixtures.seed("seeksAgreeWithTheModelAcrossLongSharedPrefixesAndTags");
    Random r = new Random(seed);
    byte[] alphabet = {0, 1, 'a', (byte) 0xff};
    for (int interval : new int[] {4, 16, 64}) {
      TreeSet<InternalKey> set = new TreeSet<>();
      while (set.size() < 400) {
        byte[] user = new byte[10 + r.nextInt(4)];
        Arrays.fill(user, 0, 9, (byte) 'p');
        for (int i = 9; i < user.length; i++) {
          user[i] = alphabet[r.nextInt(alphabet.length)];
        }
        long seq = (1 + r.nextInt(6)) * 256L + (r.nextInt(4) == 0 ? 1 : 0);
        set.add(new InternalKey(user, seq, r.nextBoolean() ? ValueType.VALUE : ValueType.DELETION));
      }
      List<InternalKey> keys = new ArrayList<>(set);
      BlockBuilder b = new BlockBuilder(interval);
      for (InternalKey k : keys) {
        add(b, k.encode(), new byte[r.nextInt(3)]);
      }
      int len = b.finish();
      BlockIterator it = new BlockIterator(new Block(b.buffer(), len, FILE, 0));
      for (int i = 0; i < 2000; i++) {
        InternalKey k = keys.get(r.nextInt(keys.size()));
        InternalKey target =
            switch (r.nextInt(4)) {
              case 0 -> k;
              case 1 -> InternalKey.seekKey(k.userKey(), k.sequence() + r.nextInt(3) - 1);
              case 2 -> InternalKey.afterAllVersions(k.userKey());
              default -> {
                byte[] u = Arrays.copyOf(k.userKey(), k.userKey().length + r.nextInt(2) - 1);
                yield InternalKey.seekKey(u, (1 + r.nextInt(6)) * 256L);
              }
            };
        InternalKey expected = set.ceiling(target);
        if (r.nextInt(3) == 0) {
          it.reset(it.block()); // a fresh cursor, not one reusing its position
        }
        byte[] t = target.encode();
        it.seek(t, 0, t.length);
        String where = "seed " + seed + ", interval " + interval + ", seek " + target;
        if (expected == null) {
          assertFalse(it.isValid(), where);
        } else {
          assertTrue(it.isValid(), where);
          assertEquals(expected, InternalKey.decode(it.keyBytes(), 0, it.keyLength()), where);
        }
      }
    }
  }

  @Test
  void malformedBlocksAreCorruptionNamingFileAndOffset() {
    // restart count larger than the block
    byte[] bad = {0, 0, 0, 0, 9, 0, 0, 0};
    DbException e = assertThrows(DbException.class, () -> new Block(bad, 8, FILE, 4096));
    assertEquals(DbException.Kind.CORRUPTION, e.kind());
    assertTrue(e.getMessage().contains("test.sst") && e.getMessage().contains("offset 4096"));

    // an entry whose value runs past the restart array
    BlockBuilder b = new BlockBuilder(16);
    add(b, key("a", 1, ValueType.VALUE).encode(), bytes("v"));
    int len = b.finish();
    byte[] data = Arrays.copyOf(b.buffer(), len);
    data[2] = 100;
    BlockIterator it = new BlockIterator(new Block(data, len, FILE, 7));
    e = assertThrows(DbException.class, it::seekToFirst);
    assertEquals(DbException.Kind.CORRUPTION, e.kind());
  }

  @Test
  void separatorsAreShortWhenUserKeysAllow() {
    // "abc..."@5 and "abx"@9: "abd" with the smallest tag (all ones) fits between them.
    byte[] a = key("abcdef", 5, ValueType.VALUE).encode();
    byte[] b = key("abx", 9, ValueType.VALUE).encode();
    byte[] sep = TableBuilder.shortestSeparator(a, a.length, b, b.length);
    assertEquals(hex(bytes("abd")) + "ffffffffffffffff", hex(sep));

    // Adjacent bytes leave no room: the last key itself.
    byte[] c = key("abd", 1, ValueType.VALUE).encode();
    assertEquals(hex(a), hex(TableBuilder.shortestSeparator(a, a.length, c, c.length)));
    // One user key a prefix of the other: the last key itself.
    byte[] d = key("abcdefg", 1, ValueType.VALUE).encode();
    assertEquals(hex(a), hex(TableBuilder.shortestSeparator(a, a.length, d, d.length)));
    // Same user key (versions split across blocks): the last key itself.
    byte[] e = key("abcdef", 4, ValueType.VALUE).encode();
    assertEquals(hex(a), hex(TableBuilder.shortestSeparator(a, a.length, e, e.length)));

    byte[] f = new InternalKey(new byte[] {(byte) 0xff, 0x10, 0x20}, 3, ValueType.VALUE).encode();
    assertEquals("ff11" + "ffffffffffffffff", hex(TableBuilder.shortSuccessor(f, f.length)));
    byte[] g = new InternalKey(new byte[] {(byte) 0xff, (byte) 0xff}, 3, ValueType.VALUE).encode();
    assertEquals(hex(g), hex(TableBuilder.shortSuccessor(g, g.length)));
  }

  @Test
  void separatorsAgreeWithTheRuleOverRandomKeyPairs() {
    // Bytes near the edges the rule tests (0xff, adjacent values) and keys that share prefixes,
    // so every condition of the shortening is met and missed.
    long seed = TableFixtures.seed("separatorsAgreeWithTheRuleOverRandomKeyPairs");
    Random r = new Random(seed);
    byte[] alphabet = {0, 1, 2, 0x41, 0x42, 0x43, (byte) 0xfd, (byte) 0xfe, (byte) 0xff};
    int shortened = 0;
    for (int n = 0; n < 20_000; n++) {
      byte[] u = shortUserKey(r, alphabet);
      byte[] v = shortUserKey(r, alphabet);
      int c = Arrays.compareUnsigned(u, v);
      if (c > 0) {
        byte[] t = u;
        u = v;
        v = t;
      }
      byte[] a = new InternalKey(u, 5, ValueType.VALUE).encode();
      byte[] b = new InternalKey(v, c == 0 ? 4 : 9, ValueType.VALUE).encode();
      String where = "seed " + seed + ": " + hex(a) + " / " + hex(b);
      byte[] sep = TableBuilder.shortestSeparator(a, a.length, b, b.length);
      assertEquals(hex(expectedSeparator(a, b)), hex(sep), where);
      assertTrue(InternalKey.compareEncoded(a, 0, a.length, sep, 0, sep.length) <= 0, where);
      assertTrue(InternalKey.compareEncoded(sep, 0, sep.length, b, 0, b.length) < 0, where);
      if (sep.length < a.length) {
        shortened++;
      }
    }
    assertTrue(shortened > 1000 && shortened < 19_000, "seed " + seed + ": " + shortened);
  }

  private static byte[] shortUserKey(Random r, byte[] alphabet) {
    byte[] k = new byte[1 + r.nextInt(5)];
    for (int i = 0; i < k.length; i++) {
      k[i] = alphabet[r.nextInt(alphabet.length)];
    }
    return k;
  }

  /** The separator rule as the comment on shortestSeparator states it, one condition at a time. */
  private static byte[] expectedSeparator(byte[] a, byte[] b) {
    byte[] u = Arrays.copyOf(a, a.length - InternalKey.TAG_SIZE);
    byte[] v = Arrays.copyOf(b, b.length - InternalKey.TAG_SIZE);
    int diff = Arrays.mismatch(u, v);
    if (diff < 0 || diff >= Math.min(u.length, v.length) || diff == u.length - 1) {
      return a;
    }
    int x = u[diff] & 0xff;
    if (x == 0xff || x + 1 == (v[diff] & 0xff)) {
      return a;
    }
    byte[] cut = Arrays.copyOf(u, diff + 1);
    cut[diff]++;
    return InternalKey.beforeAllVersions(cut).encode();
  }

  @Test
  void encodedComparisonAgreesWithInternalKeyOrder() {
    long seed = TableFixtures.seed("encodedComparisonAgreesWithInternalKeyOrder");
    Random r = new Random(seed);
    byte[] alphabet = {0, 1, 'a', (byte) 0x80, (byte) 0xff};
    for (int i = 0; i < 20_000; i++) {
      InternalKey a = randomKey(r, alphabet);
      InternalKey b = randomKey(r, alphabet);
      byte[] ea = a.encode();
      byte[] eb = new byte[b.encodedLength() + 3];
      assertEquals(eb.length, b.encodeTo(eb, 3));
      int c = InternalKey.compareEncoded(ea, 0, ea.length, eb, 3, b.encodedLength());
      assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(c), "seed " + seed);
      assertEquals(b, InternalKey.decode(eb, 3, b.encodedLength()), "seed " + seed);
    }
  }

  private static InternalKey randomKey(Random r, byte[] alphabet) {
    byte[] user = TableFixtures.randomUserKey(r, alphabet);
    long seq = r.nextBoolean() ? r.nextInt(4) : r.nextLong(InternalKey.MAX_SEQUENCE + 1);
    return switch (r.nextInt(4)) {
      case 0 -> InternalKey.seekKey(user, seq);
      case 1 -> new InternalKey(user, seq, ValueType.DELETION);
      case 2 -> new InternalKey(user, seq, ValueType.RANGE_DELETION);
      default -> new InternalKey(user, seq, ValueType.VALUE);
    };
  }

  private static void add(BlockBuilder b, byte[] key, byte[] value) {
    b.add(key, 0, key.length, value, 0, value.length);
  }
}
