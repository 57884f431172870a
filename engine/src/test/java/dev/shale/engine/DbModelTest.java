package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shale.engine.env.Env;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random operations against the engine and against a {@link TreeMap}; every read must agree. Replay
 * a failure with {@code -Dshale.seed=<seed>} (printed, and part of every message).
 */
class DbModelTest {

  private static final int STEPS = 8000;
  private static final byte[] ALPHABET = {0x00, 0x01, 'a', 'b', 0x7f, (byte) 0x80, (byte) 0xff};
  private static final HexFormat HEX = HexFormat.of();

  @TempDir Path dir;

  private long seed;
  private Random random;
  private int step;
  private String op;
  private Storage storage;
  private Env memoryEnv; // for Storage.MEMORY_ENV: the files, kept across reopens
  private Db db;
  private Options options;
  private TreeMap<byte[], byte[]> model;
  private final List<Map.Entry<Snapshot, TreeMap<byte[], byte[]>>> snapshots = new ArrayList<>();

  /** Where the files live: DISK and MEMORY_ENV reopen them; IN_MEMORY is gone when closed. */
  private enum Storage {
    DISK,
    IN_MEMORY,
    MEMORY_ENV
  }

  @Test
  void onDisk() {
    run(Storage.DISK);
  }

  @Test
  void inMemory() {
    run(Storage.IN_MEMORY);
  }

  @Test
  void overAnInMemoryEnvReopened() {
    memoryEnv = Env.inMemory();
    run(Storage.MEMORY_ENV);
  }

  private void run(Storage storage) {
    this.storage = storage;
    seed = Long.getLong("shale.seed", new Random().nextLong());
    System.out.println("DbModelTest " + storage + " seed=" + seed + " (-Dshale.seed)");
    random = new Random(seed);
    model = new TreeMap<>(Arrays::compareUnsigned);
    open();
    try {
      for (step = 0; step < STEPS; step++) {
        int dice = random.nextInt(1000);
        if (dice < 250) {
          put();
        } else if (dice < 330) {
          delete();
        } else if (dice < 350) {
          deleteRange();
        } else if (dice < 450) {
          batch();
        } else if (dice < 600) {
          get();
        } else if (dice < 760) {
          op = "iterate";
          walk(model, null);
        } else if (dice < 800) {
          iterateWhileWriting();
        } else if (dice < 830) {
          op = "snapshot";
          snapshots.add(Map.entry(db.getSnapshot(), new TreeMap<>(model)));
        } else if (dice < 900) {
          readSnapshot();
        } else if (dice < 930) {
          releaseSnapshot();
        } else if (dice < 960) {
          invalidWrite();
        } else if (dice < 965) {
          op = "empty batch";
          db.write(new WriteBatch(), random.nextBoolean());
        } else if (dice < 972 && storage != Storage.IN_MEMORY) {
          reopen();
        } else if (dice < 975) {
          op = "flush";
          db.flush();
        } else {
          get();
        }
      }
      reopen();
    } catch (RuntimeException e) {
      throw new AssertionError(ctx("unexpected " + e), e);
    } finally {
      db.close();
    }
  }

  private void open() {
    options =
        Options.defaults()
            .withSync(random.nextInt(10) == 0)
            .withMaxKeyBytes(random.nextBoolean() ? Options.DEFAULT_MAX_KEY_BYTES : 3)
            .withMaxValueBytes(random.nextBoolean() ? Options.DEFAULT_MAX_VALUE_BYTES : 50_000);
    if (random.nextInt(5) > 0) {
      // Tiny everything, so that flushes, compactions, file cuts and cache evictions happen all
      // the time.
      int l0 = 1 + random.nextInt(4);
      int slowdown = l0 + random.nextInt(4);
      options =
          options
              .withWriteBufferBytes(1024 + random.nextInt(16 << 10))
              .withMaxImmutableMemtables(1 + random.nextInt(3))
              .withBlockBytes(64 + random.nextInt(1024))
              .withBlockRestartInterval(1 + random.nextInt(16))
              .withBloomBitsPerKey(random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(12))
              .withBlockCacheBytes(random.nextInt(64 << 10))
              .withMaxOpenFiles(2 + random.nextInt(20))
              .withTargetFileBytes(1024 + random.nextInt(32 << 10))
              .withL0Triggers(l0, slowdown, slowdown + random.nextInt(4))
              .withMaxBytesForLevelBase(2048 + random.nextInt(64 << 10))
              .withLevelSizeMultiplier(2 + random.nextInt(9));
    }
    db =
        switch (storage) {
          case DISK -> Db.open(dir, options);
          case IN_MEMORY -> Db.openInMemory(options);
          case MEMORY_ENV -> Db.open(dir, options.withEnv(memoryEnv));
        };
  }

  private void reopen() {
    op = "reopen";
    for (Map.Entry<Snapshot, ?> s : snapshots) {
      s.getKey().close();
    }
    snapshots.clear();
    if (storage == Storage.IN_MEMORY) {
      return;
    }
    db.close();
    open();
    walk(model, null);
    assertEquals(model.size(), count(db, ReadOptions.DEFAULT), ctx("live keys after reopen"));
  }

  private void put() {
    byte[] k = key();
    byte[] v = value();
    op = "put " + HEX.formatHex(k);
    if (random.nextInt(20) == 0) {
      db.write(new WriteBatch().put(k, v), random.nextBoolean());
    } else {
      db.put(k, v);
    }
    model.put(k, v);
  }

  private void delete() {
    byte[] k = random.nextInt(4) == 0 || model.isEmpty() ? key() : existingKey();
    op = "delete " + HEX.formatHex(k);
    db.delete(k);
    model.remove(k);
  }

  private void deleteRange() {
    byte[] a = random.nextInt(3) == 0 || model.isEmpty() ? key() : existingKey();
    byte[] b = random.nextInt(3) == 0 || model.isEmpty() ? key() : existingKey();
    if (Arrays.compareUnsigned(a, b) > 0) {
      byte[] t = a;
      a = b;
      b = t;
    }
    op = "deleteRange " + HEX.formatHex(a) + ".." + HEX.formatHex(b);
    if (random.nextBoolean()) {
      db.deleteRange(a, b);
    } else {
      // In a batch, between other writes: puts before it inside the range die, after it live.
      byte[] before = key();
      byte[] after = key();
      byte[] v1 = value();
      byte[] v2 = value();
      db.write(new WriteBatch().put(before, v1).deleteRange(a, b).put(after, v2));
      model.put(before, v1);
      model.subMap(a, true, b, false).clear();
      model.put(after, v2);
      return;
    }
    model.subMap(a, true, b, false).clear();
  }

  private void batch() {
    op = "batch";
    WriteBatch batch = new WriteBatch();
    TreeMap<byte[], byte[]> after = new TreeMap<>(model);
    int n = 1 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      byte[] k = random.nextInt(3) == 0 && !after.isEmpty() ? randomKeyOf(after) : key();
      if (random.nextInt(3) == 0) {
        batch.delete(k);
        after.remove(k);
      } else {
        byte[] v = value();
        batch.put(k, v);
        after.put(k, v);
      }
    }
    db.write(batch, random.nextInt(10) == 0);
    model = after;
  }

  private void get() {
    byte[] k = random.nextInt(3) == 0 || model.isEmpty() ? key() : existingKey();
    op = "get " + HEX.formatHex(k);
    assertBytes(model.get(k), db.get(k), "get");
  }

  private void iterateWhileWriting() {
    op = "iterate while writing";
    TreeMap<byte[], byte[]> before = new TreeMap<>(model);
    ReadOptions read = bounds(ReadOptions.DEFAULT);
    try (DbIterator it = db.newIterator(read)) {
      int writes = 1 + random.nextInt(5);
      for (int i = 0; i < writes; i++) {
        if (random.nextBoolean()) {
          put();
        } else {
          delete();
        }
      }
      op = "iterate while writing";
      walk(it, view(before, read));
    }
  }

  private void readSnapshot() {
    if (snapshots.isEmpty()) {
      get();
      return;
    }
    Map.Entry<Snapshot, TreeMap<byte[], byte[]>> s =
        snapshots.get(random.nextInt(snapshots.size()));
    op = "read snapshot@" + s.getKey().sequence();
    if (random.nextBoolean()) {
      byte[] k = random.nextBoolean() || s.getValue().isEmpty() ? key() : randomKeyOf(s.getValue());
      assertBytes(
          s.getValue().get(k), db.get(ReadOptions.DEFAULT.withSnapshot(s.getKey()), k), "get");
    } else {
      walk(s.getValue(), s.getKey());
    }
  }

  private void releaseSnapshot() {
    if (!snapshots.isEmpty()) {
      op = "release snapshot";
      snapshots.remove(random.nextInt(snapshots.size())).getKey().close();
    }
  }

  private void invalidWrite() {
    op = "invalid write";
    WriteBatch batch = new WriteBatch().put(key(), value());
    switch (random.nextInt(3)) {
      case 0 -> batch.put(new byte[0], value());
      case 1 -> batch.delete(new byte[options.maxKeyBytes() + 1]);
      default -> batch.put(key(), new byte[options.maxValueBytes() + 1]);
    }
    DbException e = assertThrows(DbException.class, () -> db.write(batch), ctx("invalid write"));
    assertEquals(DbException.Kind.INVALID_ARGUMENT, e.kind(), ctx(e.getMessage()));
  }

  /** Positions an iterator over {@code m} (seen through {@code snapshot}) and walks it. */
  private void walk(TreeMap<byte[], byte[]> m, Snapshot snapshot) {
    ReadOptions read = bounds(ReadOptions.DEFAULT.withSnapshot(snapshot));
    try (DbIterator it = db.newIterator(read)) {
      walk(it, view(m, read));
    }
  }

  private void walk(DbIterator it, NavigableMap<byte[], byte[]> expected) {
    String how;
    byte[] at;
    switch (random.nextInt(4)) {
      case 0 -> {
        how = "seekToFirst";
        it.seekToFirst();
        at = expected.isEmpty() ? null : expected.firstKey();
      }
      case 1 -> {
        how = "seekToLast";
        it.seekToLast();
        at = expected.isEmpty() ? null : expected.lastKey();
      }
      case 2 -> {
        byte[] target = key();
        how = "seek " + HEX.formatHex(target);
        it.seek(target);
        at = expected.ceilingKey(target);
      }
      default -> {
        byte[] target = key();
        how = "seekForPrev " + HEX.formatHex(target);
        it.seekForPrev(target);
        at = expected.floorKey(target);
      }
    }
    boolean forward = how.startsWith("seekTo") ? how.equals("seekToFirst") : random.nextBoolean();
    int moves = random.nextInt(4) == 0 ? 500 : random.nextInt(30);
    StringBuilder path = new StringBuilder(how);
    for (int i = 0; ; i++) {
      check(it, expected, at, path);
      if (at == null || i == moves) {
        return;
      }
      if (random.nextInt(5) == 0) {
        forward = !forward;
      }
      if (forward) {
        path.append(" next");
        it.next();
        at = expected.higherKey(at);
      } else {
        path.append(" prev");
        it.prev();
        at = expected.lowerKey(at);
      }
    }
  }

  private void check(
      DbIterator it, NavigableMap<byte[], byte[]> expected, byte[] at, CharSequence path) {
    int n = path.length();
    String where = n > 300 ? "..." + path.subSequence(n - 300, n) : path.toString();
    if (at == null) {
      if (it.isValid()) {
        fail(ctx(where + ": expected the end, found " + HEX.formatHex(it.key())));
      }
      return;
    }
    if (!it.isValid()) {
      fail(ctx(where + ": expected " + HEX.formatHex(at) + ", found the end"));
    }
    assertEquals(HEX.formatHex(at), HEX.formatHex(it.key()), ctx(where + ": key"));
    assertBytes(expected.get(at), it.value(), where + ": value");
    // Read through a reader (in a table's block, in a memtable iterator's buffer, in a saved
    // reverse
    // entry): the same bytes.
    assertBytes(
        expected.get(at),
        it.readValue((buf, off, len) -> Arrays.copyOfRange(buf, off, off + len)),
        where + ": value through a reader");
  }

  private ReadOptions bounds(ReadOptions read) {
    if (random.nextInt(3) == 0) {
      read = read.withLowerBound(key());
    }
    if (random.nextInt(3) == 0) {
      read = read.withUpperBound(key());
    }
    return read;
  }

  private static NavigableMap<byte[], byte[]> view(TreeMap<byte[], byte[]> m, ReadOptions read) {
    byte[] lo = read.lowerBound();
    byte[] hi = read.upperBound();
    if (lo != null && hi != null && Arrays.compareUnsigned(lo, hi) >= 0) {
      return new TreeMap<>(Arrays::compareUnsigned);
    }
    NavigableMap<byte[], byte[]> v = m;
    if (lo != null) {
      v = v.tailMap(lo, true);
    }
    if (hi != null) {
      v = v.headMap(hi, false);
    }
    return v;
  }

  private static long count(Db db, ReadOptions read) {
    long n = 0;
    try (DbIterator it = db.newIterator(read)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        n++;
      }
    }
    return n;
  }

  private byte[] key() {
    byte[] k = new byte[1 + random.nextInt(3)];
    for (int i = 0; i < k.length; i++) {
      k[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return k;
  }

  private byte[] existingKey() {
    return randomKeyOf(model);
  }

  private byte[] randomKeyOf(TreeMap<byte[], byte[]> m) {
    byte[] k = m.ceilingKey(key());
    return k != null ? k : m.firstKey();
  }

  private byte[] value() {
    int n = random.nextInt(100) == 0 ? 20_000 + random.nextInt(30_000) : random.nextInt(20);
    byte[] v = new byte[n];
    random.nextBytes(v);
    return v;
  }

  private void assertBytes(byte[] expected, byte[] actual, String what) {
    assertEquals(
        expected == null ? null : HEX.formatHex(expected),
        actual == null ? null : HEX.formatHex(actual),
        ctx(what));
  }

  private String ctx(String what) {
    return "seed=" + seed + " step=" + step + " op=" + op + ": " + what;
  }
}
