package dev.shale.engine.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.coding.KeyWords;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InternalKeyTest {

  @Test
  void userKeyAscendingUnsignedThenNewestFirst() {
    List<InternalKey> expected =
        List.of(
            new InternalKey(new byte[] {0x01}, 5, ValueType.VALUE),
            new InternalKey(new byte[] {0x7f}, 9, ValueType.DELETION),
            new InternalKey(new byte[] {0x7f}, 3, ValueType.VALUE),
            new InternalKey(new byte[] {0x7f, 0x00}, 1, ValueType.VALUE),
            new InternalKey(new byte[] {(byte) 0x80}, InternalKey.MAX_SEQUENCE, ValueType.VALUE),
            new InternalKey(new byte[] {(byte) 0x80}, 1, ValueType.VALUE),
            new InternalKey(new byte[] {(byte) 0xff}, 2, ValueType.VALUE));
    List<InternalKey> shuffled = new ArrayList<>(expected);
    Collections.reverse(shuffled);
    Collections.sort(shuffled);
    assertEquals(expected, shuffled);
  }

  @Test
  void positioningKeysBracketTheVersionsOfAUserKey() {
    byte[] k = {5};
    InternalKey newest = new InternalKey(k, InternalKey.MAX_SEQUENCE, ValueType.VALUE);
    InternalKey oldest = new InternalKey(k, 1, ValueType.DELETION);
    assertTrue(InternalKey.beforeAllVersions(k).compareTo(newest) < 0);
    assertTrue(InternalKey.afterAllVersions(k).compareTo(oldest) > 0);
    assertTrue(
        InternalKey.afterAllVersions(k).compareTo(InternalKey.beforeAllVersions(new byte[] {5, 0}))
            < 0);
    InternalKey at7 = new InternalKey(k, 7, ValueType.VALUE);
    assertTrue(InternalKey.seekKey(k, 7).compareTo(at7) < 0);
    assertTrue(InternalKey.seekKey(k, 6).compareTo(at7) > 0);
  }

  @Test
  void encodesUserKeyThenLittleEndianTag() {
    InternalKey key = new InternalKey(new byte[] {'a'}, 0x0102, ValueType.VALUE);
    byte[] encoded = key.encode();
    assertEquals("61" + "0102010000000000", java.util.HexFormat.of().formatHex(encoded));
    InternalKey decoded = InternalKey.decode(encoded);
    assertEquals(key, decoded);
    assertEquals(0x0102, decoded.sequence());
    assertEquals(ValueType.VALUE, decoded.type());
  }

  @Test
  void theTwoWordComparisonIsTheOrderOfInternalKeys() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("InternalKeyTest words seed=" + seed + " (-Dshale.seed=" + seed + ")");
    Random random = new Random(seed);
    byte[] alphabet = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff};
    for (int round = 0; round < 200_000; round++) {
      byte[] a = new byte[random.nextInt(26)]; // 0..25: short of, at and past 8 and 16 bytes
      for (int i = 0; i < a.length; i++) {
        a[i] = alphabet[random.nextInt(alphabet.length)];
      }
      // Often a prefix of a, or a with one byte changed, so the words are mostly equal.
      byte[] b =
          switch (random.nextInt(3)) {
            case 0 -> java.util.Arrays.copyOf(a, random.nextInt(a.length + 3));
            case 1 -> {
              byte[] c = a.clone();
              if (c.length > 0) {
                c[random.nextInt(c.length)] = alphabet[random.nextInt(alphabet.length)];
              }
              yield c;
            }
            default -> {
              byte[] c = new byte[random.nextInt(26)];
              for (int i = 0; i < c.length; i++) {
                c[i] = alphabet[random.nextInt(alphabet.length)];
              }
              yield c;
            }
          };
      long aTag = random.nextInt(4);
      long bTag = random.nextInt(4);
      int expected = Integer.signum(InternalKey.compare(a, aTag, b, bTag));
      int actual =
          Integer.signum(
              InternalKey.compareWithWords(
                  a,
                  KeyWords.word(a, 0, a.length, 0),
                  KeyWords.word(a, 0, a.length, 8),
                  aTag,
                  b,
                  KeyWords.word(b, 0, b.length, 0),
                  KeyWords.word(b, 0, b.length, 8),
                  bTag));
      assertEquals(
          expected,
          actual,
          "seed "
              + seed
              + ": "
              + java.util.HexFormat.of().formatHex(a)
              + "@"
              + aTag
              + " vs "
              + java.util.HexFormat.of().formatHex(b)
              + "@"
              + bTag);
    }
  }
}
