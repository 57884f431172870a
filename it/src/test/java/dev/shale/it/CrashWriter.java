package dev.shale.it;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Random;

/**
 * The child JVM of {@link CrashTest}: writes rows until it is killed, and prints each key on its
 * own line once the statement (or batch) that wrote it has returned, i.e. once Shale has
 * acknowledged it.
 *
 * <p>Usage: {@code CrashWriter <url> <first key number> <seed>}
 */
public final class CrashWriter {

  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int next = Integer.parseInt(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement insert = connection.prepareStatement("INSERT INTO kv VALUES (?, ?)");
        PreparedStatement update =
            connection.prepareStatement("UPDATE kv SET value = ? WHERE key = ?")) {
      out.println("ready");
      out.flush();
      while (true) {
        int kind = random.nextInt(10);
        if (kind < 6) {
          int k = next++;
          insert.setString(1, CrashTest.key(k));
          insert.setString(2, CrashTest.value(k, 0));
          insert.executeUpdate();
          out.println("put " + k + " 0");
        } else if (kind < 8) {
          int first = next;
          for (int i = 0; i < 50; i++) {
            insert.setString(1, CrashTest.key(next));
            insert.setString(2, CrashTest.value(next, 0));
            insert.addBatch();
            next++;
          }
          insert.executeBatch();
          for (int k = first; k < next; k++) {
            out.println("put " + k + " 0");
          }
        } else if (next > 0) {
          int k = random.nextInt(next);
          int version = 1 + random.nextInt(1000);
          update.setString(1, CrashTest.value(k, version));
          update.setString(2, CrashTest.key(k));
          if (update.executeUpdate() == 1) {
            out.println("put " + k + " " + version);
          }
        }
        out.flush();
      }
    }
  }
}
