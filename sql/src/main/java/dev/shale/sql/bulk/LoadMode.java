package dev.shale.sql.bulk;

import java.util.Locale;

/** What a load does with a key that is there already. */
public enum LoadMode {
  /** Sets the key to the file's value, as UPSERT does (the default). */
  REPLACE,
  /**
   * Rejects the row, as INSERT's 23505 would: a key that kv holds, or that an earlier line of the
   * file loaded.
   */
  INSERT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode called {@code name} ({@code replace} or {@code insert}), or null. */
  public static LoadMode named(String name) {
    for (LoadMode m : values()) {
      if (m.label().equalsIgnoreCase(name.trim())) {
        return m;
      }
    }
    return null;
  }
}
