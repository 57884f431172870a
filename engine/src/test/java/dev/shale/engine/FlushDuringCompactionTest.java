package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Stats.Counter;
import dev.shale.engine.env.Env;
import dev.shale.engine.env.ReadableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A compaction lets the flush of a waiting memtable go first, between two user keys, instead of
 * keeping the background thread until it ends (writers would fill every memtable and stop); and
 * what both wrote reads back, before and after a reopen.
 */
class FlushDuringCompactionTest {

  private static final Path DIR = Path.of("/db");
  private static final int VALUE_BYTES = 200;
  // About 14.5 KiB of a 16 KiB write buffer: an entry takes its 209 bytes and a node of about 50.
  private static final int KEYS_PER_MEMTABLE = 56;

  /** Table reads take {@code millis} each while {@link #slow} is set; no mapping, so all count. */
  private static final class SlowReadsEnv extends ForwardingEnv {
    volatile boolean slow;
    final AtomicInteger slowReads = new AtomicInteger();

    SlowReadsEnv(Env base) {
      super(base);
    }

    @Override
    public ReadableFile newReadableFile(Path file) throws IOException {
      ReadableFile f = base.newReadableFile(file);
      return new ForwardingReadableFile(f) {
        @Override
        public void readFully(long position, byte[] dst, int off, int len) throws IOException {
          if (slow) {
            slowReads.incrementAndGet();
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IOException("interrupted in a slow read", e);
            }
          }
          base.readFully(position, dst, off, len);
        }

        @Override
        public ByteBuffer mapReadOnly(long size) {
          throw new UnsupportedOperationException("no mapping: every block read is a readFully");
        }
      };
    }
  }

  private static byte[] key(int i) {
    return String.format("key%06d", i).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] value(int i) {
    byte[] v = new byte[VALUE_BYTES];
    java.util.Arrays.fill(v, (byte) ('a' + i % 26));
    v[0] = (byte) i;
    return v;
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
      Thread.sleep(1);
    }
  }

  /** The fourth flush, asked for on its own thread, and what failed in it, if anything. */
  private record Flusher(Thread thread, AtomicReference<Throwable> failure) {
    void join() throws InterruptedException {
      thread.join();
      assertNull(failure.get());
    }
  }

  /**
   * Three level-0 tables, then the slow reads, then the fourth: it starts an L0 compaction of about
   * 90 blocks, each read taking 10 ms (about a second in all). Table t holds keys t, t + 4, t + 8
   * ..., so all four overlap and the compaction merges them all. The fourth flush is asked for on
   * another thread: flush() returns only once background work is idle. Keys 0 .. {@code written} -
   * 1 are written.
   */
  private static Flusher fourTablesAndTheirSlowCompaction(Db db, SlowReadsEnv env, int written) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread flusher = null;
    for (int table = 0; table < 4; table++) {
      for (int i = table; i < written; i += 4) {
        db.put(key(i), value(i));
      }
      if (table < 3) {
        db.flush();
      } else {
        env.slow = true;
        flusher =
            new Thread(
                () -> {
                  try {
                    db.flush();
                  } catch (Throwable t) {
                    failure.set(t);
                  }
                });
        flusher.start();
      }
    }
    return new Flusher(flusher, failure);
  }

  private static Options options(SlowReadsEnv env, int l0Slowdown) {
    return Options.defaults()
        .withEnv(env)
        .withSync(false)
        .withWriteBufferBytes(16 << 10)
        .withMaxImmutableMemtables(2)
        .withBlockBytes(512)
        .withL0Triggers(4, l0Slowdown, 30);
  }

  @Test
  void aWaitingMemtableIsFlushedWhileACompactionRuns() throws Exception {
    SlowReadsEnv env = new SlowReadsEnv(Env.inMemory());
    Options options = options(env, 20);
    int written = 4 * KEYS_PER_MEMTABLE;
    try (Db db = Db.open(DIR, options)) {
      Stats stats = db.stats();
      Flusher flusher = fourTablesAndTheirSlowCompaction(db, env, written);
      await("the fourth flush: " + stats, () -> stats.get(Counter.FLUSHES) >= 4);
      long flushesBefore = stats.get(Counter.FLUSHES);

      // Three memtables' worth while it runs: the third would have to wait for room.
      for (int i = 0; i < 3 * KEYS_PER_MEMTABLE; i++, written++) {
        db.put(key(written), value(written));
      }
      await("two flushes", () -> stats.get(Counter.FLUSHES) >= flushesBefore + 2);
      assertEquals(
          0,
          stats.get(Counter.COMPACTIONS),
          "the memtables were flushed before the compaction ended: " + stats);

      await("the compaction", () -> stats.get(Counter.COMPACTIONS) >= 1);
      flusher.join();
      env.slow = false;
      for (int i = 0; i < written; i++) {
        assertArrayEquals(value(i), db.get(key(i)), "key " + i);
      }
    }
    try (Db db = Db.open(DIR, options)) {
      for (int i = 0; i < written; i++) {
        assertArrayEquals(value(i), db.get(key(i)), "key " + i + " after reopening");
      }
      VerifyReport report = db.verify(); // throws on any damage
      assertTrue(report.tables() > 0, report.toString());
    }
  }

  @Test
  void writesSlowDownOnceLevel0HoldsTheSlowdownCount() throws Exception {
    SlowReadsEnv env = new SlowReadsEnv(Env.inMemory());
    int written = 4 * KEYS_PER_MEMTABLE;
    try (Db db = Db.open(DIR, options(env, 5))) {
      Stats stats = db.stats();
      Flusher flusher = fourTablesAndTheirSlowCompaction(db, env, written);
      await("the fourth flush: " + stats, () -> stats.get(Counter.FLUSHES) >= 4);
      assertEquals(0, stats.get(Counter.SLOWED_WRITES), "four level-0 files, under 5: " + stats);

      // A fifth level-0 table while the compaction of the four runs, then a write: it is slowed.
      // The fifth holds keys the four hold, so it stays in level 0 behind them: a table of new
      // keys past theirs could move down to level 1 on its own (a trivial move), and level 0
      // would hold four again before the write.
      for (int i = 0; i < 2 * KEYS_PER_MEMTABLE; i++) {
        db.put(key(i), value(i));
      }
      await("the fifth flush: " + stats, () -> stats.get(Counter.FLUSHES) >= 5);
      db.put(key(0), value(0));
      assertEquals(0, stats.get(Counter.COMPACTIONS), "the compaction still runs: " + stats);
      assertTrue(stats.get(Counter.SLOWED_WRITES) >= 1, "five level-0 files: " + stats);

      await("the compaction", () -> stats.get(Counter.COMPACTIONS) >= 1);
      flusher.join();
      env.slow = false;
      for (int i = 0; i < written; i++) {
        assertArrayEquals(value(i), db.get(key(i)), "key " + i);
      }
    }
  }
}
