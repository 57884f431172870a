package dev.shale.sql.store;

/** Writes that {@link KvStore#write} applies together, in the order given. */
public interface KvBatch {

  /** Sets {@code key} to {@code value}. */
  void put(byte[] key, byte[] value);

  /** Removes {@code key}. */
  void delete(byte[] key);

  /** Removes every key in [{@code begin}, {@code end}), however many there are. */
  void deleteRange(byte[] begin, byte[] end);

  /** How many writes the batch holds. */
  int count();
}
