package dev.shale.engine.sstable;

import dev.shale.engine.env.Env;
import dev.shale.engine.env.WritableFile;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/** Builders of test tables and their models, and the seed every random test prints. */
final class TableFixtures {

  private TableFixtures() {}

  /** A fresh seed, or the one in system property {@code shale.seed}; printed for replay. */
  static long seed(String test) {
    String fixed = System.getProperty("shale.seed");
    long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    System.out.println(test + ": seed " + seed + " (replay with -Dshale.seed=" + seed + ")");
    return seed;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static InternalKey key(String userKey, long sequence, ValueType type) {
    return new InternalKey(bytes(userKey), sequence, type);
  }

  record Tombstone(InternalKey start, byte[] end) {}

  /** Writes a table of {@code entries} and {@code tombstones}; returns its size. */
  static long write(
      Path file,
      SortedMap<InternalKey, byte[]> entries,
      List<Tombstone> tombstones,
      TableOptions options)
      throws IOException {
    return write(file, entries, tombstones, options, false);
  }

  /**
   * {@link #write}, with {@code inPlace} through {@link TableBuilder}'s add of bytes where they
   * lie: each key and value copied into the middle of a larger array, the bytes around it set.
   */
  static long write(
      Path file,
      SortedMap<InternalKey, byte[]> entries,
      List<Tombstone> tombstones,
      TableOptions options,
      boolean inPlace)
      throws IOException {
    try (WritableFile ch = Env.disk().newWritableFile(file)) {
      TableBuilder b = new TableBuilder(ch, options);
      for (Map.Entry<InternalKey, byte[]> e : entries.entrySet()) {
        if (inPlace) {
          byte[] u = e.getKey().userKey();
          byte[] v = e.getValue() == null ? new byte[0] : e.getValue();
          byte[] buf = new byte[u.length + v.length + 10];
          java.util.Arrays.fill(buf, (byte) 0x5a);
          System.arraycopy(u, 0, buf, 3, u.length);
          System.arraycopy(v, 0, buf, 7 + u.length, v.length);
          b.add(buf, 3, u.length, e.getKey().tag(), buf, 7 + u.length, v.length);
        } else {
          b.add(e.getKey(), e.getValue());
        }
      }
      for (Tombstone t : tombstones) {
        b.addRangeTombstone(t.start(), t.end());
      }
      long size = b.finish();
      ch.close();
      if (size != Files.size(file)) {
        throw new AssertionError("finish() returned " + size + ", file has " + Files.size(file));
      }
      return size;
    }
  }

  /**
   * Random entries: user keys of 0..12 bytes over a small alphabet with edge bytes (so blocks share
   * prefixes and separators meet 0x00 and 0xff), 1..3 versions each, deletions with empty values,
   * values up to 300 bytes (multi-byte varints).
   */
  static TreeMap<InternalKey, byte[]> randomEntries(Random r, int count) {
    byte[] alphabet = {0x00, 0x01, 'a', 'b', 'c', 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff};
    TreeMap<InternalKey, byte[]> model = new TreeMap<>();
    while (model.size() < count) {
      byte[] user = randomUserKey(r, alphabet);
      int versions = 1 + r.nextInt(3);
      for (int v = 0; v < versions; v++) {
        long seq = 1 + (r.nextInt(8) == 0 ? r.nextLong(InternalKey.MAX_SEQUENCE) : r.nextInt(1000));
        boolean delete = r.nextInt(5) == 0;
        byte[] value = new byte[delete ? 0 : r.nextInt(10) == 0 ? 300 : r.nextInt(40)];
        r.nextBytes(value);
        model.put(new InternalKey(user, seq, delete ? ValueType.DELETION : ValueType.VALUE), value);
      }
    }
    return model;
  }

  static byte[] randomUserKey(Random r, byte[] alphabet) {
    byte[] user = new byte[r.nextInt(13)];
    for (int i = 0; i < user.length; i++) {
      user[i] = alphabet[r.nextInt(alphabet.length)];
    }
    return user;
  }

  /** More entries than any test table holds: an iterator that gets here does not end. */
  static final int ENDLESS = 100_000;

  /** Every entry, first to last, as "key=value-hex" lines. */
  static List<String> forward(InternalIterator it) {
    List<String> out = new ArrayList<>();
    for (it.seekToFirst(); it.isValid(); it.next()) {
      out.add(it.key() + "=" + hex(it.value()));
      checkEnds(out);
    }
    return out;
  }

  /** Every entry, last to first. */
  static List<String> backward(InternalIterator it) {
    List<String> out = new ArrayList<>();
    for (it.seekToLast(); it.isValid(); it.prev()) {
      out.add(it.key() + "=" + hex(it.value()));
      checkEnds(out);
    }
    return out;
  }

  static void checkEnds(List<?> seen) {
    if (seen.size() > ENDLESS) {
      throw new AssertionError("iterator does not end; last entries " + seen.subList(0, 3));
    }
  }

  static List<String> lines(SortedMap<InternalKey, byte[]> model) {
    List<String> out = new ArrayList<>();
    model.forEach((k, v) -> out.add(k + "=" + hex(v)));
    return out;
  }

  static String line(Map.Entry<InternalKey, byte[]> e) {
    return e == null ? "none" : e.getKey() + "=" + hex(e.getValue());
  }

  static String line(InternalIterator it) {
    return it.isValid() ? it.key() + "=" + hex(it.value()) : "none";
  }
}
