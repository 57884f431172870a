package dev.shale.engine.sstable;

/**
 * A table's index: one entry per data block, its separator key and its handle. Either decoded onto
 * the heap and pinned ({@link IndexBlock}) or searched in place in the table's mapping ({@link
 * MappedIndex}); both answer the same for the same block.
 */
interface TableIndex {

  /** Number of data blocks. */
  int count();

  /** File offset of data block {@code i}. */
  long offset(int i);

  /** Size of data block {@code i}, without its trailer. */
  int size(int i);

  /**
   * The first block whose separator is at or after the encoded internal key {@code t[tOff, tOff +
   * tLen)}; {@link #count()} if none.
   */
  int find(byte[] t, int tOff, int tLen);
}
