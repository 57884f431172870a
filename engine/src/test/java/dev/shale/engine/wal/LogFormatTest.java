package dev.shale.engine.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.DbException;
import dev.shale.engine.env.Env;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFormatTest {

  private static final int BLOCK = 32768;
  private static final int HEADER = 7;

  @TempDir Path dir;

  @Test
  void oneRecordIsHeaderThenPayload() throws IOException {
    byte[] bytes = write(List.of(new byte[] {'a', 'b', 'c'}));

    assertEquals(HEADER + 3, bytes.length);
    CRC32C crc = new CRC32C();
    crc.update(new byte[] {1, 'a', 'b', 'c'});
    int c = (int) crc.getValue();
    int masked = ((c >>> 15) | (c << 17)) + 0xa282ead8;
    assertEquals(masked, le32(bytes, 0), "masked CRC32C of type and payload, little-endian");
    assertEquals(3, bytes[4]);
    assertEquals(0, bytes[5]);
    assertEquals(1, bytes[6], "FULL");
    assertEquals('a', bytes[7]);
  }

  @Test
  void recordsRoundTripAcrossBlockEdges() throws IOException {
    Random random = new Random(42);
    int[] sizes = {
      0, 1, 100, BLOCK - HEADER, BLOCK - HEADER + 1, BLOCK, 3 * BLOCK + 17, 0, 5, BLOCK - 2 * HEADER
    };
    List<byte[]> records = new ArrayList<>();
    for (int size : sizes) {
      byte[] r = new byte[size];
      random.nextBytes(r);
      records.add(r);
    }
    byte[] bytes = write(records);

    assertEquals(expectedLength(sizes), bytes.length);
    assertEquals(records.size(), readAll(bytes, true).size());
    List<byte[]> read = readAll(bytes, false);
    for (int i = 0; i < records.size(); i++) {
      assertArrayEquals(records.get(i), read.get(i), "record " + i);
    }
  }

  @Test
  void lessThanAHeaderLeftBecomesAZeroTrailer() throws IOException {
    // The first record leaves 6 bytes in block 0.
    byte[] bytes = write(List.of(new byte[BLOCK - HEADER - 6], new byte[] {9}));

    assertEquals(BLOCK + HEADER + 1, bytes.length);
    for (int i = BLOCK - 6; i < BLOCK; i++) {
      assertEquals(0, bytes[i], "trailer byte " + i);
    }
    assertEquals(1, bytes[BLOCK + 6], "the second record starts block 1 as FULL");
    assertEquals(2, readAll(bytes, false).size());
  }

  @Test
  void exactlyAHeaderLeftHoldsAnEmptyFirstFragment() throws IOException {
    byte[] bytes = write(List.of(new byte[BLOCK - 2 * HEADER], new byte[] {9}));

    int at = BLOCK - HEADER;
    assertEquals(0, bytes[at + 4]);
    assertEquals(2, bytes[at + 6], "FIRST with an empty payload");
    assertEquals(4, bytes[BLOCK + 6], "LAST");
    List<byte[]> read = readAll(bytes, false);
    assertArrayEquals(new byte[] {9}, read.get(1));
  }

  @Test
  void recoveryDropsADamagedLastRecordAndStrictModeRejectsIt() throws IOException {
    byte[] bytes = write(List.of(new byte[] {1}, new byte[] {2, 2}, new byte[] {3, 3, 3}));
    int third = 2 * HEADER + 3;
    bytes[third + HEADER] ^= 0x40;

    LogReader reader = new LogReader(new ByteArrayInputStream(bytes), "test.log", true);
    assertArrayEquals(new byte[] {1}, reader.readRecord());
    assertArrayEquals(new byte[] {2, 2}, reader.readRecord());
    assertNull(reader.readRecord(), "the damaged last record is dropped");
    assertEquals(third, reader.droppedTailOffset());
    assertNull(reader.readRecord());

    LogReader strict = new LogReader(new ByteArrayInputStream(bytes), "test.log", false);
    strict.readRecord();
    strict.readRecord();
    DbException e = assertThrows(DbException.class, strict::readRecord);
    assertEquals(DbException.Kind.CORRUPTION, e.kind());
    assertTrue(e.getMessage().contains("test.log at offset " + third), e.getMessage());
  }

  @Test
  void damageWithAnIntactRecordAfterItIsCorruptionEvenInRecovery() throws IOException {
    byte[] big = new byte[BLOCK + 100];
    new Random(2).nextBytes(big);
    List<byte[]> records = List.of(new byte[] {1}, new byte[] {2, 2}, big, new byte[] {4});
    byte[] clean = write(records);
    int second = HEADER + 1;
    int bigStart = second + HEADER + 2;
    // the second record's payload, its length field, the big record's FIRST and its LAST
    for (int at : new int[] {second + HEADER, second + 4, bigStart + HEADER + 5, BLOCK + 20}) {
      byte[] bytes = clean.clone();
      bytes[at] ^= 0x08;
      int damaged = at < bigStart ? second : bigStart;
      LogReader reader = new LogReader(new ByteArrayInputStream(bytes), "test.log", true);
      DbException e =
          assertThrows(
              DbException.class,
              () -> {
                while (reader.readRecord() != null) {
                  // read on to the damage
                }
              },
              "byte " + at);
      assertEquals(DbException.Kind.CORRUPTION, e.kind());
      assertTrue(
          e.getMessage().contains("test.log is damaged at offset " + damaged), e.getMessage());
      assertEquals(-1, reader.droppedTailOffset(), "nothing dropped");
    }
  }

  @Test
  void aFragmentedRecordCutAtAnyPointIsDroppedWhole() throws IOException {
    byte[] first = new byte[10];
    byte[] big = new byte[BLOCK + 100];
    new Random(1).nextBytes(big);
    byte[] bytes = write(List.of(first, big));
    for (int cut = HEADER + 10; cut < bytes.length; cut += 997) {
      byte[] prefix = java.util.Arrays.copyOf(bytes, cut);
      List<byte[]> read = readAll(prefix, true);
      assertEquals(1, read.size(), "cut at " + cut);
    }
    assertEquals(2, readAll(bytes, true).size());
  }

  @Test
  void aZeroFilledRestIsTheCleanEndInBothModes() throws IOException {
    byte[] bytes = write(List.of(new byte[] {1}));
    byte[] padded = java.util.Arrays.copyOf(bytes, bytes.length + 3 * BLOCK);

    for (boolean recovery : new boolean[] {true, false}) {
      LogReader reader = new LogReader(new ByteArrayInputStream(padded), "test.log", recovery);
      assertArrayEquals(new byte[] {1}, reader.readRecord());
      assertNull(reader.readRecord());
      assertEquals(-1, reader.droppedTailOffset(), "nothing dropped, recovery " + recovery);
    }
  }

  @Test
  void zerosThenGarbageIsATornTailAndARecordCutByZerosIsDropped() throws IOException {
    byte[] bytes = write(List.of(new byte[] {1}));
    byte[] garbage = java.util.Arrays.copyOf(bytes, bytes.length + 4096);
    garbage[bytes.length + 100] = 5;
    LogReader reader = new LogReader(new ByteArrayInputStream(garbage), "test.log", true);
    assertArrayEquals(new byte[] {1}, reader.readRecord());
    assertNull(reader.readRecord());
    assertEquals(bytes.length, reader.droppedTailOffset());
    LogReader strict = new LogReader(new ByteArrayInputStream(garbage), "test.log", false);
    strict.readRecord();
    assertThrows(DbException.class, strict::readRecord);

    // A record whose first fragment made it and whose rest is still zeros: torn, dropped.
    byte[] big = new byte[BLOCK + 100];
    new Random(3).nextBytes(big);
    byte[] two = write(List.of(new byte[] {1}, big));
    byte[] torn = java.util.Arrays.copyOf(two, 2 * BLOCK);
    java.util.Arrays.fill(torn, BLOCK, torn.length, (byte) 0);
    LogReader cut = new LogReader(new ByteArrayInputStream(torn), "test.log", true);
    assertArrayEquals(new byte[] {1}, cut.readRecord());
    assertNull(cut.readRecord());
    assertEquals(HEADER + 1, cut.droppedTailOffset(), "the torn record is dropped");
  }

  @Test
  void aWriteAheadLogLeftOpenReadsBackWhole() throws IOException {
    Path file = dir.resolve("000009.log");
    List<byte[]> records = new ArrayList<>();
    Random random = new Random(11);
    LogWriter writer = LogWriter.createWriteAhead(Env.disk(), file);
    for (int i = 0; i < 2000; i++) {
      byte[] r = new byte[random.nextInt(i % 100 == 0 ? 40_000 : 700)];
      random.nextBytes(r);
      records.add(r);
      writer.addRecord(r, i % 7 == 0);
    }
    // As a process killed now leaves it: the records, then the zeros allocated ahead.
    byte[] open = Files.readAllBytes(file);
    assertTrue(open.length > writer.length(), "allocated ahead: " + open.length);
    for (boolean recovery : new boolean[] {true, false}) {
      try (LogReader reader = new LogReader(new ByteArrayInputStream(open), "o.log", recovery)) {
        for (int i = 0; i < records.size(); i++) {
          assertArrayEquals(records.get(i), reader.readRecord(), "record " + i);
        }
        assertNull(reader.readRecord());
        assertEquals(-1, reader.droppedTailOffset());
        assertEquals(writer.length(), reader.recordsEnd(), "the records end where the zeros begin");
      }
    }
    writer.close();
    assertEquals(writer.length(), Files.size(file));
    assertEquals(records.size(), readAll(Files.readAllBytes(file), false).size());
  }

  private byte[] write(List<byte[]> records) throws IOException {
    Path file = Files.createTempFile(dir, "log", ".log");
    Files.delete(file);
    try (LogWriter writer = LogWriter.create(Env.disk(), file)) {
      for (byte[] r : records) {
        writer.addRecord(r);
      }
      writer.sync();
      assertEquals(Files.size(file), writer.length());
    }
    return Files.readAllBytes(file);
  }

  private static List<byte[]> readAll(byte[] bytes, boolean recovery) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (LogReader reader = new LogReader(new ByteArrayInputStream(bytes), "test.log", recovery)) {
      for (byte[] r = reader.readRecord(); r != null; r = reader.readRecord()) {
        out.add(r);
      }
    }
    return out;
  }

  /** The file length the layout predicts, computed independently of the writer. */
  private static long expectedLength(int[] sizes) {
    long offset = 0;
    for (int size : sizes) {
      int left = size;
      do {
        long inBlock = BLOCK - offset % BLOCK;
        if (inBlock < HEADER) {
          offset += inBlock;
          inBlock = BLOCK;
        }
        int fragment = (int) Math.min(left, inBlock - HEADER);
        offset += HEADER + fragment;
        left -= fragment;
      } while (left > 0);
    }
    return offset;
  }

  private static int le32(byte[] b, int at) {
    return (b[at] & 0xff)
        | (b[at + 1] & 0xff) << 8
        | (b[at + 2] & 0xff) << 16
        | (b[at + 3] & 0xff) << 24;
  }
}
