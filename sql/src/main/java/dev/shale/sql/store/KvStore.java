package dev.shale.sql.store;

/**
 * What execution needs of storage, and all it may use: reads (a point get and a cursor over a key
 * range) at the newest state or at one fixed point in time, and atomic write batches. Keys and
 * values are bytes, keys in unsigned lexicographic order. The embedded engine implements it ({@link
 * EngineStore}); an ordered key-value store that is distributed could stand in for it.
 *
 * <p>Methods throw the store's own unchecked exceptions; the error translator names them.
 */
public interface KvStore {

  /**
   * Reads of the newest state: each get sees what was committed before it, each cursor one point in
   * time, its own. Never closed.
   */
  ReadView latest();

  /** Reads that all see one point in time, now, until closed. */
  ReadView snapshot();

  /** An empty batch of writes for {@link #write}. */
  KvBatch newBatch();

  /**
   * Applies {@code batch} atomically: every write of it or none. With {@code sync}, it is durable
   * (on stable storage) when this returns; otherwise it survives a crash of the process only.
   */
  void write(KvBatch batch, boolean sync);

  /**
   * Applies {@code batch} as {@link #write} does, unless a write committed after {@code since} (a
   * view from {@link #snapshot()}, still open) touched a key the batch writes or a key in a range
   * it deletes: then it throws the store's conflict failure (40001 once translated) and writes
   * nothing. The check and the write are one step of the store's commit order.
   */
  void writeIfUnchanged(KvBatch batch, ReadView since, boolean sync);

  /** The longest key the store takes, in bytes (the shortest is 1). */
  int maxKeyBytes();

  /** The longest value text the store takes, in bytes (its tag byte not counted). */
  int maxValueBytes();

  /** A way of reading: gets and cursors at the same point (or points) in time. */
  interface ReadView extends AutoCloseable {

    /** The value of {@code key}, or null. The caller may keep the array. */
    byte[] get(byte[] key);

    /**
     * A cursor over the keys in [{@code lowerBound}, {@code upperBound}) (null: no bound), placed
     * nowhere until a seek. Close it when done.
     */
    KvCursor cursor(byte[] lowerBound, byte[] upperBound);

    /** Lets go of the point in time; a no-op for {@link #latest()}. */
    @Override
    void close();
  }
}
