package dev.shale.engine;

import java.nio.file.Path;

/**
 * An open key-value database: keys and values are byte arrays, keys ordered by unsigned
 * lexicographic byte order. Thread safe. All methods throw {@link DbException} on failure.
 *
 * <p>Writes go to the write-ahead log, then to the memtable; {@link Options#sync()} decides whether
 * the log is fsynced before a write returns. One process at a time may open a directory: {@link
 * #open} takes an exclusive lock on its {@code LOCK} file.
 */
public interface Db extends AutoCloseable {

  /**
   * Opens (creating if needed) the database in {@code dir}, replaying its log. Its files live in
   * {@link Options#env()}: the file system unless a test says otherwise.
   */
  static Db open(Path dir, Options options) {
    return dev.shale.engine.db.DbOpen.open(dir, options);
  }

  /**
   * Opens a database that lives in memory only and is gone when closed. It is the same database as
   * one on disk (log, memtables frozen and flushed to tables, compactions, manifest, memory
   * budget), over files kept as byte arrays; those files are heap too, beyond {@link
   * Options#memoryBudgetBytes()}.
   */
  static Db openInMemory(Options options) {
    return dev.shale.engine.db.DbOpen.openInMemory(options);
  }

  /**
   * Rebuilds the damaged database in {@code dir} (closed: this takes its lock) from every table
   * that reads whole and every intact log record, without trusting its manifest, and says what was
   * lost. The old files move into a {@code salvage-<time>} directory inside {@code dir}; nothing is
   * deleted. Open the database as usual afterwards.
   */
  static SalvageReport salvage(Path dir, Options options) {
    return dev.shale.engine.db.Salvage.run(dir, options);
  }

  /** The latest value of {@code key}, or null if absent. */
  default byte[] get(byte[] key) {
    return get(ReadOptions.DEFAULT, key);
  }

  /** The value of {@code key} as seen by {@code options}' snapshot, or null if absent. */
  byte[] get(ReadOptions options, byte[] key);

  /** Sets {@code key} to {@code value}. */
  default void put(byte[] key, byte[] value) {
    write(new WriteBatch().put(key, value));
  }

  /** Removes {@code key}; a no-op if absent. */
  default void delete(byte[] key) {
    write(new WriteBatch().delete(key));
  }

  /**
   * Removes every key in [{@code begin}, {@code end}) with one range tombstone: constant work
   * however many keys the range holds. Reads, iterators and compaction honour it.
   */
  default void deleteRange(byte[] begin, byte[] end) {
    write(new WriteBatch().deleteRange(begin, end));
  }

  /** Applies {@code batch} atomically, syncing as {@link Options#sync()} says. */
  default void write(WriteBatch batch) {
    write(batch, options().sync());
  }

  /** Applies {@code batch} atomically; with {@code sync} the log is fsynced before returning. */
  void write(WriteBatch batch, boolean sync);

  /**
   * Applies {@code batch} as {@link #write(WriteBatch, boolean)} does, unless a write that
   * committed after {@code since} touched a key the batch writes: a key it puts or deletes, or any
   * key in a range it deletes (a range deletion overlapping that range included). Then it throws a
   * {@link DbException} of kind {@link DbException.Kind#CONFLICT} naming the key, and writes
   * nothing. The check and the write happen at the batch's turn in the commit order, so no other
   * batch commits between them: first committer wins, the rule of snapshot isolation. {@code since}
   * must stay open until this returns.
   */
  void writeIfUnchanged(WriteBatch batch, Snapshot since, boolean sync);

  /** A snapshot of the current state; close it when done. */
  Snapshot getSnapshot();

  /** A new iterator, positioned nowhere until a seek. Close it when done. */
  DbIterator newIterator(ReadOptions options);

  /**
   * Reads every block of every table of the current state from the files (not the block cache),
   * checking each checksum, and returns how many tables and entries it read. Writes and reads go on
   * meanwhile.
   *
   * @throws DbException CORRUPTION naming the first table (and offset) that fails
   */
  VerifyReport verify();

  /**
   * A new bulk load straight into tables (see {@link Ingest}); close it when done. Other writes go
   * on meanwhile.
   */
  Ingest newIngest();

  /**
   * Compacts every table holding keys in [{@code begin}, {@code end}) (null: unbounded) down to the
   * deepest level, level by level, dropping overwritten and deleted data no snapshot can see, and
   * waits until done. Flushes the memtable first. Writes and reads go on meanwhile.
   */
  void compactRange(byte[] begin, byte[] end);

  /**
   * Makes an online backup in {@code target} (which must not exist, on the same file system for
   * hard links, else tables are copied): the state of one moment, every write committed before it
   * and none after, that opens as a database of its own. Immutable tables are hard-linked, the live
   * logs and manifest copied. Writes go on meanwhile, held only for the moment itself.
   */
  CheckpointReport checkpoint(java.nio.file.Path target);

  /** The tree's shape now: tables per level with their key ranges, scores, memtables. */
  DbShape shape();

  /** Live counters: reads, writes, filters, cache, flushes, compactions, stalls. */
  Stats stats();

  /**
   * Writes the memtable out to a table now and waits until every frozen memtable is flushed and the
   * compactions that follow are done. Not needed for durability (the log has every write); useful
   * before measuring or copying files.
   */
  void flush();

  /** The options this database was opened with. */
  Options options();

  /** Flushes and closes the log, releases the directory lock. Idempotent. */
  @Override
  void close();
}
