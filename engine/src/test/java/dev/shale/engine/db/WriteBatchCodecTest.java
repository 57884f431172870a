package dev.shale.engine.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shale.engine.DbException;
import dev.shale.engine.WriteBatch;
import dev.shale.engine.coding.Varint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBatchCodecTest {

  /** The example in FORMAT.md, byte for byte. */
  @Test
  void encodesTheDocumentedExample() {
    WriteBatch batch = new WriteBatch().put(b("a"), b("xy")).delete(b("b"));

    byte[] record = WriteBatchCodec.encode(7, List.of(batch));

    assertEquals(
        "0700000000000000" + "02000000" + "010161027879" + "000162",
        HexFormat.of().formatHex(record));
  }

  @Test
  void encodesARangeDeletion() {
    WriteBatch batch = new WriteBatch().deleteRange(b("a"), b("cd"));
    byte[] record = WriteBatchCodec.encode(5, List.of(batch));
    assertEquals(
        "0500000000000000" + "01000000" + "02" + "0161" + "026364",
        HexFormat.of().formatHex(record));
    List<String> ops = new ArrayList<>();
    assertEquals(5, WriteBatchCodec.decode(record, recorder(ops)));
    assertEquals(List.of("deleteRange 5 a cd"), ops);
  }

  @Test
  void batchesOfAGroupShareOneSequenceRange() {
    WriteBatch one = new WriteBatch().put(b("k"), b("1"));
    WriteBatch two = new WriteBatch().delete(b("k")).put(b("m"), new byte[300]);
    List<String> ops = new ArrayList<>();

    long last =
        WriteBatchCodec.decode(WriteBatchCodec.encode(41, List.of(one, two)), recorder(ops));

    assertEquals(43, last);
    assertEquals(List.of("put 41 k 1", "delete 42 k", "put 43 m 300 bytes"), ops);
  }

  @Test
  void anEmptyRecordCarriesItsSequence() {
    byte[] record = WriteBatchCodec.encode(9, List.of(new WriteBatch()));
    assertEquals(12, record.length);
    assertEquals(8, WriteBatchCodec.decode(record, recorder(new ArrayList<>())));
  }

  @Test
  void malformedRecordsAreCorruption() {
    byte[] good = WriteBatchCodec.encode(7, List.of(new WriteBatch().put(b("a"), b("xy"))));
    List<byte[]> bad = new ArrayList<>();
    bad.add(Arrays.copyOf(good, 11)); // short header
    bad.add(Arrays.copyOf(good, good.length - 1)); // value cut short
    bad.add(Arrays.copyOf(good, good.length + 1)); // a byte after the last op
    byte[] count = good.clone();
    count[8] = 2; // more ops announced than present
    bad.add(count);
    byte[] type = good.clone();
    type[12] = 3; // no such type
    bad.add(type);
    byte[] length = good.clone();
    length[13] = (byte) 0x80; // key length varint runs on
    bad.add(length);
    byte[] sequence = good.clone();
    sequence[0] = 0; // sequence 0 is never assigned
    bad.add(sequence);
    for (byte[] record : bad) {
      DbException e =
          assertThrows(
              DbException.class,
              () -> WriteBatchCodec.decode(record, recorder(new ArrayList<>())),
              HexFormat.of().formatHex(record));
      assertEquals(DbException.Kind.CORRUPTION, e.kind());
    }
  }

  @Test
  void varintsRoundTrip() {
    int[] values = {0, 1, 127, 128, 300, 16383, 16384, Integer.MAX_VALUE, -1};
    for (int v : values) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(Varint.MAX_LENGTH_32);
      Varint.put32(buf, v);
      assertEquals(Varint.length32(v), buf.position(), "length of " + v);
      buf.flip();
      assertEquals(v, Varint.get32(buf));
    }
  }

  @Test
  void decodedBytesAreCopies() {
    byte[] value = b("v");
    byte[] record = WriteBatchCodec.encode(1, List.of(new WriteBatch().put(b("k"), value)));
    List<byte[]> seen = new ArrayList<>();
    WriteBatchCodec.decode(
        record,
        new WriteBatchCodec.Handler() {
          @Override
          public void put(long sequence, byte[] key, byte[] v) {
            seen.add(v);
          }

          @Override
          public void delete(long sequence, byte[] key) {}

          @Override
          public void deleteRange(long sequence, byte[] begin, byte[] end) {}
        });
    value[0] = 'X';
    assertArrayEquals(b("v"), seen.get(0));
  }

  private static WriteBatchCodec.Handler recorder(List<String> ops) {
    return new WriteBatchCodec.Handler() {
      @Override
      public void put(long sequence, byte[] key, byte[] value) {
        String v =
            value.length > 10
                ? value.length + " bytes"
                : new String(value, StandardCharsets.ISO_8859_1);
        ops.add("put " + sequence + " " + new String(key, StandardCharsets.ISO_8859_1) + " " + v);
      }

      @Override
      public void delete(long sequence, byte[] key) {
        ops.add("delete " + sequence + " " + new String(key, StandardCharsets.ISO_8859_1));
      }

      @Override
      public void deleteRange(long sequence, byte[] begin, byte[] end) {
        ops.add(
            "deleteRange "
                + sequence
                + " "
                + new String(begin, StandardCharsets.ISO_8859_1)
                + " "
                + new String(end, StandardCharsets.ISO_8859_1));
      }
    };
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
