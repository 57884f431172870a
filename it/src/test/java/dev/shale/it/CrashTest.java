package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing JVM with SIGKILL at a random moment, several times over one database, and checks
 * that every write it acknowledged is there after recovery, with sync on (fsync before a statement
 * returns) and off (the OS has the write: a process crash must not lose it either).
 *
 * <p>Seed: {@code -Dshale.seed=N}.
 */
class CrashTest {

  @TempDir Path dir;

  static String key(int k) {
    return String.format("crash-%08d", k);
  }

  static String value(int k, int version) {
    return "v" + version + "-" + "x".repeat(k % 200);
  }

  @Test
  void acknowledgedWritesSurviveKillDashNine() throws Exception {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    System.out.println("CrashTest seed=" + seed + " (-Dshale.seed=" + seed + ")");
    Random random = new Random(seed);
    Map<Integer, Integer> acknowledged = new HashMap<>(); // key number -> last version
    int next = 0;
    for (int round = 0; round < 4; round++) {
      boolean sync = round % 2 == 0;
      String url = "jdbc:shale:" + dir + ";sync=" + sync;
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "-Dshale.warmup=false",
                  CrashWriter.class.getName(),
                  url,
                  Integer.toString(next),
                  Long.toString(random.nextLong()))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      int writesBeforeKill = 100 + random.nextInt(sync ? 300 : 3000);
      int seen = 0;
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertEquals("ready", lines.readLine(), "the writer started (seed " + seed + ")");
        String line;
        while (seen < writesBeforeKill && (line = lines.readLine()) != null) {
          String[] parts = line.split(" ");
          int k = Integer.parseInt(parts[1]);
          acknowledged.put(k, Integer.parseInt(parts[2]));
          next = Math.max(next, k + 1);
          seen++;
        }
        // SIGKILL: no shutdown hook, no close. (Process.destroyForcibly would close our end of
        // the pipe, and the acknowledgements still in it would be lost to the check.)
        new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
        assertTrue(child.waitFor(1, TimeUnit.MINUTES), "the writer died");
        while ((line = lines.readLine()) != null) {
          String[] parts = line.split(" ");
          if (parts.length == 3 && parts[0].equals("put")) {
            int k = Integer.parseInt(parts[1]);
            acknowledged.put(k, Integer.parseInt(parts[2]));
            next = Math.max(next, k + 1);
          }
        }
      }
      assertEquals(writesBeforeKill, seen, "the writer wrote before dying (seed " + seed + ")");
      // keys after `next` may exist (written, not yet acknowledged): the writer starts past them
      next += 1000;
      verify(url, acknowledged, seed, round);
    }
  }

  private static void verify(String url, Map<Integer, Integer> acknowledged, long seed, int round)
      throws Exception {
    Map<Integer, String> found = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT key, value FROM kv")) {
      while (rs.next()) {
        found.put(Integer.parseInt(rs.getString(1).substring(6)), rs.getString(2));
      }
    }
    int newer = 0;
    for (Map.Entry<Integer, Integer> e : acknowledged.entrySet()) {
      int k = e.getKey();
      String value = found.get(k);
      String context = "seed " + seed + ", round " + round + ", key " + k;
      assertTrue(value != null, "acknowledged key lost: " + context);
      int version = Integer.parseInt(value.substring(1, value.indexOf('-')));
      assertEquals(value(k, version), value, "a value is whole: " + context);
      if (version != e.getValue()) {
        // Only the write in flight when the writer died may be there unacknowledged.
        newer++;
        assertTrue(newer <= 1, "acknowledged update lost: " + context + ": " + value);
        e.setValue(version);
      }
    }
  }
}
