package dev.shale.sql.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Options;
import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.exec.KvEncoding;
import dev.shale.sql.store.KvBatch;
import dev.shale.sql.store.KvCursor;
import dev.shale.sql.store.KvDatabase;
import dev.shale.sql.store.KvStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Load and dump against a real (in-memory) database: formats, rejects, paths, modes, failures. */
class BulkLoadTest {

  private final List<KvDatabase> open = new ArrayList<>();

  @AfterEach
  void release() {
    open.forEach(KvDatabase::release);
  }

  private KvDatabase database(Options options) {
    KvDatabase db = KvDatabase.openInMemory("bulk-" + System.nanoTime(), options);
    open.add(db);
    return db;
  }

  private KvDatabase database() {
    return database(Options.defaults());
  }

  private static LoadReport load(KvDatabase db, String text, LoadOptions options) {
    return BulkLoader.of(db)
        .load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), options);
  }

  private static String dump(KvDatabase db, BulkFormat format, String from, String to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BulkDumper(db.store()).dump(out, format, true, from, to, null);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Every row, in key order; a NULL value as Java null. */
  private static Map<String, String> rows(KvDatabase db) {
    Map<String, String> rows = new TreeMap<>();
    try (KvStore.ReadView view = db.store().snapshot();
        KvCursor c = view.cursor(null, null)) {
      for (c.seek(new byte[0]); c.isValid(); c.next()) {
        rows.put(KvEncoding.decodeKey(c.key()), KvEncoding.decodeValue(c.value()));
      }
    }
    return rows;
  }

  private static void put(KvDatabase db, String key, String value) {
    KvBatch b = db.store().newBatch();
    b.put(KvEncoding.encodeKey(key), KvEncoding.encodeValue(value));
    db.store().write(b, false);
  }

  @Test
  void awkwardValuesRoundTripExactlyInBothFormats() {
    long seed = System.nanoTime();
    System.out.println("BulkLoadTest.awkwardValuesRoundTripExactlyInBothFormats seed=" + seed);
    Random random = new Random(seed);
    Map<String, String> expected = new TreeMap<>();
    String[] fixed = {
      "",
      null,
      ",",
      "\"",
      "\"\"",
      "a,b",
      "line\nbreak",
      "cr\rlf\r\n",
      "\ttab",
      "back\\slash",
      "\\N",
      "NULL",
      " padded ",
      "'quote'",
      "emoji \uD83D\uDE00",
      "\u0000zero",
      "\u00e9\u4e2d"
    };
    for (int i = 0; i < fixed.length; i++) {
      expected.put("fixed" + i, fixed[i]);
      expected.put("key " + fixed[i], "v" + i); // awkward keys too
    }
    expected.remove("key "); // "key " + "" is fine, but keep it simple: key "key null" exists
    String alphabet = ",\"\n\r\t\\ ab'\u00e9\u4e2d\u0000";
    for (int i = 0; i < 2000; i++) {
      StringBuilder k = new StringBuilder();
      StringBuilder v = new StringBuilder();
      int kl = 1 + random.nextInt(12);
      for (int j = 0; j < kl; j++) {
        k.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      int vl = random.nextInt(30);
      for (int j = 0; j < vl; j++) {
        if (random.nextInt(10) == 0) {
          v.appendCodePoint(0x10000 + random.nextInt(0x1000)); // a surrogate pair
        } else {
          v.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      expected.put("r" + k, random.nextInt(8) == 0 ? null : v.toString());
    }
    for (BulkFormat format : BulkFormat.values()) {
      KvDatabase source = database();
      expected.forEach((k, v) -> put(source, k, v));
      String dumped = dump(source, format, null, null);
      KvDatabase target = database();
      LoadReport report = load(target, dumped, LoadOptions.defaults().withFormat(format));
      assertEquals(0, report.rowsRejected(), format + " " + report.rejects());
      assertEquals(expected.size(), report.rowsLoaded(), format.label());
      assertEquals(expected, rows(target), format + " seed=" + seed);
      assertEquals(dumped, dump(target, format, null, null), format + " dump of the load");
    }
  }

  @Test
  void nullAndEmptyAreApartUnquotedFieldsLoad() {
    KvDatabase db = database();
    LoadReport r = load(db, "key,value\na,\nb,\"\"\nc,plain\n", LoadOptions.defaults());
    assertEquals(3, r.rowsLoaded());
    Map<String, String> rows = rows(db);
    assertNull(rows.get("a"));
    assertTrue(rows.containsKey("a"));
    assertEquals("", rows.get("b"));
    assertEquals("plain", rows.get("c"));
    assertEquals(
        "key,value\n\"a\",\n\"b\",\"\"\n\"c\",\"plain\"\n",
        dump(db, BulkFormat.CSV, null, null).replace("\"key\",\"value\"", "key,value"));
  }

  @Test
  void everyRejectReasonNamesItsPhysicalLine() {
    KvDatabase db = database(Options.defaults().withMaxKeyBytes(8).withMaxValueBytes(6));
    String text =
        "key,value\n" // 1
            + "ok1,v\n" // 2
            + "onlyone\n" // 3
            + ",nullkey\n" // 4
            + "\"\",empty\n" // 5
            + "ok2,\"two\nlines\"\n" // 6-7  (value 'two\nlines' is 9 bytes: too long)
            + "ok3,\"a\nb\"\n" // 8-9
            + "waytoolongkey,v\n" // 10
            + "a,b,c\n" // 11
            + "ok4,fine\n"; // 12
    LoadReport r = load(db, text, LoadOptions.defaults());
    assertEquals(9, r.rowsRead());
    assertEquals(3, r.rowsLoaded(), r.rejects().toString());
    assertEquals(6, r.rowsRejected());
    List<Reject> rejects = r.rejects();
    assertReject(rejects.get(0), 3, "42000", "wrong field count: 1 field");
    assertReject(rejects.get(1), 4, "23502", "NULL key");
    assertReject(rejects.get(2), 5, "22023", "empty key: keys must be 1..8 bytes");
    assertReject(rejects.get(3), 6, "22001", "value too long");
    assertTrue(rejects.get(3).reason().contains("at most 6 bytes"), rejects.get(3).reason());
    assertReject(rejects.get(4), 10, "22001", "key too long");
    assertReject(rejects.get(5), 11, "42000", "wrong field count: 3 field");
    assertEquals(Map.of("ok1", "v", "ok3", "a\nb", "ok4", "fine"), rows(db));
  }

  private static void assertReject(Reject reject, long line, String state, String reason) {
    assertEquals(line, reject.line(), reject.toString());
    assertEquals(state, reject.sqlState(), reject.toString());
    assertTrue(reject.reason().startsWith(reason), reject.toString());
  }

  @Test
  void malformedQuotingStopsAtItsLineAfterCommittingTheRowsBefore() {
    KvDatabase db = database();
    LoadReport r = load(db, "key,value\na,1\nb,2\nc,\"unterminated\nd,4\n", LoadOptions.defaults());
    assertNotNull(r.stopped());
    assertTrue(r.stopped().contains("line 4") && r.stopped().contains("malformed"), r.stopped());
    assertEquals(Map.of("a", "1", "b", "2"), rows(db));
  }

  @Test
  void aWrongHeaderRefusesTheLoadAndNoHeaderTakesLineOne() {
    KvDatabase db = database();
    ShaleSqlException e =
        assertThrows(ShaleSqlException.class, () -> load(db, "a,1\n", LoadOptions.defaults()));
    assertTrue(e.getMessage().contains("Line 1 is not the header key,value"), e.getMessage());
    assertEquals(0, rows(db).size());
    LoadReport r = load(db, "a,1\n", LoadOptions.defaults().withHeader(false));
    assertEquals(1, r.rowsLoaded());
  }

  @Test
  void insertModeRejectsExistingAndRepeatedKeysReplaceModeOverwrites() {
    for (boolean sorted : new boolean[] {true, false}) {
      KvDatabase db = database();
      put(db, "b", "old");
      String text =
          sorted ? "key,value\na,1\nb,2\nc,3\nc,4\nd,5\n" : "key,value\nd,5\na,1\nc,3\nb,2\nc,4\n";
      LoadReport r = load(db, text, LoadOptions.defaults().withMode(LoadMode.INSERT));
      assertEquals(2, r.rowsRejected(), sorted + " " + r.rejects());
      assertEquals("23505", r.rejects().get(0).sqlState());
      assertEquals("23505", r.rejects().get(1).sqlState());
      long bLine = sorted ? 3 : 5;
      long cLine = sorted ? 5 : 6;
      assertEquals(
          List.of(bLine, cLine).stream().sorted().toList(),
          r.rejects().stream().map(Reject::line).sorted().toList());
      Map<String, String> rows = rows(db);
      assertEquals("old", rows.get("b"));
      assertEquals("3", rows.get("c"));

      KvDatabase db2 = database();
      put(db2, "b", "old");
      LoadReport r2 = load(db2, text, LoadOptions.defaults());
      assertEquals(0, r2.rowsRejected());
      assertEquals("2", rows(db2).get("b"));
      assertEquals("4", rows(db2).get("c"), "the later line wins, sorted=" + sorted);
    }
  }

  @Test
  void maxErrorsStopsAtTheRejectBeyondIt() {
    String text = "key,value\na,1\nbad\nb,2\nbad\nc,3\nbad\nd,4\n";
    KvDatabase db0 = database();
    LoadReport r0 = load(db0, text, LoadOptions.defaults().withMaxErrors(0));
    assertTrue(r0.stopped().contains("line 3"), r0.stopped());
    assertEquals(1, r0.rowsLoaded());
    KvDatabase db1 = database();
    LoadReport r1 = load(db1, text, LoadOptions.defaults().withMaxErrors(1));
    assertTrue(r1.stopped().contains("line 5"), r1.stopped());
    assertEquals(2, r1.rowsLoaded());
    KvDatabase db3 = database();
    LoadReport r3 = load(db3, text, LoadOptions.defaults().withMaxErrors(3));
    assertNull(r3.stopped());
    assertEquals(4, r3.rowsLoaded());
    assertEquals(3, r3.rowsRejected());
  }

  @Test
  void rejectsFileHoldsTheRejectedRecordsInTheLoadFormat() {
    KvDatabase db = database();
    StringWriter rejects = new StringWriter();
    load(db, "key,value\na,1\n,x\n\"q\"\"\",1,2\n", LoadOptions.defaults().withRejects(rejects));
    assertEquals(",\"x\"\n\"q\"\"\",\"1\",\"2\"\n", rejects.toString());
  }

  @Test
  void sortedInputIsIngestedUnsortedSwitchesToBatches() {
    StringBuilder sorted = new StringBuilder("key,value\n");
    for (int i = 0; i < 5000; i++) {
      sorted.append(String.format("k%06d,value %d%n", i, i));
    }
    KvDatabase db = database();
    LoadReport r = load(db, sorted.toString(), LoadOptions.defaults().withUnits(20_000, 20_000));
    assertEquals(LoadPath.INGEST, r.path());
    assertEquals(5000, r.rowsLoaded());
    assertTrue(r.ingestCommits() > 1, "chunks: " + r.ingestCommits());
    assertEquals(0, r.batches());
    assertEquals(0, db.maintenance().stats().get(dev.shale.engine.Stats.Counter.PUTS));
    assertEquals(5000, rows(db).size());

    String unsorted = sorted + "a,first out of order\nzz,last\n";
    KvDatabase db2 = database();
    LoadReport r2 = load(db2, unsorted, LoadOptions.defaults());
    assertEquals(LoadPath.INGEST_THEN_BATCHES, r2.path());
    assertEquals(5002, r2.switchedAtLine());
    assertEquals(1, r2.batches());
    assertEquals(2, db2.maintenance().stats().get(dev.shale.engine.Stats.Counter.PUTS));
    assertEquals(5002, rows(db2).size());
  }

  @Test
  void aLoadBesideWritersLeavesASnapshotReadersViewAlone() throws Exception {
    KvDatabase db = database();
    put(db, "m-before", "x");
    KvStore.ReadView snapshot = db.store().snapshot();
    AtomicInteger written = new AtomicInteger();
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; i < 2000; i++) {
                put(db, "w" + i, "w");
                written.incrementAndGet();
              }
            });
    writer.start();
    StringBuilder text = new StringBuilder("key,value\n");
    for (int i = 0; i < 3000; i++) {
      text.append("l").append(i % 2 == 0 ? i : 3000 - i).append(",l\n");
    }
    LoadReport r = load(db, text.toString(), LoadOptions.defaults().withUnits(4096, 4096));
    writer.join();
    assertEquals(3000, r.rowsLoaded());
    Map<String, String> rows = rows(db);
    assertEquals(1 + 2000 + 3000, rows.size());
    try (KvCursor c = snapshot.cursor(null, null)) {
      c.seek(new byte[0]);
      assertTrue(c.isValid());
      assertEquals("m-before", KvEncoding.decodeKey(c.key()));
      c.next();
      assertTrue(!c.isValid(), "the snapshot sees none of the load nor the writer");
    } finally {
      snapshot.close();
    }
  }

  @Test
  void aFailureMidLoadLeavesWholeBatchesAndSaysHowManyRowsCommitted() {
    KvDatabase db = database();
    AtomicInteger writes = new AtomicInteger();
    KvStore failing =
        new KvStore() {
          final KvStore s = db.store();

          public ReadView latest() {
            return s.latest();
          }

          public ReadView snapshot() {
            return s.snapshot();
          }

          public KvBatch newBatch() {
            return s.newBatch();
          }

          public void write(KvBatch batch, boolean sync) {
            if (writes.incrementAndGet() == 3) {
              throw new ShaleSqlException("58030", "disk full (test)");
            }
            s.write(batch, sync);
          }

          public void writeIfUnchanged(KvBatch batch, ReadView since, boolean sync) {
            s.writeIfUnchanged(batch, since, sync);
          }

          public int maxKeyBytes() {
            return s.maxKeyBytes();
          }

          public int maxValueBytes() {
            return s.maxValueBytes();
          }
        };
    StringBuilder text = new StringBuilder("key,value\n");
    for (int i = 0; i < 1000; i++) {
      text.append("k").append(999 - i).append(",v\n"); // descending: batches
    }
    BulkLoader loader = new BulkLoader(failing, null, db.writeLock());
    // 10 bytes a row (key 4 + value 2, roughly): a batch of 100 bytes holds about 20 rows
    ShaleSqlException e =
        assertThrows(
            ShaleSqlException.class,
            () ->
                loader.load(
                    new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)),
                    LoadOptions.defaults().withUnits(100, 100)));
    int stored = rows(db).size();
    assertTrue(stored > 0 && stored < 1000, "stored " + stored);
    assertTrue(
        e.getMessage().contains(stored + " row(s) were committed before it"), e.getMessage());
    assertEquals("58030", e.sqlState());
    assertTrue(!db.writeLock().isLocked(), "the write lock is let go");
  }

  @Test
  void anInputThatFailsMidIngestLeavesOnlyTheCommittedChunks() {
    StringBuilder text = new StringBuilder("key,value\n");
    for (int i = 0; i < 5000; i++) {
      text.append(String.format("k%06d,%s%n", i, "v".repeat(20)));
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    java.io.InputStream failing =
        new java.io.InputStream() {
          int at;

          @Override
          public int read() throws java.io.IOException {
            if (at >= bytes.length / 2) {
              throw new java.io.IOException("device gone (test)");
            }
            return bytes[at++] & 0xFF;
          }
        };
    KvDatabase db = database();
    ShaleSqlException e =
        assertThrows(
            ShaleSqlException.class,
            () ->
                BulkLoader.of(db).load(failing, LoadOptions.defaults().withUnits(30_000, 30_000)));
    int stored = rows(db).size();
    assertEquals("58030", e.sqlState());
    assertTrue(
        e.getMessage().contains(stored + " row(s) were committed before it"), e.getMessage());
    assertTrue(stored > 0 && stored < 2500, "stored " + stored);
    // a row is 7 key bytes + 21 value bytes (tag and text): a chunk commits at 30,000 bytes
    int rowsPerChunk = (30_000 + 27) / 28;
    assertEquals(0, stored % rowsPerChunk, "whole chunks of " + rowsPerChunk + ": " + stored);
    // whole chunks only: the rows stored are a prefix of the file, ending at a chunk's end
    Map<String, String> rows = rows(db);
    assertEquals(String.format("k%06d", stored - 1), ((TreeMap<String, String>) rows).lastKey());
  }

  @Test
  void dumpReadsOneSnapshotAWriteAfterItsStartIsNotInIt() {
    KvDatabase db = database();
    put(db, "a", "1");
    KvStore s = db.store();
    // a write commits just after the dump takes its view, whichever view that is
    KvStore racing =
        new KvStore() {
          public ReadView latest() {
            ReadView v = s.latest();
            put(db, "late", "x");
            return v;
          }

          public ReadView snapshot() {
            ReadView v = s.snapshot();
            put(db, "late", "x");
            return v;
          }

          public KvBatch newBatch() {
            return s.newBatch();
          }

          public void write(KvBatch batch, boolean sync) {
            s.write(batch, sync);
          }

          public void writeIfUnchanged(KvBatch batch, ReadView since, boolean sync) {
            s.writeIfUnchanged(batch, since, sync);
          }

          public int maxKeyBytes() {
            return s.maxKeyBytes();
          }

          public int maxValueBytes() {
            return s.maxValueBytes();
          }
        };
    StringWriter out = new StringWriter();
    assertEquals(1, new BulkDumper(racing).dump(out, BulkFormat.CSV, false, null, null, null));
    assertEquals("\"a\",\"1\"\n", out.toString());
  }

  @Test
  void dumpTakesAKeyRangeFromInclusiveToExclusive() {
    KvDatabase db = database();
    for (String k : new String[] {"a", "b", "c", "d"}) {
      put(db, k, k.toUpperCase());
    }
    assertEquals(
        "\"key\",\"value\"\n\"b\",\"B\"\n\"c\",\"C\"\n", dump(db, BulkFormat.CSV, "b", "d"));
    assertEquals("\"key\"\t\"value\"\n\"d\"\t\"D\"\n", dump(db, BulkFormat.TSV, "d", null));
    assertEquals("\"key\",\"value\"\n\"a\",\"A\"\n", dump(db, BulkFormat.CSV, null, "b"));
    assertEquals("\"key\",\"value\"\n", dump(db, BulkFormat.CSV, "d", "b"));
  }
}
