package dev.shale.engine.keys;

/** What an internal key's entry is; the code is the low byte of the key's 8-byte tag. */
public enum ValueType {
  DELETION(0),
  VALUE(1),
  /**
   * A range tombstone's start key; SSTables keep these in their range-deletion block, apart from
   * the point entries. Write batch records do not carry it yet.
   */
  RANGE_DELETION(2);

  public final int code;

  ValueType(int code) {
    this.code = code;
  }

  /** The type with {@code code}, or null if no such type exists. */
  public static ValueType ofCode(int code) {
    return switch (code) {
      case 0 -> DELETION;
      case 1 -> VALUE;
      case 2 -> RANGE_DELETION;
      default -> null;
    };
  }
}
