package dev.shale.engine.db;

import dev.shale.engine.Db;
import dev.shale.engine.Options;

/** Run in a child JVM by {@link JitHazardsTest}: opens a database, says so, closes it. */
public final class JitHazardsProbe {
  private JitHazardsProbe() {}

  public static void main(String[] args) {
    try (Db db = Db.openInMemory(Options.defaults())) {
      System.out.println("PROBE: opened");
      db.put(new byte[] {1}, new byte[] {2});
    }
  }
}
