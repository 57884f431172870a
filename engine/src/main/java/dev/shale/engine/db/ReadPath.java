package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.DbIterator;
import dev.shale.engine.ReadOptions;
import dev.shale.engine.Stats;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.MergingIterator;
import dev.shale.engine.keys.RangeTombstone;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.sstable.TableCache;
import dev.shale.engine.version.Version;
import dev.shale.engine.version.VersionSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The reads of a {@link DbImpl}: point lookups ({@code Db.get}), iterators ({@code Db.newIterator})
 * and the merged sources a conditional write is checked against, over the memtables and the tables
 * of the current {@link Version}.
 *
 * <p>Readers take the memtables first and the version second: a frozen memtable leaves the list
 * only after the version holding its table is current, so no read falls between the two. No lock is
 * taken: the memtables and the last sequence are volatile in {@link DbImpl}, a version is pinned by
 * its reference count, and what a read may see is bounded by the sequence it reads at.
 */
final class ReadPath {

  private final DbImpl db;
  private final String name;
  private final VersionSet versions;
  private final TableCache tables;
  private final ReadCounter reads;
  private final SnapshotList snapshots;
  private final Stats stats;

  ReadPath(
      DbImpl db,
      String name,
      VersionSet versions,
      TableCache tables,
      ReadCounter reads,
      SnapshotList snapshots,
      Stats stats) {
    this.db = db;
    this.name = name;
    this.versions = versions;
    this.tables = tables;
    this.reads = reads;
    this.snapshots = snapshots;
    this.stats = stats;
  }

  /** {@code Db.get}. */
  byte[] get(ReadOptions options, byte[] key) {
    Objects.requireNonNull(key, "key");
    db.checkOpen();
    reads.started(key);
    long sequence = readSequence(options);
    byte[][] found = new byte[1][];
    int source = db.memtables().lookup(key, sequence, found);
    if (source != Memtables.UNDECIDED) {
      return reads.answer(
          found[0] != null ? ValueType.VALUE : ValueType.DELETION, found[0], source);
    }
    Version v = versions.current();
    try {
      Version.Found inTables = v.get(key, sequence, tables, reads);
      return inTables == null
          ? null
          : reads.answer(inTables.type(), inTables.value(), ReadCounter.TABLES + inTables.level());
    } catch (IOException ex) {
      throw new DbException(DbException.Kind.IO, "reading " + name + ": " + ex, ex);
    } finally {
      v.unref();
    }
  }

  /** {@code Db.newIterator}. */
  DbIterator newIterator(ReadOptions options) {
    Objects.requireNonNull(options, "options");
    db.checkOpen();
    SnapshotList.LiveSnapshot pin = snapshots.acquire(readSequence(options));
    List<RangeTombstone> tombstones = new ArrayList<>();
    InternalIterator merged;
    try {
      merged = openSources(tombstones);
    } catch (RuntimeException e) {
      pin.close();
      throw e;
    }
    return new SnapshotIterator(
        db,
        merged,
        pin,
        options.lowerBound(),
        options.upperBound(),
        RangeTombstoneSet.of(tombstones, pin.sequence()));
  }

  /**
   * Every version of every key in the memtables and the current version's tables, merged; closing
   * it releases the version. Their range deletions go to {@code tombstones}.
   */
  InternalIterator openSources(List<RangeTombstone> tombstones) {
    List<InternalIterator> children = new ArrayList<>();
    db.memtables().addIterators(children, tombstones);
    Version v = versions.current();
    try {
      v.addIterators(children, tables);
      v.addRangeTombstones(tombstones, tables);
    } catch (IOException | RuntimeException e) {
      v.unref();
      throw e instanceof DbException d
          ? d
          : new DbException(DbException.Kind.IO, "opening tables of " + name + ": " + e, e);
    }
    return new MergingIterator(children, new Release(v));
  }

  /**
   * Releases the version when the iterator closes (a class, not {@code v::unref}: a lambda's class
   * is spun the first time it is evaluated in a JVM, which the first read would pay).
   */
  private static final class Release implements Runnable {
    private final Version version;

    Release(Version version) {
      this.version = version;
    }

    @Override
    public void run() {
      version.unref();
    }
  }

  private long readSequence(ReadOptions options) {
    return snapshots.readSequence(options.snapshot(), db.lastSequence());
  }
}
