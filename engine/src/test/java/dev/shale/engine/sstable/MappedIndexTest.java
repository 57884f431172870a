package dev.shale.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.env.Env;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.keys.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table whose index and filter are read in place in its mapping answers exactly as the same table
 * with them on the heap: the block each target lands in, point lookups, filter answers, scans and
 * offsets, on keys of 0-12 bytes drawn from 00/01/7f/80/fe/ff and letters (so the eight-byte word
 * compare meets every boundary), open and after close.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MappedIndexTest {

  private static final byte[] ALPHABET = {
    0x00, 0x01, 'a', 'b', 'c', 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff
  };

  @TempDir Path dir;

  @Test
  void readInPlaceAnswersAsOnTheHeap() throws IOException {
    long seed = TableFixtures.seed("readInPlaceAnswersAsOnTheHeap");
    Random r = new Random(seed);
    for (int round = 0; round < 6; round++) {
      TreeMap<InternalKey, byte[]> model = TableFixtures.randomEntries(r, 50 + r.nextInt(2000));
      TableOptions options =
          TableOptions.defaults().withBlockBytes(64 + r.nextInt(512)).withMmapReads(true);
      Path file = dir.resolve(String.format("%06d.sst", round + 1));
      long size = TableFixtures.write(file, model, List.of(), options);
      try (Table heap = Table.open(Env.disk(), file, 1, size, null, options);
          Table inPlace = Table.open(Env.disk(), file, 2, size, null, options, 0)) {
        assertFalse(heap.metadataMapped());
        assertTrue(inPlace.metadataMapped(), "seed " + seed);
        assertFalse(inPlace.holdsOpenFile(), "read in place, the file handle is closed");
        assertTrue(heap.pinnedBytes() > 0);
        assertEquals(0, inPlace.pinnedBytes());
        assertTrue(heap.blockCount() > 3, heap.blockCount() + " blocks, seed " + seed);
        assertEquals(heap.blockCount(), inPlace.blockCount());
        compare(heap, inPlace, model, r, seed);
        assertEquals(TableFixtures.lines(model), TableFixtures.forward(inPlace.newIterator()));
        assertEquals(
            TableFixtures.backward(heap.newIterator()),
            TableFixtures.backward(inPlace.newIterator()));
        inPlace.close();
        assertFalse(inPlace.holdsMapping(), "closed with no reader, the mapping is released");
        compare(heap, inPlace, model, r, seed); // from the heap copy read after close
        assertEquals(TableFixtures.lines(model), TableFixtures.forward(inPlace.newIterator()));
      }
    }
  }

  private static void compare(
      Table heap, Table inPlace, TreeMap<InternalKey, byte[]> model, Random r, long seed) {
    List<InternalKey> keys = new ArrayList<>(model.keySet());
    for (int i = 0; i < 3000; i++) {
      InternalKey target;
      if (i % 3 == 0) {
        target = keys.get(r.nextInt(keys.size()));
      } else {
        byte[] user = TableFixtures.randomUserKey(r, ALPHABET);
        long seq = r.nextInt(4) == 0 ? InternalKey.MAX_SEQUENCE : r.nextInt(1200);
        target = new InternalKey(user, seq, ValueType.VALUE);
      }
      byte[] t = new byte[target.encodedLength()];
      target.encodeTo(t, 0);
      String what = target + ", seed " + seed;
      assertEquals(heap.findBlock(t, 0, t.length), inPlace.findBlock(t, 0, t.length), what);
      assertEquals(line(heap.seek(target)), line(inPlace.seek(target)), what);
      assertEquals(heap.mayContain(target.userKey()), inPlace.mayContain(target.userKey()), what);
      assertEquals(heap.approximateOffsetOf(target), inPlace.approximateOffsetOf(target), what);
      Map.Entry<InternalKey, byte[]> expected = model.ceilingEntry(target);
      assertEquals(line(expected), line(inPlace.seek(target)), what);
    }
  }

  private static String line(Map.Entry<InternalKey, byte[]> e) {
    return e == null ? "none" : TableFixtures.line(e);
  }

  @Test
  void aTableWithOnlyRangeTombstonesReadsInPlace() throws IOException {
    Path file = dir.resolve("000009.sst");
    TableOptions options = TableOptions.defaults().withMmapReads(true);
    List<TableFixtures.Tombstone> tombstones =
        List.of(
            new TableFixtures.Tombstone(
                TableFixtures.key("a", 7, ValueType.RANGE_DELETION), TableFixtures.bytes("m")));
    long size = TableFixtures.write(file, new TreeMap<>(), tombstones, options);
    try (Table t = Table.open(Env.disk(), file, 9, size, null, options, 0)) {
      assertTrue(t.metadataMapped());
      assertEquals(0, t.blockCount());
      List<RangeTombstone> read = t.rangeTombstones();
      assertEquals(1, read.size());
      assertEquals("a", new String(read.get(0).startUserKey(), StandardCharsets.UTF_8));
      assertEquals("m", new String(read.get(0).endUserKeyExclusive(), StandardCharsets.UTF_8));
      assertEquals(7, read.get(0).sequence());
      assertTrue(t.pinnedBytes() > 0, "the range tombstones stay on the heap");
      InternalKey k = new InternalKey(TableFixtures.bytes("c"), 9, ValueType.VALUE);
      assertEquals(null, t.seek(k));
      assertEquals(List.of(), TableFixtures.forward(t.newIterator()));
    }
  }
}
