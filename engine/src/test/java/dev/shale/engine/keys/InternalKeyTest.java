package dev.shale.engine.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
}
