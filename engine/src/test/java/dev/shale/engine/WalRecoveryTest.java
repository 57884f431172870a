package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cuts and damages the log behind the engine's back and checks that opening keeps exactly the
 * batches wholly before a cut or a damaged last record (what a crash can leave), and refuses to
 * open when intact records follow the damage (what no crash can leave), deleting nothing. The
 * record offsets come from the layout in FORMAT.md, computed here independently of the writer.
 */
class WalRecoveryTest {

  private static final int BLOCK = 32768;
  private static final int HEADER = 7;
  private static final String LOG = "000001.log";
  private static final HexFormat HEX = HexFormat.of();

  @TempDir Path tmp;

  private final List<WriteBatch> batches = new ArrayList<>();

  /** ends.get(i): the file offset where batch i's record ends; its start is ends.get(i - 1). */
  private final List<Long> ends = new ArrayList<>();

  private byte[] log;

  @BeforeEach
  void writeLog() throws IOException {
    // A fresh database starts with an empty log.
    long offset = 0;
    // Spans block 0 into block 1: FIRST + LAST.
    add(new WriteBatch().put(b("big"), filler(50_000, 1)).put(b("a"), b("1")));
    // Fills block 1 up to 100 bytes before its end.
    long start = recordEnd(offset, payload(batches.get(0)));
    int fill = 0;
    while (recordEnd(start, payload(fillBatch(fill + 1))) <= 2L * BLOCK - 100) {
      fill++;
    }
    add(fillBatch(fill));
    // Small records, the second of them crossing into block 2.
    add(new WriteBatch().put(b("c1"), filler(30, 3)));
    add(new WriteBatch().put(b("c2"), filler(40, 4)).put(b("c2b"), filler(30, 5)).delete(b("c1")));
    add(new WriteBatch().put(b("c3"), filler(20, 6)));
    add(new WriteBatch().delete(b("fill")).put(b("a"), b("again")));
    add(new WriteBatch().put(b("c1"), filler(25, 7)));
    add(new WriteBatch().put(b("last"), filler(33, 8)));

    for (WriteBatch batch : batches) {
      offset = recordEnd(offset, payload(batch));
      ends.add(offset);
    }
    Path dir = tmp.resolve("source");
    try (Db db = Db.open(dir, Options.defaults())) {
      for (WriteBatch batch : batches) {
        db.write(batch);
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      log = Files.readAllBytes(files.filter(f -> f.toString().endsWith(".log")).findFirst().get());
    }
    assertEquals(offset, log.length, "the log is laid out as FORMAT.md says");
    assertTrue(ends.get(3) > 2L * BLOCK && ends.get(2) < 2L * BLOCK, "a small record spans blocks");
  }

  @Test
  void aLogCutAnywhereKeepsExactlyTheBatchesBeforeTheCut() throws IOException {
    TreeSet<Long> cuts = new TreeSet<>();
    long lastFew = ends.get(1); // every byte of the last six records
    for (long cut = lastFew; cut <= log.length; cut++) {
      cuts.add(cut);
    }
    for (long cut = 0; cut < lastFew; cut += 1009) {
      cuts.add(cut);
    }
    for (long edge : List.of((long) BLOCK, 2L * BLOCK, ends.get(0))) {
      for (long d = -HEADER - 1; d <= HEADER + 1; d++) {
        cuts.add(Math.max(0, Math.min(log.length, edge + d)));
      }
    }
    for (long cut : cuts) {
      int whole = 0;
      while (whole < batches.size() && ends.get(whole) <= cut) {
        whole++;
      }
      assertRecovers(Arrays.copyOf(log, (int) cut), whole, "cut at " + cut);
    }
  }

  @Test
  void aDamagedLastRecordIsDroppedAndEarlierDataKept() throws IOException {
    int last = batches.size() - 1;
    for (long at = ends.get(last - 1); at < ends.get(last); at++) {
      byte[] damaged = log.clone();
      damaged[(int) at] ^= (byte) (1 << (at % 8));
      assertRecovers(damaged, last, "byte " + at + " flipped");
    }
  }

  @Test
  void damageFollowedByIntactRecordsFailsTheOpenNamingTheOffsetAndDeletesNothing()
      throws IOException {
    Random random = new Random(42);
    for (int record = 0; record < batches.size() - 1; record++) {
      long start = record == 0 ? 0 : ends.get(record - 1);
      // every byte of a small record; a sample of the big ones
      int step = ends.get(record) - start > 200 ? 97 : 1;
      for (long at = start; at < ends.get(record); at += step) {
        byte[] damaged = log.clone();
        damaged[(int) at] ^= (byte) (1 << random.nextInt(8));
        Path dir = tmp.resolve("damaged");
        Files.createDirectories(dir);
        Files.write(dir.resolve(LOG), damaged);
        String what = "record " + record + ", byte " + at + " flipped";
        for (int attempt = 0; attempt < 2; attempt++) {
          DbException e =
              assertThrows(
                  DbException.class,
                  () -> Db.open(dir, Options.defaults().withSync(false)).close(),
                  what);
          assertEquals(DbException.Kind.CORRUPTION, e.kind(), what + ": " + e);
          assertTrue(e.getMessage().contains(LOG), what + ": " + e.getMessage());
          assertTrue(
              e.getMessage().contains("damaged at offset " + start), what + ": " + e.getMessage());
        }
        assertArrayEquals(damaged, Files.readAllBytes(dir.resolve(LOG)), what + ": log kept");
        deleteTree(dir);
      }
    }
  }

  @Test
  void recoveryIsIdempotentAndTheNewLogIsClean() throws IOException {
    Path dir = tmp.resolve("idempotent");
    Files.createDirectories(dir);
    Files.write(dir.resolve(LOG), Arrays.copyOf(log, (int) ends.get(3).longValue() - 5));
    Map<String, String> expected = expectedAfter(3);
    for (int i = 0; i < 3; i++) {
      try (Db db = Db.open(dir, Options.defaults())) {
        assertEquals(expected, contents(db), "open " + i);
      }
    }
    try (Db db = Db.open(dir, Options.defaults())) {
      db.put(b("after"), b("recovery"));
    }
    expected.put(HEX.formatHex(b("after")), HEX.formatHex(b("recovery")));
    try (Db db = Db.open(dir, Options.defaults())) {
      assertEquals(expected, contents(db), "a write after recovering from a torn tail survives");
    }
  }

  /** Opens a directory holding {@code bytes} as its log; expects exactly the first batches. */
  private void assertRecovers(byte[] bytes, int wholeBatches, String what) throws IOException {
    Path dir = tmp.resolve("cut");
    Files.createDirectories(dir);
    Files.write(dir.resolve(LOG), bytes);
    try (Db db = Db.open(dir, Options.defaults().withSync(false))) {
      assertEquals(expectedAfter(wholeBatches), contents(db), what);
    } catch (DbException e) {
      throw new AssertionError(what + ": opening failed: " + e, e);
    }
    deleteTree(dir);
  }

  private Map<String, String> expectedAfter(int wholeBatches) {
    TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    for (WriteBatch batch : batches.subList(0, wholeBatches)) {
      for (WriteBatch.Op op : batch.ops()) {
        if (op.isDelete()) {
          model.remove(op.key());
        } else {
          model.put(op.key(), op.value());
        }
      }
    }
    Map<String, String> hex = new TreeMap<>();
    model.forEach((k, v) -> hex.put(HEX.formatHex(k), HEX.formatHex(v)));
    return hex;
  }

  private static Map<String, String> contents(Db db) {
    Map<String, String> hex = new TreeMap<>();
    try (DbIterator it = db.newIterator(ReadOptions.DEFAULT)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        hex.put(HEX.formatHex(it.key()), HEX.formatHex(it.value()));
      }
    }
    return hex;
  }

  private static WriteBatch fillBatch(int n) {
    return new WriteBatch().put(b("fill"), filler(n, 2)).delete(b("a"));
  }

  private void add(WriteBatch batch) {
    batches.add(batch);
  }

  /** The size of {@code batch}'s write batch record (FORMAT.md). */
  private static int payload(WriteBatch batch) {
    int n = 12;
    for (WriteBatch.Op op : batch.ops()) {
      n += 1 + varintLength(op.key().length) + op.key().length;
      if (!op.isDelete()) {
        n += varintLength(op.value().length) + op.value().length;
      }
    }
    return n;
  }

  private static int varintLength(int v) {
    return v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : v < 1 << 21 ? 3 : v < 1 << 28 ? 4 : 5;
  }

  /** Where a record of {@code length} bytes appended at {@code offset} ends (FORMAT.md). */
  private static long recordEnd(long offset, int length) {
    int left = length;
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
    return offset;
  }

  private static byte[] filler(int n, int seed) {
    byte[] v = new byte[n];
    for (int i = 0; i < n; i++) {
      v[i] = (byte) (i * 31 + seed);
    }
    return v;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          f -> {
            try {
              Files.delete(f);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    Files.delete(dir);
  }
}
