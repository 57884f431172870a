package dev.shale.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.env.Env;
import dev.shale.engine.env.FileNames;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index search (prefix words, then whole keys; and in place in the mapping) against a linear
 * scan of the separators.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IndexBlockTest {

  @TempDir Path dir;

  @Test
  void findAgreesWithALinearScan() throws IOException {
    long seed = TableFixtures.seed("findAgreesWithALinearScan");
    Random r = new Random(seed);
    String[] shapes = {"random", "longCommonPrefix", "tiedWords", "fewKeys"};
    int fileNumber = 0;
    for (String shape : shapes) {
      TreeMap<InternalKey, byte[]> entries = new TreeMap<>();
      List<byte[]> users = new ArrayList<>();
      int n = shape.equals("fewKeys") ? 1 + r.nextInt(3) : 2000;
      while (entries.size() < n) {
        byte[] user = userKey(shape, r);
        users.add(user);
        entries.put(new InternalKey(user, 1 + r.nextInt(50), ValueType.VALUE), new byte[0]);
      }
      Path file = dir.resolve(FileNames.tableName(++fileNumber));
      TableOptions options = TableOptions.defaults().withBlockBytes(1 + r.nextInt(100));
      long size = TableFixtures.write(file, entries, List.of(), options);
      try (Table table = Table.open(Env.disk(), file, fileNumber, size, null, options);
          Table inPlace =
              Table.open(
                  Env.disk(), file, fileNumber, size, null, options.withMmapReads(true), 0)) {
        IndexBlock index = (IndexBlock) table.index();
        TableIndex mapped = inPlace.index();
        assertTrue(mapped instanceof MappedIndex, "read in place");
        assertTrue(index.count() >= 1, shape);
        for (int i = 0; i < 3000; i++) {
          byte[] user =
              r.nextBoolean() ? users.get(r.nextInt(users.size())).clone() : userKey(shape, r);
          if (r.nextInt(4) == 0 && user.length > 0) {
            user = java.util.Arrays.copyOf(user, r.nextInt(user.length));
          }
          InternalKey target =
              switch (r.nextInt(3)) {
                case 0 -> InternalKey.seekKey(user, r.nextInt(60));
                case 1 -> InternalKey.beforeAllVersions(user);
                default -> InternalKey.afterAllVersions(user);
              };
          byte[] t = target.encode();
          int expected = 0;
          while (expected < index.count()) {
            byte[] sep = index.separator(expected);
            if (InternalKey.compareEncoded(sep, 0, sep.length, t, 0, t.length) >= 0) {
              break;
            }
            expected++;
          }
          assertEquals(
              expected,
              index.find(t, 0, t.length),
              "seed " + seed + ", " + shape + ", target " + target);
          assertEquals(
              expected,
              mapped.find(t, 0, t.length),
              "in place: seed " + seed + ", " + shape + ", target " + target);
        }
      }
    }
  }

  private static byte[] userKey(String shape, Random r) {
    return switch (shape) {
      case "random" -> TableFixtures.randomUserKey(r, new byte[] {0, 1, 'a', (byte) 0xff});
      case "longCommonPrefix" ->
          TableFixtures.bytes("tenant-0001/some/long/path/" + r.nextInt(100_000));
      case "tiedWords" ->
          // Two groups whose keys agree far beyond the first 8 bytes after the common prefix.
          TableFixtures.bytes(
              (r.nextBoolean() ? "a/" : "b/")
                  + "same-for-sixteen-bytes/"
                  + (char) ('a' + r.nextInt(3))
                  + r.nextInt(1000));
      default -> TableFixtures.bytes("k" + r.nextInt(10));
    };
  }
}
