package dev.shale.engine.sstable;

import static dev.shale.engine.sstable.TableFixtures.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.env.Env;
import dev.shale.engine.env.FileNames;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.sstable.TableFixtures.Tombstone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tables of random entries against a {@code TreeMap} model, under several block layouts. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TableRoundTripTest {

  @TempDir Path dir;

  @Test
  void randomTablesMatchTheModel() throws IOException {
    long seed = TableFixtures.seed("randomTablesMatchTheModel");
    Random r = new Random(seed);
    TableOptions[] layouts = {
      TableOptions.defaults(),
      TableOptions.defaults().withBlockBytes(1).withBlockRestartInterval(1),
      TableOptions.defaults().withBlockBytes(64).withBlockRestartInterval(2),
      TableOptions.defaults().withBlockBytes(200).withBlockRestartInterval(3),
      TableOptions.defaults()
          .withBlockBytes(512)
          .withBlockRestartInterval(16)
          .withBloomBitsPerKey(0),
    };
    int fileNumber = 0;
    for (TableOptions options : layouts) {
      String where = "seed " + seed + ", " + options;
      TreeMap<InternalKey, byte[]> model = TableFixtures.randomEntries(r, 1500);
      Path file = dir.resolve(FileNames.tableName(++fileNumber));
      long size = TableFixtures.write(file, model, List.of(), options);
      Path inPlace = dir.resolve("in-place-" + fileNumber);
      assertEquals(size, TableFixtures.write(inPlace, model, List.of(), options, true), where);
      assertTrue(
          Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(inPlace)),
          where + ": the entries added as bytes where they lie make the same table");
      BlockCache cache = new BlockCache(64 * 1024);
      try (Table table = Table.open(Env.disk(), file, fileNumber, size, cache, options)) {
        checkTable(table, model, size, r, where);
      }
    }
  }

  private static void checkTable(
      Table table, TreeMap<InternalKey, byte[]> model, long size, Random r, String where) {
    List<String> expected = TableFixtures.lines(model);
    assertEquals(expected, TableFixtures.forward(table.newIterator()), where);
    List<String> reversed = new ArrayList<>(expected);
    Collections.reverse(reversed);
    assertEquals(reversed, TableFixtures.backward(table.newIterator()), where);

    List<InternalKey> keys = new ArrayList<>(model.keySet());
    InternalIterator it = table.newIterator();
    for (int i = 0; i < 600; i++) {
      InternalKey target = randomTarget(r, keys);
      String w = where + ", target " + target;
      assertEquals(line(model.ceilingEntry(target)), line(table.seek(target)), w + " seek");
      it.seek(target);
      assertEquals(line(model.ceilingEntry(target)), line(it), w + " iterator seek");
      walk(it, model, r, w);
      it.seekForPrev(target);
      assertEquals(line(model.floorEntry(target)), line(it), w + " seekForPrev");
      walk(it, model, r, w);
    }

    for (InternalKey k : keys) {
      assertTrue(table.mayContain(k.userKey()), where + ": bloom false negative for " + k);
    }

    long previous = 0;
    for (InternalKey k : keys) {
      long offset = table.approximateOffsetOf(k);
      assertTrue(offset >= previous && offset < size, where + ": offset of " + k);
      previous = offset;
    }
    byte[] beyond = new byte[20];
    Arrays.fill(beyond, (byte) 0xff);
    long end = table.approximateOffsetOf(InternalKey.beforeAllVersions(beyond));
    assertTrue(end > previous && end < size, where + ": offset past the last key " + end);
  }

  /** A few random next/prev steps from where {@code it} is, checked against the model. */
  private static void walk(
      InternalIterator it, TreeMap<InternalKey, byte[]> model, Random r, String where) {
    for (int step = 0; step < 4 && it.isValid(); step++) {
      InternalKey at = it.key();
      Map.Entry<InternalKey, byte[]> expected;
      if (r.nextBoolean()) {
        it.next();
        expected = model.higherEntry(at);
      } else {
        it.prev();
        expected = model.lowerEntry(at);
      }
      assertEquals(line(expected), line(it), where + ", step from " + at);
    }
  }

  /** Existing keys, positioning keys around them, and random keys in and out of the range. */
  private static InternalKey randomTarget(Random r, List<InternalKey> keys) {
    InternalKey k = keys.get(r.nextInt(keys.size()));
    return switch (r.nextInt(7)) {
      case 0 -> k;
      case 1 -> InternalKey.beforeAllVersions(k.userKey());
      case 2 -> InternalKey.afterAllVersions(k.userKey());
      case 3 -> InternalKey.seekKey(k.userKey(), Math.max(0, k.sequence() - 1 + r.nextInt(3)));
      case 4 -> InternalKey.beforeAllVersions(new byte[0]);
      case 5 -> InternalKey.afterAllVersions(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
      default ->
          InternalKey.seekKey(
              TableFixtures.randomUserKey(r, new byte[] {0, 'a', 'b', 'd', (byte) 0xff}),
              r.nextInt(1200));
    };
  }

  @Test
  void rangeTombstonesRoundTripInStartKeyOrder() throws IOException {
    long seed = TableFixtures.seed("rangeTombstonesRoundTripInStartKeyOrder");
    Random r = new Random(seed);
    byte[] alphabet = {0, 'a', 'b', (byte) 0xff};
    List<Tombstone> added = new ArrayList<>();
    List<RangeTombstone> expected = new ArrayList<>();
    while (added.size() < 300) {
      byte[] start = TableFixtures.randomUserKey(r, alphabet);
      byte[] end = TableFixtures.randomUserKey(r, alphabet);
      if (Arrays.compareUnsigned(start, end) >= 0) {
        continue;
      }
      long seq = 1 + r.nextInt(10_000);
      added.add(new Tombstone(new InternalKey(start, seq, ValueType.RANGE_DELETION), end));
      expected.add(new RangeTombstone(start, end, seq));
    }
    expected.sort(
        Comparator.comparing(
                (RangeTombstone t) ->
                    new InternalKey(t.startUserKey(), t.sequence(), ValueType.RANGE_DELETION))
            .thenComparing(RangeTombstone::endUserKeyExclusive, Arrays::compareUnsigned));

    TreeMap<InternalKey, byte[]> points = TableFixtures.randomEntries(r, 50);
    Path withPoints = dir.resolve("000001.sst");
    long size1 = TableFixtures.write(withPoints, points, added, TableOptions.defaults());
    Path onlyTombstones = dir.resolve("000002.sst");
    long size2 =
        TableFixtures.write(
            onlyTombstones,
            new TreeMap<>(),
            added,
            TableOptions.defaults().withBlockRestartInterval(3));

    try (Table t1 = Table.open(Env.disk(), withPoints, 1, size1, null, TableOptions.defaults());
        Table t2 =
            Table.open(Env.disk(), onlyTombstones, 2, size2, null, TableOptions.defaults())) {
      assertEquals(expected, t1.rangeTombstones(), "seed " + seed);
      assertEquals(TableFixtures.lines(points), TableFixtures.forward(t1.newIterator()));
      assertEquals(expected, t2.rangeTombstones(), "seed " + seed);
      assertEquals(List.of(), TableFixtures.forward(t2.newIterator()));
      assertFalse(t2.mayContain(added.get(0).start().userKey()), "no point keys in the filter");
    }
  }
}
