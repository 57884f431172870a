package dev.shale.engine;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link LockTest}: tries to open the database directory given as the
 * argument and prints {@code OPENED} or {@code FAILED <kind> <message>}.
 */
public final class LockProbe {

  private LockProbe() {}

  public static void main(String[] args) {
    try (Db db = Db.open(Path.of(args[0]), Options.defaults())) {
      System.out.println("OPENED");
    } catch (DbException e) {
      System.out.println("FAILED " + e.kind() + " " + e.getMessage());
    }
  }
}
