package dev.shale.sql.bulk;

import dev.shale.engine.Stats;
import dev.shale.sql.exec.KvEncoding;
import dev.shale.sql.store.KvDatabase;

/**
 * A forced compaction of the keys in [{@code from}, {@code to}) (null: unbounded), waited for, and
 * the bytes of tables before and after it.
 */
public record Compaction(long tableBytesBefore, long tableBytesAfter, long nanos) {

  public static Compaction run(KvDatabase database, String from, String to) {
    long before = database.maintenance().stats().get(Stats.Counter.TABLE_BYTES);
    long start = System.nanoTime();
    database
        .maintenance()
        .compactRange(
            from == null ? null : KvEncoding.encodeKey(from),
            to == null ? null : KvEncoding.encodeKey(to));
    long after = database.maintenance().stats().get(Stats.Counter.TABLE_BYTES);
    return new Compaction(before, after, System.nanoTime() - start);
  }

  public double seconds() {
    return nanos / 1e9;
  }
}
