package dev.shale.engine.version;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compaction driven by reads, after LevelDB's seek compaction as its iterators feed it ({@code
 * DBIter}'s read sampling and {@code Version::RecordReadSample}). An iterator reports one key in
 * about every {@link #MEAN_PERIOD} entries it steps over. Where that key lies in two or more
 * tables, every read of it merges those tables; the first of them (the newest) is charged the
 * sample. A table charged its whole allowance is due for compaction into the level below, so that
 * reads of its keys stop merging it with what lies under it.
 *
 * <p>A table's allowance is one sample per 16 KiB of it, at least 100 (LevelDB's numbers): a 4 MiB
 * table takes 256 samples, about two million entries read through it, before it compacts. So a
 * scan-heavy workload over overlapping tables (level-0 files below the compaction trigger, say)
 * converges on fewer sources per read, and the compaction it costs is bounded by what it reads.
 * Point gets are not sampled: a bloom filter already spares them most of the tables they pass.
 *
 * <p>Thread safe: the allowances left are counted per table number, and forgotten when obsolete
 * files are deleted.
 */
public final class ReadSamples {

  /** The mean number of entries an iterator steps over between two samples. */
  public static final int MEAN_PERIOD = 8192;

  private static final long BYTES_PER_SAMPLE = 16 << 10;
  private static final int MIN_ALLOWANCE = 100;

  /** ln(1 - 1 / MEAN_PERIOD): the log of the chance that an entry is not sampled. */
  private static final double LOG_KEEP = Math.log1p(-1.0 / MEAN_PERIOD);

  private final ConcurrentHashMap<Long, AtomicInteger> left = new ConcurrentHashMap<>();

  /**
   * Entries to step over before the next sample: geometric with mean {@link #MEAN_PERIOD}, that is
   * each entry sampled with probability 1 / {@code MEAN_PERIOD} whatever came before. A short scan
   * (a hundred rows, on a fresh iterator each) is then sampled at the same rate as a long one,
   * where LevelDB's uniform draw per iterator samples it at half the rate.
   */
  public static int period() {
    double u = ThreadLocalRandom.current().nextDouble(); // in [0, 1)
    double n = Math.floor(Math.log1p(-u) / LOG_KEEP);
    return n >= Integer.MAX_VALUE - 1 ? Integer.MAX_VALUE : 1 + (int) n;
  }

  /** The samples a table of {@code bytes} may take before it is due for compaction. */
  static int allowance(long bytes) {
    return (int) Math.max(MIN_ALLOWANCE, Math.min(Integer.MAX_VALUE, bytes / BYTES_PER_SAMPLE));
  }

  /** Charges {@code file} one sample; whether it has now used its whole allowance. */
  boolean charge(FileMetaData file) {
    return left.computeIfAbsent(file.number(), n -> new AtomicInteger(allowance(file.size())))
            .decrementAndGet()
        <= 0;
  }

  /**
   * Forgets every table but {@code live}: their files are deleted. (A reader that charged a table
   * of a version just replaced may have brought back one forgotten before; this drops it too.)
   */
  public void retain(Set<Long> live) {
    left.keySet().retainAll(live);
  }

  /** How many tables have been charged and not forgotten (for tests). */
  int tracked() {
    return left.size();
  }
}
