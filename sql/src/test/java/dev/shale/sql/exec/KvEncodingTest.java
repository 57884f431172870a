package dev.shale.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KvEncodingTest {

  @Test
  void keyBytesSortExactlyAsJavaStrings() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("KvEncodingTest seed " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 200_000; i++) {
      String a = randomString(random);
      String b = randomString(random);
      int expected = Integer.signum(a.compareTo(b));
      int actual =
          Integer.signum(Arrays.compareUnsigned(KvEncoding.encodeKey(a), KvEncoding.encodeKey(b)));
      assertEquals(expected, actual, "seed " + seed + ": " + escape(a) + " vs " + escape(b));
      assertEquals(a, KvEncoding.decodeKey(KvEncoding.encodeKey(a)), "seed " + seed);
      assertEquals(KvEncoding.encodeKey(a).length, KvEncoding.encodedLength(a));
    }
  }

  @Test
  void charactersBeyondTheBmpSortBelowTheTopOfTheBmp() {
    // UTF-8 would put U+1F600 after U+FFFD; Java (UTF-16) puts its surrogates before it.
    String emoji = "\uD83D\uDE00";
    String replacement = "\uFFFD";
    assertEquals(-1, Integer.signum(emoji.compareTo(replacement)));
    assertEquals(
        -1,
        Integer.signum(
            Arrays.compareUnsigned(
                KvEncoding.encodeKey(emoji), KvEncoding.encodeKey(replacement))));
  }

  @Test
  void knownBytes() {
    assertArrayEquals(new byte[] {0, 'a'}, KvEncoding.encodeKey("\u0000a"));
    assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0xA9}, KvEncoding.encodeKey("é"));
    assertArrayEquals(
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80},
        KvEncoding.encodeKey("\uD83D\uDE00"));
  }

  @Test
  void valuesTagNullAsciiAndOtherTextAndReadValuesWrittenBeforeTheAsciiTag() {
    assertArrayEquals(new byte[] {0}, KvEncoding.encodeValue(null));
    assertArrayEquals(new byte[] {2}, KvEncoding.encodeValue(""));
    assertArrayEquals(new byte[] {2, 0, 'a', 0x7f}, KvEncoding.encodeValue("\u0000a\u007f"));
    assertArrayEquals(
        new byte[] {1, 'a', (byte) 0xC2, (byte) 0x80}, KvEncoding.encodeValue("a\u0080"));
    // Before the ASCII tag, every string was tagged 1.
    assertEquals("ab", KvEncoding.decodeValue(new byte[] {1, 'a', 'b'}));
    assertEquals("", KvEncoding.decodeValue(new byte[] {1}));
    assertEquals("é", KvEncoding.decodeValue(new byte[] {1, (byte) 0xC3, (byte) 0xA9}));
  }

  @Test
  void aValueDecodesFromItsSliceOfALargerArrayAndNeverFromTheBytesAfterIt() {
    byte[] e = KvEncoding.encodeValue("é");
    byte[] ascii = KvEncoding.encodeValue("ab");
    byte[] block = new byte[] {9, 9, e[0], e[1], e[2], ascii[0], ascii[1], ascii[2], 0, 9};
    assertEquals("é", KvEncoding.decodeValue(block, 2, 3));
    assertEquals("ab", KvEncoding.decodeValue(block, 5, 3));
    assertNull(KvEncoding.decodeValue(block, 8, 1));
    assertNull(KvEncoding.decodeValue(block, 8, 0));
    // The slice ends inside "é": its second byte is the next value's, not part of this one.
    assertThrows(IllegalArgumentException.class, () -> KvEncoding.decodeValue(block, 2, 2));
  }

  @Test
  void valuesKeepNullApartFromEmpty() {
    assertNull(KvEncoding.decodeValue(KvEncoding.encodeValue(null)));
    assertEquals("", KvEncoding.decodeValue(KvEncoding.encodeValue("")));
    assertEquals("x\uD83D", KvEncoding.decodeValue(KvEncoding.encodeValue("x\uD83D")));
  }

  @Test
  void asciiAndTextWithOneWideCharacterAnywhereRoundTrip() {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("KvEncodingTest ascii seed " + seed);
    Random random = new Random(seed);
    for (int trial = 0; trial < 2000; trial++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(120);
      for (int i = 0; i < length; i++) {
        sb.append((char) random.nextInt(0x80)); // NUL and DEL included
      }
      String ascii = sb.toString();
      assertEquals(ascii, KvEncoding.decodeKey(KvEncoding.encodeKey(ascii)), "seed " + seed);
      assertEquals(ascii, KvEncoding.decodeValue(KvEncoding.encodeValue(ascii)), "seed " + seed);
      char wide = (char) (0x80 + random.nextInt(0xFF80));
      String mixed = new StringBuilder(ascii).insert(random.nextInt(length + 1), wide).toString();
      assertEquals(mixed, KvEncoding.decodeKey(KvEncoding.encodeKey(mixed)), "seed " + seed);
      assertEquals(mixed, KvEncoding.decodeValue(KvEncoding.encodeValue(mixed)), "seed " + seed);
    }
  }

  private static String randomString(Random random) {
    int length = random.nextInt(6);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(6)) {
        case 0 -> sb.append((char) random.nextInt(0x80));
        case 1 -> sb.append((char) (0x80 + random.nextInt(0x780)));
        case 2 -> sb.append((char) (0x800 + random.nextInt(0xD000)));
        case 3 -> sb.appendCodePoint(0x10000 + random.nextInt(0x100000));
        case 4 -> sb.append((char) (0xD800 + random.nextInt(0x800))); // lone surrogate
        default -> sb.append((char) (0xE000 + random.nextInt(0x2000)));
      }
    }
    return sb.toString();
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    s.chars().forEach(c -> sb.append(String.format("\\u%04X", c)));
    return sb.toString();
  }
}
