package dev.shale.engine;

/**
 * A bulk load that bypasses the memtable and compaction: rows added in strictly ascending key order
 * are written straight into new tables, which {@link #commit} installs in one step, as the newest
 * state of their keys, at the deepest level where no other data overlaps them (RocksDB's {@code
 * IngestExternalFile}). Until then nothing of it is visible; {@link #close} without a commit
 * deletes its files. Memory use does not grow with the rows added. Not thread safe: one loader per
 * ingest.
 */
public interface Ingest extends AutoCloseable {

  /**
   * Adds one row. Keys must ascend strictly (unsigned byte order) and stay within the database's
   * key and value limits.
   *
   * @throws DbException INVALID_ARGUMENT naming the limit or the out-of-order key; the ingest stays
   *     usable and the row is not added
   */
  void add(byte[] key, byte[] value);

  /** The last key added, or null before the first; a loader compares its next key with it. */
  byte[] lastKey();

  /** Rows added so far. */
  long rows();

  /**
   * Installs every row added, atomically and durably (the tables and the manifest record naming
   * them are synced), and returns what was installed. An ingest with no rows installs nothing.
   * After a commit the ingest is spent; adding again throws.
   */
  IngestReport commit();

  /** Deletes the tables of an ingest that was not committed; a no-op after a commit. */
  @Override
  void close();
}
