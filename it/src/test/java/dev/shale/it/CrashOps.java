package dev.shale.it;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;

/**
 * The operations of {@link CrashTest}: one random stream per child, made from the child's seed,
 * that the child ({@link CrashWriter}) runs through JDBC and the parent replays on its model. Both
 * sides make the same stream, so the child only says how far it got and what each operation
 * returned.
 *
 * <p>Every value a stream writes is new: it starts with its tag ({@code child.op[.row]~}), so a
 * stored value names the write it came from. Lengths run from a few bytes to 40 KiB (log-uniform)
 * so that the engine's 8 MiB write buffer fills, memtables flush and levels compact.
 */
final class CrashOps {

  /**
   * Most keys are {@code k00000} .. {@code k01999}, dense enough for ranges to hold many; inserts
   * also make new keys between them ({@code k00042.3.17}), which the ranges take in.
   */
  static final int KEYS = 2000;

  private static final int MAX_VALUE_CHARS = 40_000;

  enum Kind {
    INSERT,
    UPSERT,
    UPDATE_KEY,
    UPDATE_RANGE,
    DELETE_KEY,
    DELETE_RANGE,
    INSERT_BATCH,
    UPSERT_BATCH
  }

  /**
   * One statement (or batch): {@code key} and {@code value} for the single-row kinds, {@code key}
   * to {@code hi} (inclusive, BETWEEN) for the ranges, {@code rows} ({@code {key, value}}) for the
   * batches. A value may be null.
   */
  record Op(int index, Kind kind, String key, String hi, String value, List<String[]> rows) {

    /** The characters of the values it writes. */
    long valueChars() {
      if (rows != null) {
        return rows.stream().mapToLong(row -> row[1] == null ? 0 : row[1].length()).sum();
      }
      return value == null ? 0 : value.length();
    }

    @Override
    public String toString() {
      return switch (kind) {
        case INSERT, UPSERT, UPDATE_KEY -> kind + " " + key + "=" + describe(value);
        case DELETE_KEY -> kind + " " + key;
        case UPDATE_RANGE -> kind + " " + key + ".." + hi + "=" + describe(value);
        case DELETE_RANGE -> kind + " " + key + ".." + hi;
        case INSERT_BATCH, UPSERT_BATCH -> kind + "(" + rows.size() + " rows)";
      };
    }
  }

  static String key(int k) {
    return String.format("k%05d", k);
  }

  /** A value's tag and length, for messages: values themselves are too long to print. */
  static String describe(String value) {
    if (value == null) {
      return "NULL";
    }
    int tag = value.indexOf('~');
    return (tag < 0 ? "untagged" : value.substring(0, tag)) + "[" + value.length() + "]";
  }

  /** The operations of one child, in the order it runs them; endless. */
  static final class Stream {

    private final Random random;
    private final int child;
    private int index;

    /** The stream of the {@code child}-th child (its number tags its values). */
    Stream(int child, long seed) {
      this.child = child;
      this.random = new Random(seed);
    }

    Op next() {
      int i = index++;
      String tag = child + "." + i;
      int roll = random.nextInt(100);
      if (roll < 16) {
        // A third of the inserts take a new key, the rest one that may exist (23505).
        String k = random.nextInt(3) == 0 ? newKey(random.nextInt(KEYS), tag) : randomKey();
        return new Op(i, Kind.INSERT, k, null, value(tag), null);
      } else if (roll < 36) {
        return new Op(i, Kind.UPSERT, randomKey(), null, value(tag), null);
      } else if (roll < 46) {
        return new Op(i, Kind.UPDATE_KEY, randomKey(), null, value(tag), null);
      } else if (roll < 52) {
        int lo = random.nextInt(KEYS);
        String hi = key(Math.min(KEYS - 1, lo + random.nextInt(40)));
        return new Op(i, Kind.UPDATE_RANGE, key(lo), hi, value(tag), null);
      } else if (roll < 62) {
        return new Op(i, Kind.DELETE_KEY, randomKey(), null, null, null);
      } else if (roll < 69) {
        // Half narrow (point deletes), half wide: more than 16 keys make a range tombstone.
        int lo = random.nextInt(KEYS);
        int width = random.nextBoolean() ? random.nextInt(20) : 20 + random.nextInt(150);
        return new Op(
            i, Kind.DELETE_RANGE, key(lo), key(Math.min(KEYS - 1, lo + width)), null, null);
      } else {
        boolean insert = roll < 82;
        int size = random.nextInt(20) == 0 ? 100 + random.nextInt(200) : 2 + random.nextInt(50);
        List<String[]> rows = new ArrayList<>(size);
        // Inserts take new keys, one in each gap of a run from a random start; one batch in four
        // then meets a key that may exist or came earlier, and stops there (23505).
        int start = random.nextInt(KEYS);
        int refused = insert && random.nextInt(4) == 0 ? 1 + random.nextInt(size - 1) : -1;
        for (int r = 0; r < size; r++) {
          String k;
          if (!insert) {
            k = randomKey();
          } else if (r == refused) {
            k = random.nextBoolean() ? rows.get(random.nextInt(r))[0] : randomKey();
          } else {
            k = newKey((start + r) % KEYS, tag);
          }
          rows.add(new String[] {k, value(tag + "." + r)});
        }
        return new Op(i, insert ? Kind.INSERT_BATCH : Kind.UPSERT_BATCH, null, null, null, rows);
      }
    }

    /** A key no other operation writes, after {@code key(k)}: {@code k00042.3.17}. */
    private static String newKey(int k, String tag) {
      return key(k) + "." + tag;
    }

    private String randomKey() {
      return key(random.nextInt(KEYS));
    }

    /** Null once in 50; else the tag, '~', and a filler to a log-uniform length. */
    private String value(String tag) {
      if (random.nextInt(50) == 0) {
        return null;
      }
      int length = (int) Math.exp(random.nextDouble() * Math.log(MAX_VALUE_CHARS));
      StringBuilder v = new StringBuilder(Math.max(length, tag.length() + 1) + 2);
      v.append(tag).append('~');
      // One value in ten carries characters of 2, 3 and 6 bytes in CESU-8 (é, €, U+1D11E).
      String filler =
          random.nextInt(10) == 0 ? "é€\uD834\uDD1E" : "abcdefghijklmnopqrstuvwxyz0123456789";
      while (v.length() < length) {
        v.append(filler);
      }
      return v.toString();
    }
  }

  /**
   * Applies {@code op} to {@code model} as Shale must, and returns what the child reports for it:
   * the update count, {@code b<n>} for a batch of n rows written, {@code !<SQLState>} for a refusal
   * (a batch refused after n rows: {@code b<n>!<SQLState>}).
   */
  static String apply(NavigableMap<String, String> model, Op op) {
    switch (op.kind()) {
      case INSERT:
        if (model.containsKey(op.key())) {
          return "!23505";
        }
        model.put(op.key(), op.value());
        return "1";
      case UPSERT:
        model.put(op.key(), op.value());
        return "1";
      case UPDATE_KEY:
        if (!model.containsKey(op.key())) {
          return "0";
        }
        model.put(op.key(), op.value());
        return "1";
      case UPDATE_RANGE:
        {
          NavigableMap<String, String> range = model.subMap(op.key(), true, op.hi(), true);
          range.replaceAll((k, v) -> op.value());
          return Integer.toString(range.size());
        }
      case DELETE_KEY:
        if (!model.containsKey(op.key())) {
          return "0";
        }
        model.remove(op.key());
        return "1";
      case DELETE_RANGE:
        {
          NavigableMap<String, String> range = model.subMap(op.key(), true, op.hi(), true);
          int n = range.size();
          range.clear();
          return Integer.toString(n);
        }
      case INSERT_BATCH:
        {
          // As if the rows ran one by one: a key that exists, or came earlier, stops the batch.
          int n = 0;
          for (String[] row : op.rows()) {
            if (model.containsKey(row[0])) {
              return "b" + n + "!23505";
            }
            model.put(row[0], row[1]);
            n++;
          }
          return "b" + n;
        }
      case UPSERT_BATCH:
        for (String[] row : op.rows()) {
          model.put(row[0], row[1]);
        }
        return "b" + op.rows().size();
      default:
        throw new AssertionError(op.kind());
    }
  }

  private CrashOps() {}
}
