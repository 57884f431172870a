package dev.shale.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The db_bench workloads, in the order every engine runs them. Keys are {@link KeyFormat} keys of
 * indexes 0..num-1, values {@link ValueSource} values; every write is one operation on its own. A
 * workload's random choices come from its own generator seeded from the run's seed, so every engine
 * sees the same keys in the same order. Each workload also checks what it read, because a fast
 * wrong answer is not a result.
 */
enum EngineWorkload {
  FILLSEQ("put keys 0..num-1 in key order into a fresh database", true) {
    @Override
    long run(
        KvEngine db,
        EngineBenchConfig config,
        ValueSource values,
        SplittableRandom random,
        int[] order)
        throws Exception {
      for (int i = 0; i < config.num(); i++) {
        db.put(KeyFormat.key(i), values.bytes(i));
      }
      return config.num();
    }
  },
  FILLRANDOM("put every key 0..num-1 once, in a random order, into a fresh database", true) {
    @Override
    long run(
        KvEngine db,
        EngineBenchConfig config,
        ValueSource values,
        SplittableRandom random,
        int[] order)
        throws Exception {
      Writers.run(
          config.threads(),
          order.length,
          (thread, i) -> db.put(KeyFormat.key(order[i]), values.bytes(order[i])));
      return order.length;
    }
  },
  OVERWRITE("put num keys drawn uniformly from 0..num-1 (all exist), new values", false) {
    @Override
    long run(
        KvEngine db,
        EngineBenchConfig config,
        ValueSource values,
        SplittableRandom random,
        int[] order)
        throws Exception {
      SplittableRandom[] randoms = new SplittableRandom[config.threads()];
      randoms[0] = random;
      for (int t = 1; t < randoms.length; t++) {
        randoms[t] = random.split();
      }
      Writers.run(
          config.threads(),
          config.num(),
          (thread, i) -> {
            int index = randoms[thread].nextInt(config.num());
            db.put(KeyFormat.key(index), values.bytes(index + 1L));
          });
      return config.num();
    }
  },
  READRANDOM("get keys drawn uniformly from 0..num-1 (all exist)", false) {
    @Override
    long run(
        KvEngine db,
        EngineBenchConfig config,
        ValueSource values,
        SplittableRandom random,
        int[] order)
        throws Exception {
      long found = 0;
      for (int i = 0; i < config.reads(); i++) {
        if (db.get(KeyFormat.key(random.nextInt(config.num()))) != null) {
          found++;
        }
      }
      if (found != config.reads()) {
        throw new IllegalStateException(
            "readrandom found " + found + " of " + config.reads() + " keys that exist");
      }
      return config.reads();
    }
  },
  READMISSING("get absent keys that sort between existing ones", false) {
    @Override
    long run(
        KvEngine db,
        EngineBenchConfig config,
        ValueSource values,
        SplittableRandom random,
        int[] order)
        throws Exception {
      for (int i = 0; i < config.reads(); i++) {
        byte[] key = KeyFormat.missingKey(random.nextInt(config.num()));
        if (db.get(key) != null) {
          throw new IllegalStateException("readmissing found a key never written");
        }
      }
      return config.reads();
    }
  },
  SEEKRANDOM(
      "seek to a key drawn uniformly from 0..num-1, then 100 nexts (reads 101 entries)", false) {
    @Override
    long run(
        KvEngine db,
        EngineBenchConfig config,
        ValueSource values,
        SplittableRandom random,
        int[] order)
        throws Exception {
      for (int i = 0; i < config.seeks(); i++) {
        int index = random.nextInt(config.num());
        int read = db.scan(KeyFormat.key(index), SEEK_NEXTS + 1);
        int expected = Math.min(SEEK_NEXTS + 1, config.num() - index);
        if (read != expected) {
          throw new IllegalStateException(
              "seekrandom read " + read + " entries from key " + index + ", expected " + expected);
        }
      }
      return config.seeks();
    }
  },
  READSEQ("iterate over the whole database in key order (one op = one entry)", false) {
    @Override
    long run(
        KvEngine db,
        EngineBenchConfig config,
        ValueSource values,
        SplittableRandom random,
        int[] order)
        throws Exception {
      long read = db.scanAll();
      if (read != config.num()) {
        throw new IllegalStateException(
            "readseq read " + read + " entries, expected " + config.num());
      }
      return read;
    }
  },
  DELETERANDOM("delete every key 0..num-1 once, in a random order", false) {
    @Override
    long run(
        KvEngine db,
        EngineBenchConfig config,
        ValueSource values,
        SplittableRandom random,
        int[] order)
        throws Exception {
      Writers.run(
          config.threads(), order.length, (thread, i) -> db.delete(KeyFormat.key(order[i])));
      return order.length;
    }

    @Override
    void verifyAfter(KvEngine db) throws Exception {
      long left = db.scanAll();
      if (left != 0) {
        throw new IllegalStateException("deleterandom left " + left + " keys");
      }
    }
  };

  /** How many times seekrandom calls next after each seek, as db_bench's --seek_nexts=100. */
  static final int SEEK_NEXTS = 100;

  private final String description;
  private final boolean freshDatabase;

  EngineWorkload(String description, boolean freshDatabase) {
    this.description = description;
    this.freshDatabase = freshDatabase;
  }

  String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  String description() {
    return description;
  }

  /** Starts from an empty database (and leaves all num keys in it). */
  boolean freshDatabase() {
    return freshDatabase;
  }

  /** Whether it visits the keys in a random permutation, built before the clock starts. */
  boolean usesPermutation() {
    return this == FILLRANDOM || this == DELETERANDOM;
  }

  /** A generator for this workload's choices, the same for every engine. */
  SplittableRandom random(long seed) {
    return new SplittableRandom(seed * 1_000_003L + ordinal());
  }

  /**
   * Runs the timed part and returns the number of operations. {@code order} is a permutation of
   * 0..num-1 when {@link #usesPermutation()}, else null.
   */
  abstract long run(
      KvEngine db,
      EngineBenchConfig config,
      ValueSource values,
      SplittableRandom random,
      int[] order)
      throws Exception;

  /** An untimed check after the timed part. */
  void verifyAfter(KvEngine db) throws Exception {}

  /** A permutation of 0..num-1 (Fisher-Yates). */
  static int[] permutation(int num, SplittableRandom random) {
    int[] order = new int[num];
    for (int i = 0; i < num; i++) {
      order[i] = i;
    }
    for (int i = num - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  static EngineWorkload fromOption(String name) {
    for (EngineWorkload workload : values()) {
      if (workload.optionName().equals(name)) {
        return workload;
      }
    }
    throw new IllegalArgumentException(
        "Unknown workload '"
            + name
            + "'; known: fillseq,fillrandom,overwrite,readrandom,readmissing,seekrandom,readseq,"
            + "deleterandom");
  }
}
