package dev.shale.engine;

/**
 * Every failure the engine reports. The {@link Kind} tells callers (the SQL layer) what happened
 * without parsing messages; the message names the file, key limit or directory involved.
 */
public class DbException extends RuntimeException {

  /** What went wrong, coarse enough to map onto SQLStates. */
  public enum Kind {
    /** The caller passed something outside a documented limit (key or value length, ...). */
    INVALID_ARGUMENT,
    /** The directory is locked by another process. */
    LOCKED,
    /** The database was closed. */
    CLOSED,
    /** Reading or writing a file failed. */
    IO,
    /** Bytes on disk fail a checksum or do not parse; the message names the file. */
    CORRUPTION,
    /**
     * A {@link Db#writeIfUnchanged} found a key it writes written after its snapshot; nothing was
     * written.
     */
    CONFLICT
  }

  private final Kind kind;

  public DbException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public DbException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
