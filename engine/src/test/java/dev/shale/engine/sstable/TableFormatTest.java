package dev.shale.engine.sstable;

import static dev.shale.engine.sstable.TableFixtures.hex;
import static dev.shale.engine.sstable.TableFixtures.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.env.Env;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TableFormatTest {

  @TempDir Path dir;

  /**
   * One entry ("a"@1 VALUE -> "v"): every block and the footer at the offsets the layout in
   * FORMAT.md gives.
   */
  @Test
  void tinyTableBytes() throws IOException {
    TreeMap<InternalKey, byte[]> entries = new TreeMap<>();
    entries.put(key("a", 1, ValueType.VALUE), new byte[] {'v'});
    Path file = dir.resolve("000001.sst");
    long size = TableFixtures.write(file, entries, List.of(), TableOptions.defaults());
    byte[] t = Files.readAllBytes(file);
    assertEquals(132, size);

    // Data block [0, 21) + trailer [21, 26).
    String dataBlock =
        "000901" // shared 0, non-shared 9, value 1
            + "61" // "a"
            + "0101000000000000" // tag: sequence 1 << 8 | type 1, little-endian
            + "76" // "v"
            + "00000000" // restart 0
            + "01000000"; // one restart
    assertEquals(dataBlock, hex(range(t, 0, 21)));
    assertBlockTrailer(t, 0, 21);

    // Filter block [26, 35): one key -> 64 bits (8 bytes), then the probe count 6.
    assertEquals(6, t[34]);
    assertBlockTrailer(t, 26, 9);

    // Range-deletion block [40, 48): empty.
    assertEquals("00000000" + "01000000", hex(range(t, 40, 48)));
    assertBlockTrailer(t, 40, 8);

    // Index block [53, 75): separator "a"@1 (no shorter successor of "a"), handle (0, 21).
    String indexBlock =
        "000902" + "61" + "0101000000000000" + "00" + "15" + "00000000" + "01000000";
    assertEquals(indexBlock, hex(range(t, 53, 75)));
    assertBlockTrailer(t, 53, 22);

    // Footer [80, 132).
    String footerBeforeChecksum =
        "1a00000000000000" // filter block offset 26
            + "09000000" // filter block size 9
            + "2800000000000000" // range-del block offset 40
            + "08000000" // range-del block size 8
            + "3500000000000000" // index block offset 53
            + "16000000" // index block size 22
            + "01000000"; // format version 1
    assertEquals(footerBeforeChecksum, hex(range(t, 80, 120)));
    assertEquals(le32(maskedCrc(range(t, 80, 120))), hex(range(t, 120, 124)));
    assertEquals(hex("SHALESST".getBytes()), hex(range(t, 124, 132)));

    try (Table table = Table.open(Env.disk(), file, 1, size, null, TableOptions.defaults())) {
      assertEquals(
          "61@1/1=76", TableFixtures.line(table.seek(InternalKey.beforeAllVersions(new byte[0]))));
      assertNull(table.seek(InternalKey.afterAllVersions(new byte[] {'a'})));
      assertEquals(0, table.approximateOffsetOf(key("a", 1, ValueType.VALUE)));
      assertEquals(26, table.approximateOffsetOf(key("b", 1, ValueType.VALUE)));
    }
  }

  @Test
  void emptyTableHasEmptyBlocksAndAFooter() throws IOException {
    Path file = dir.resolve("000002.sst");
    long size =
        TableFixtures.write(
            file, new TreeMap<>(), List.of(), TableOptions.defaults().withBloomBitsPerKey(0));
    // filter (0 + 5), range-del (8 + 5), index (8 + 5), footer 52
    assertEquals(5 + 13 + 13 + 52, size);
    try (Table table = Table.open(Env.disk(), file, 2, size, null, TableOptions.defaults())) {
      assertEquals(List.of(), TableFixtures.forward(table.newIterator()));
      assertNull(table.seek(InternalKey.beforeAllVersions(new byte[0])));
      assertEquals(true, table.mayContain(new byte[] {1}), "no filter: anything may be there");
    }
  }

  @Test
  void builderRejectsOutOfOrderKeysAndWrongTypes() throws IOException {
    Path file = dir.resolve("000003.sst");
    try (var ch = Env.disk().newWritableFile(file)) {
      TableBuilder b = new TableBuilder(ch, TableOptions.defaults());
      b.add(key("b", 5, ValueType.VALUE), new byte[0]);
      assertThrows(IllegalArgumentException.class, () -> b.add(key("a", 9, ValueType.VALUE), null));
      assertThrows(IllegalArgumentException.class, () -> b.add(key("b", 5, ValueType.VALUE), null));
      assertThrows(IllegalArgumentException.class, () -> b.add(key("b", 6, ValueType.VALUE), null));
      assertThrows(
          IllegalArgumentException.class, () -> b.add(key("c", 1, ValueType.RANGE_DELETION), null));
      assertThrows(
          IllegalArgumentException.class,
          () -> b.addRangeTombstone(key("c", 1, ValueType.VALUE), new byte[] {'d'}));
      assertThrows(
          IllegalArgumentException.class,
          () -> b.addRangeTombstone(key("c", 1, ValueType.RANGE_DELETION), new byte[] {'c'}));
      byte[] a = {'x', 'a', 'y'};
      long tagA = key("a", 9, ValueType.VALUE).tag();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> b.add(a, 1, 1, tagA, a, 0, 0));
      assertTrue(e.getMessage().contains("61@9/1 after 62@5/1"), e.getMessage());
      long rangeTag = key("c", 1, ValueType.RANGE_DELETION).tag();
      assertThrows(IllegalArgumentException.class, () -> b.add(a, 1, 1, rangeTag, a, 0, 0));
      b.add(key("b", 4, ValueType.DELETION), null);
      assertEquals(2, b.entries());
      assertEquals(key("b", 5, ValueType.VALUE), b.firstKey());
      assertEquals(key("b", 4, ValueType.DELETION), b.lastKey());
      b.finish();
      assertThrows(IllegalStateException.class, b::finish);
    }
  }

  private static void assertBlockTrailer(byte[] t, int offset, int size) {
    assertEquals(0, t[offset + size], "compression type none");
    byte[] covered = Arrays.copyOfRange(t, offset, offset + size + 1);
    assertEquals(le32(maskedCrc(covered)), hex(range(t, offset + size + 1, offset + size + 5)));
  }

  private static int maskedCrc(byte[] b) {
    CRC32C crc = new CRC32C();
    crc.update(b);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + 0xa282ead8;
  }

  private static String le32(int v) {
    return hex(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
  }

  private static byte[] range(byte[] b, int from, int to) {
    return Arrays.copyOfRange(b, from, to);
  }
}
