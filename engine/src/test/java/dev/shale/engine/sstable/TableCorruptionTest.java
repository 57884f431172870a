package dev.shale.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shale.engine.DbException;
import dev.shale.engine.env.Env;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.sstable.TableFixtures.Tombstone;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flip every byte of a small table in turn; reading everything back must either fail with a
 * CORRUPTION error naming the file or give exactly the original data. The layout has no padding and
 * every byte is under a checksum, so every flip must be caught.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TableCorruptionTest {

  private static final TableOptions OPTIONS =
      TableOptions.defaults().withBlockBytes(128).withBlockRestartInterval(3);

  @TempDir Path dir;
  private Path file;
  private long size;
  private TreeMap<InternalKey, byte[]> model;
  private List<Tombstone> tombstones;
  private String original;

  @BeforeEach
  void writeTable() throws IOException {
    Random r = new Random(7);
    model = TableFixtures.randomEntries(r, 40);
    tombstones =
        List.of(
            new Tombstone(TableFixtures.key("a", 900, ValueType.RANGE_DELETION), new byte[] {'c'}),
            new Tombstone(TableFixtures.key("", 5, ValueType.RANGE_DELETION), new byte[] {0}));
    file = dir.resolve("000042.sst");
    size = TableFixtures.write(file, model, tombstones, OPTIONS);
    original = readEverything(OPTIONS);
    System.out.println("TableCorruptionTest: table of " + size + " bytes");
  }

  @Test
  void everyFlippedByteIsCaught() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    List<Integer> uncaught = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int flip : new int[] {0xff, 0x01}) {
        for (int i = 0; i < bytes.length; i++) {
          put(ch, i, (byte) (bytes[i] ^ flip));
          try {
            String read = readEverything(OPTIONS);
            assertEquals(original, read, "a flip at " + i + " changed the data read");
            uncaught.add(i);
          } catch (DbException e) {
            assertEquals(DbException.Kind.CORRUPTION, e.kind(), "flip at " + i + ": " + e);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
          } catch (RuntimeException | IOException | AssertionError e) {
            fail("flip " + Integer.toHexString(flip) + " at " + i + " of " + bytes.length, e);
          }
          put(ch, i, bytes[i]);
        }
      }
    }
    assertEquals(List.of(), uncaught, "flipped offsets read back without an error");
    assertEquals(original, readEverything(OPTIONS), "the file is restored");
  }

  /**
   * With data block checksums off, garbage in data blocks may read as other data, but parsing never
   * fails with anything but CORRUPTION.
   */
  @Test
  void garbageInUncheckedDataBlocksIsCorruptionOrData() throws IOException {
    long seed = TableFixtures.seed("garbageInUncheckedDataBlocksIsCorruptionOrData");
    Random r = new Random(seed);
    byte[] bytes = Files.readAllBytes(file);
    long dataEnd =
        ByteBuffer.wrap(bytes, (int) size - 52, 8)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .getLong();
    TableOptions unchecked = OPTIONS.withVerifyChecksums(false);
    int caught = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int attempt = 0; attempt < 600; attempt++) {
        int n = 1 + r.nextInt(3);
        int[] at = new int[n];
        for (int j = 0; j < n; j++) {
          at[j] = r.nextInt((int) dataEnd);
          put(ch, at[j], (byte) r.nextInt(256));
        }
        try {
          readEverything(unchecked);
        } catch (DbException e) {
          assertEquals(DbException.Kind.CORRUPTION, e.kind(), "seed " + seed + ": " + e);
          assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
          caught++;
        } catch (RuntimeException e) {
          fail("seed " + seed + ", attempt " + attempt, e);
        }
        for (int j = n - 1; j >= 0; j--) {
          put(ch, at[j], bytes[at[j]]);
        }
      }
    }
    assertTrue(caught > 0, "some garbage must be noticed");
  }

  @Test
  void wrongFileSizeIsCorruption() {
    for (long wrong : new long[] {size + 1, size - 1, 55, 0}) {
      DbException e =
          assertThrows(
              DbException.class, () -> Table.open(Env.disk(), file, 42, wrong, null, OPTIONS));
      assertEquals(DbException.Kind.CORRUPTION, e.kind());
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
  }

  /** Opens the table and reads all of it through every path, as one string. */
  private String readEverything(TableOptions options) throws IOException {
    StringBuilder out = new StringBuilder();
    try (Table table = Table.open(Env.disk(), file, 42, size, new BlockCache(1 << 20), options)) {
      InternalIterator it = table.newIterator();
      out.append(TableFixtures.forward(it)).append('\n');
      out.append(TableFixtures.backward(it)).append('\n');
      out.append(table.rangeTombstones()).append('\n');
      for (InternalKey k : model.keySet()) {
        out.append(table.mayContain(k.userKey()) ? 'y' : 'n');
        out.append(TableFixtures.line(table.seek(k)));
        it.seekForPrev(k);
        out.append(TableFixtures.line(it)).append(' ');
        out.append(table.approximateOffsetOf(k)).append('\n');
      }
    }
    return out.toString();
  }

  private static void put(FileChannel ch, long at, byte b) throws IOException {
    ch.write(ByteBuffer.wrap(new byte[] {b}), at);
  }
}
