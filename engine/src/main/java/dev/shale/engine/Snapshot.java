package dev.shale.engine;

/**
 * A consistent point-in-time view of a {@link Db}: reads through it see every write with a sequence
 * number at or below {@link #sequence()} and nothing newer. Close it when done so the engine may
 * drop the versions it pins.
 */
public interface Snapshot extends AutoCloseable {

  /** The sequence number of the newest write this snapshot sees. */
  long sequence();

  @Override
  void close();
}
