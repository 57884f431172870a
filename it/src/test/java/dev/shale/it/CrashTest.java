package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Kills a child JVM writing through the shaded jar with SIGKILL at a random moment, cycle after
 * cycle on one directory, and after each cycle reopens the directory and compares it with an exact
 * model: every operation the child acknowledged is there, the one in flight (started, not
 * acknowledged: a statement, a range delete or a whole batch) is wholly there or wholly absent, and
 * nothing else differs. Cycles alternate {@code sync=true} and {@code sync=false}: a process crash
 * must lose no acknowledged write in either mode.
 *
 * <p>The child ({@link CrashWriter}) runs a random mix ({@link CrashOps}) of inserts, upserts,
 * updates and deletes by key and by key range, and batches of inserts and upserts, with values up
 * to 40 KiB, so that memtables flush and levels compact in the child and in every reopen's log
 * replay. One child in ten is killed at a random moment from its start, often while it opens the
 * database; the others a random time after it is ready. One cycle in five kills a second child
 * before the parent looks, so a crash also meets a directory left by a crash; the model then has up
 * to four states, and the results the second child saw tell which it met.
 *
 * <p>{@code -Dshale.seed=N} replays the operations and the kill delays (not the exact moment a
 * delay lands on); {@code -Dshale.soak.cycles=N} (default 50) sets the number of cycles. A cycle
 * that finds the database differing from the model keeps the directory and names it.
 */
class CrashTest {

  private static final String CHILD = "CrashWriter";

  @Test
  void everyAcknowledgedOperationSurvivesKillDashNineAndTheOneInFlightIsAllOrNothing()
      throws Exception {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    int cycles = Integer.getInteger("shale.soak.cycles", 50);
    System.out.println(
        "CrashTest seed=" + seed + " cycles=" + cycles + " (-Dshale.seed=" + seed + ")");
    Path jar = Path.of(System.getProperty("shale.shadedJar", "missing shale.shadedJar"));
    assertTrue(Files.isRegularFile(jar), "build the driver module first: " + jar);
    Path testClasses =
        Path.of(CrashWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = Files.createTempDirectory("shale-crash-" + seed + "-");
    Path stderr = Files.createTempFile("shale-crash-" + seed + "-", ".stderr");
    Random random = new Random(seed);
    NavigableMap<String, String> model = new TreeMap<>();
    Totals totals = new Totals();
    long started = System.nanoTime();
    int children = 0;
    for (int cycle = 0; cycle < cycles; cycle++) {
      boolean sync = cycle % 2 == 0;
      String url = "jdbc:shale:" + dir + ";sync=" + sync;
      String context = "seed " + seed + ", cycle " + cycle + ", directory " + dir;
      // One cycle in five kills a second child before the parent looks: that child opens a
      // directory its predecessor crashed in, and is often killed while it recovers.
      int kills = random.nextInt(5) == 0 ? 2 : 1;
      totals.doubles += kills - 1;
      // Every state the database may be in: the model, with or without each in-flight operation.
      List<Candidate> candidates = new ArrayList<>(List.of(new Candidate("", model)));
      StringBuilder summary = new StringBuilder();
      for (int kill = 0; kill < kills; kill++) {
        long childSeed = random.nextLong();
        boolean early = random.nextInt(kill == 0 ? 10 : 3) == 0;
        int delayMillis = early ? random.nextInt(3000) : random.nextInt(800);
        int number = children++;
        ChildOutput output =
            runAndKill(
                jar, testClasses, stderr, url, number, childSeed, early, delayMillis, context);

        // Replay what the child acknowledged on every candidate; a candidate whose result differs
        // from the child's is not the state the child met.
        CrashOps.Stream ops = new CrashOps.Stream(number, childSeed);
        List<String> acks = output.acks();
        for (int i = 0; i < acks.size(); i++) {
          CrashOps.Op op = ops.next();
          totals.valueChars += op.valueChars();
          String[] ack = acks.get(i).split(" ");
          assertTrue(
              ack.length == 3 && ack[0].equals("ack") && ack[1].equals(Integer.toString(i)),
              "acknowledgement " + i + " reads '" + acks.get(i) + "': " + context);
          List<String> expected = new ArrayList<>();
          for (Candidate c : candidates) {
            expected.add(CrashOps.apply(c.state, op));
          }
          List<Candidate> agreeing = new ArrayList<>();
          for (int c = 0; c < candidates.size(); c++) {
            if (expected.get(c).equals(ack[2])) {
              agreeing.add(candidates.get(c));
            }
          }
          assertTrue(
              !agreeing.isEmpty(),
              "what "
                  + op
                  + " returned: "
                  + ack[2]
                  + ", the model says "
                  + String.join(" or ", expected)
                  + ": "
                  + context
                  + ", child "
                  + number
                  + ", op "
                  + i);
          candidates = agreeing;
        }
        CrashOps.Op inFlight = output.ready.getCount() == 0 ? ops.next() : null;
        if (inFlight != null) {
          List<Candidate> both = new ArrayList<>();
          for (Candidate c : candidates) {
            NavigableMap<String, String> applied = new TreeMap<>(c.state);
            CrashOps.apply(applied, inFlight);
            if (applied.equals(c.state)) {
              both.add(new Candidate(c.fates + "=", c.state));
            } else {
              both.add(new Candidate(c.fates + "-", c.state));
              both.add(new Candidate(c.fates + "+", applied));
            }
          }
          candidates = both;
        }
        totals.add(acks.size(), inFlight, early);
        summary.append(
            String.format(
                " | kill=%s+%dms acked=%d in-flight=%s",
                early ? "start" : "ready",
                delayMillis,
                acks.size(),
                inFlight == null ? "none" : inFlight.kind()));
      }

      TreeSet<String> keys = new TreeSet<>();
      for (Candidate c : candidates) {
        keys.addAll(c.state.keySet());
      }
      for (int k = 0; k < CrashOps.KEYS; k++) {
        keys.add(CrashOps.key(k));
      }
      NavigableMap<String, String> found = read(url, keys, context);
      Candidate match = null;
      for (Candidate c : candidates) {
        if (found.equals(c.state)) {
          match = c;
        }
      }
      if (match == null) {
        System.out.println("CrashTest FAILED: " + context + " (kept)");
        StringBuilder versus = new StringBuilder();
        for (Candidate c : candidates) {
          versus
              .append("versus the model with the in-flight operations ")
              .append(c.describeFates())
              .append(":\n")
              .append(diff(c.state, found));
        }
        throw new AssertionError(
            "the database differs from every state the model allows: "
                + context
                + "\n"
                + summary.toString().trim()
                + "\n"
                + versus);
      }
      model = match.state;
      totals.fates(match.fates);
      System.out.printf(
          "cycle %d sync=%s%s | %s, rows=%d%n",
          cycle, sync, summary, match.describeFates(), found.size());
    }
    System.out.printf(
        "CrashTest seed=%d: %d cycles in %d s, %s, %d table files%n",
        seed,
        cycles,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
        totals,
        countTables(dir));
    delete(dir);
    Files.deleteIfExists(stderr);
  }

  /**
   * Starts child {@code number} on {@code url}, waits until it is ready (unless {@code early}),
   * then {@code delayMillis}, and kills it with SIGKILL; returns all it printed.
   */
  private static ChildOutput runAndKill(
      Path jar,
      Path testClasses,
      Path stderr,
      String url,
      int number,
      long seed,
      boolean early,
      int delayMillis,
      String context)
      throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dshale.warmup=false",
                "-cp",
                jar + java.io.File.pathSeparator + testClasses,
                CrashWriter.class.getName(),
                url,
                Integer.toString(number),
                Long.toString(seed))
            .redirectError(stderr.toFile())
            .start();
    ChildOutput output = new ChildOutput(child);
    if (!early && !output.ready.await(2, TimeUnit.MINUTES)) {
      child.toHandle().destroyForcibly();
      fail("the child did not start: " + context + "\n" + Files.readString(stderr));
    }
    Thread.sleep(delayMillis);
    // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe,
    // and the acknowledgements still in it would be lost to the check.
    child.toHandle().destroyForcibly();
    assertTrue(child.waitFor(1, TimeUnit.MINUTES), "the child ended after SIGKILL: " + context);
    output.reader.join(TimeUnit.MINUTES.toMillis(1));
    assertTrue(!output.reader.isAlive(), "the child's stdout ended: " + context);
    assertEquals(
        137,
        child.exitValue(),
        "the child died of SIGKILL, not on its own: " + context + "\n" + Files.readString(stderr));
    return output;
  }

  /**
   * A state the database may be in after a cycle, and how: per child killed with an operation in
   * flight, {@code -} when it is absent, {@code +} when applied, {@code =} when it changes nothing.
   */
  private record Candidate(String fates, NavigableMap<String, String> state) {
    String describeFates() {
      return fates.isEmpty()
          ? "nothing in flight"
          : String.join(
              " then ",
              fates
                  .replace("-", "absent ")
                  .replace("+", "applied ")
                  .replace("=", "no-op ")
                  .trim()
                  .split(" "));
    }
  }

  /** The child's stdout, read as it comes so that the child never waits on the pipe. */
  private static final class ChildOutput {
    final CountDownLatch ready = new CountDownLatch(1);
    final List<String> acks = Collections.synchronizedList(new ArrayList<>());
    final Thread reader;

    ChildOutput(Process child) {
      reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals("ready")) {
                      ready.countDown();
                    } else {
                      acks.add(line);
                    }
                  }
                } catch (IOException e) {
                  acks.add("read failed: " + e);
                }
              },
              CHILD + " stdout");
      reader.start();
    }

    List<String> acks() {
      synchronized (acks) {
        return new ArrayList<>(acks);
      }
    }
  }

  /**
   * The whole table, read by a scan in key order and checked key by key with point reads (the scan
   * merges iterators, a get stops at the first source holding the key: two paths).
   */
  private static NavigableMap<String, String> read(String url, Set<String> keys, String context)
      throws Exception {
    NavigableMap<String, String> found = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        PreparedStatement get = c.prepareStatement("SELECT value FROM kv WHERE key = ?")) {
      String previous = null;
      try (ResultSet rs = s.executeQuery("SELECT key, value FROM kv ORDER BY key")) {
        while (rs.next()) {
          String key = rs.getString(1);
          assertTrue(
              previous == null || previous.compareTo(key) < 0,
              "the scan returns keys in order: " + previous + ", " + key + ": " + context);
          found.put(key, rs.getString(2));
          previous = key;
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
        assertTrue(rs.next());
        assertEquals(found.size(), rs.getLong(1), "COUNT(*) agrees with the scan: " + context);
      }
      Set<String> toGet = new TreeSet<>(keys);
      toGet.addAll(found.keySet());
      for (String key : toGet) {
        get.setString(1, key);
        try (ResultSet rs = get.executeQuery()) {
          boolean present = rs.next();
          assertEquals(
              found.containsKey(key),
              present,
              "a get finds what the scan found: " + key + ": " + context);
          if (present) {
            String value = rs.getString(1);
            assertTrue(
                Objects.equals(found.get(key), value),
                "a get reads what the scan read: "
                    + key
                    + " scanned "
                    + CrashOps.describe(found.get(key))
                    + ", got "
                    + CrashOps.describe(value)
                    + ": "
                    + context);
          }
        }
      }
    }
    return found;
  }

  /** The keys where {@code found} differs from {@code expected}, at most 20 of them. */
  private static String diff(
      NavigableMap<String, String> expected, NavigableMap<String, String> found) {
    StringBuilder out = new StringBuilder();
    TreeSet<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(found.keySet());
    int shown = 0;
    int differing = 0;
    for (String key : keys) {
      boolean wanted = expected.containsKey(key);
      boolean there = found.containsKey(key);
      if (wanted && there && Objects.equals(expected.get(key), found.get(key))) {
        continue;
      }
      differing++;
      if (shown++ < 20) {
        String e = wanted ? CrashOps.describe(expected.get(key)) : "absent";
        String f = there ? CrashOps.describe(found.get(key)) : "absent";
        out.append("  ")
            .append(key)
            .append(": expected ")
            .append(e)
            .append(", found ")
            .append(f)
            .append(!wanted ? " (resurrected or never written)" : !there ? " (lost)" : "")
            .append('\n');
      }
    }
    return out.append("  ").append(differing).append(" keys differ\n").toString();
  }

  /** What the cycles did, for the last line. */
  private static final class Totals {
    long acked;
    long valueChars;
    int early;
    int doubles;
    int applied;
    int absent;
    final Map<CrashOps.Kind, Integer> inFlight = new EnumMap<>(CrashOps.Kind.class);

    void add(int acks, CrashOps.Op op, boolean killedEarly) {
      acked += acks;
      early += killedEarly ? 1 : 0;
      if (op != null) {
        inFlight.merge(op.kind(), 1, Integer::sum);
      }
    }

    void fates(String fates) {
      applied += fates.chars().filter(c -> c == '+').count();
      absent += fates.chars().filter(c -> c == '-').count();
    }

    @Override
    public String toString() {
      return acked
          + " operations acknowledged ("
          + (valueChars >> 20)
          + " Mi value characters), "
          + early
          + " kills counted from the start, "
          + doubles
          + " cycles of two kills, in flight "
          + inFlight
          + " ("
          + applied
          + " applied, "
          + absent
          + " absent, the rest changed nothing)";
    }
  }

  private static long countTables(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".sst")).count();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
