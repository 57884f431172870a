package dev.shale.engine;

/**
 * What a read sees and where an iterator may go. Immutable; {@link #DEFAULT} reads the latest data
 * with no bounds.
 */
public final class ReadOptions {

  public static final ReadOptions DEFAULT = new ReadOptions(null, null, null);

  private final Snapshot snapshot;
  private final byte[] lowerBound;
  private final byte[] upperBound;

  private ReadOptions(Snapshot snapshot, byte[] lowerBound, byte[] upperBound) {
    this.snapshot = snapshot;
    this.lowerBound = lowerBound;
    this.upperBound = upperBound;
  }

  /** The snapshot to read at, or null for the latest data at the time the read starts. */
  public Snapshot snapshot() {
    return snapshot;
  }

  public ReadOptions withSnapshot(Snapshot snapshot) {
    return new ReadOptions(snapshot, lowerBound, upperBound);
  }

  /** Inclusive lower bound of an iterator's keys, or null for none. */
  public byte[] lowerBound() {
    return lowerBound;
  }

  public ReadOptions withLowerBound(byte[] lowerBound) {
    return new ReadOptions(snapshot, lowerBound == null ? null : lowerBound.clone(), upperBound);
  }

  /** Exclusive upper bound of an iterator's keys, or null for none. */
  public byte[] upperBound() {
    return upperBound;
  }

  public ReadOptions withUpperBound(byte[] upperBound) {
    return new ReadOptions(snapshot, lowerBound, upperBound == null ? null : upperBound.clone());
  }
}
