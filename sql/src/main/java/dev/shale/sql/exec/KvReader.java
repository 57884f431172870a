package dev.shale.sql.exec;

import dev.shale.sql.store.KvCursor;
import dev.shale.sql.store.KvStore;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.Enumerator;

/** Every read of kv: rows of key ranges, and counts of keys, from one {@link KvStore}. */
public final class KvReader {

  private final KvStore store;

  public KvReader(KvStore store) {
    this.store = store;
  }

  /**
   * The rows {@code {key, value}} (decoded) of the read that {@code read} gives when the first row
   * is wanted; each enumeration resolves it again and reads at its own point in time.
   */
  public Enumerator<Object[]> rows(Supplier<KeyRead> read) {
    return rows(read, StatementCancel.NONE);
  }

  /** {@link #rows(Supplier)}, stopping with 57014 when {@code cancel} says so. */
  public Enumerator<Object[]> rows(Supplier<KeyRead> read, StatementCancel cancel) {
    return new RangeCursor(store, read, cancel);
  }

  /**
   * The number of keys in {@code ranges}: keys are counted as they are read, never decoded. Reads
   * of more than one range see one snapshot.
   */
  public long count(List<ByteRange> ranges) {
    return count(ranges, StatementCancel.NONE);
  }

  /** {@link #count(List)}, stopping with 57014 when {@code cancel} says so. */
  public long count(List<ByteRange> ranges, StatementCancel cancel) {
    long count = 0;
    try (KvStore.ReadView view = ranges.size() > 1 ? store.snapshot() : store.latest()) {
      for (ByteRange r : ranges) {
        if (r.point()) {
          count += view.get(r.lo()) != null ? 1 : 0;
          continue;
        }
        try (KvCursor cursor = view.cursor(r.lowerBound(), r.hi())) {
          for (cursor.seek(r.lo()); cursor.isValid(); cursor.next()) {
            if ((++count & 1023) == 0) {
              cancel.check();
            }
          }
        }
      }
    }
    return count;
  }
}
