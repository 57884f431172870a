package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic mixed mode ({@code autoServer=true}) across real processes: child JVMs on the shaded
 * jar ({@link AutoServerChild}), and this JVM, which has no avatica-server on its class path and so
 * can join a server but never be one.
 */
class AutoServerTest {

  private static Path jar;
  private static Path testClasses;

  @TempDir Path tmp;
  private Path dir;
  private String url;
  private final List<Child> children = new ArrayList<>();

  @BeforeAll
  static void findJar() throws Exception {
    jar = Path.of(System.getProperty("shale.shadedJar"));
    assertTrue(Files.isRegularFile(jar), "build the driver module first: " + jar);
    testClasses =
        Path.of(AutoServerChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @org.junit.jupiter.api.BeforeEach
  void paths() {
    dir = tmp.resolve("db");
    url = "jdbc:shale:" + dir + ";autoServer=true";
  }

  @AfterEach
  void killChildren() throws Exception {
    for (Child c : children) {
      c.process.toHandle().destroyForcibly();
      c.process.waitFor(1, TimeUnit.MINUTES);
    }
  }

  @Test
  void aSecondProcessJoinsTheFirstsServerAndTheNextOpenerTakesOverWithEveryWrite()
      throws Exception {
    Child a = child(url);
    assertEquals("served", a.ask("open"), "the first opener serves");
    assertEquals("ok", a.ask("put a 1"));
    long recordPid = AutoServerChild.servedBy(dir);
    assertEquals(a.pid(), recordPid);

    Child b = child(url);
    assertEquals("joined", b.ask("open"), "the second connects through the first");
    assertEquals("1", b.ask("get a"), "and sees its writes");
    assertEquals("ok", b.ask("put b 2"));
    assertEquals("2", a.ask("get b"), "the first sees the second's writes");

    Connection mine = DriverManager.getConnection(url);
    assertEquals("1", get(mine, "a"));
    assertEquals("2", get(mine, "b"));
    put(mine, "c", "3");
    assertEquals("3", b.ask("get c"));

    SQLException plain =
        assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:shale:" + dir));
    assertEquals("08001", plain.getSQLState(), "without the setting: today's lock error");
    assertTrue(plain.getMessage().contains("locked by another process"), plain.getMessage());

    a.exit(); // with its connection open: its shutdown hook stops the server
    assertFalse(Files.exists(dir.resolve("server.properties")), "a clean exit removes the record");

    String broken = b.ask("get a");
    assertTrue(broken.startsWith("error 08006"), "a connection through a gone server: " + broken);
    SQLException lost = assertThrows(SQLException.class, () -> get(mine, "a"));
    assertEquals("08006", lost.getSQLState(), lost.getMessage());

    assertEquals("served", b.ask("open"), "the next opener takes over");
    assertEquals("3", b.ask("count"), "every committed write: " + b.ask("get c"));
    try (Connection again = DriverManager.getConnection(url)) {
      assertEquals("3", get(again, "c"), "this JVM joins the new server");
      put(again, "d", "4");
    }
    assertTrue(b.ask("close").startsWith("closed"));

    Child c = child(url);
    assertEquals("served", c.ask("open"), "after the last close, the next opener serves");
    assertEquals("4", c.ask("count"));
    assertEquals("closed", c.ask("close"));
  }

  @Test
  void whenTheServerClosesItsLastConnectionTheOthersFailWith08006AndTheirNextOpenTakesOver()
      throws Exception {
    Child a = child(url);
    Child b = child(url);
    assertEquals("served", a.ask("open"));
    assertEquals("joined", b.ask("open"));
    assertEquals("ok", b.ask("put from b"));
    b.send("put during close"); // may land before the close, or fail with 08006: never half
    assertEquals("closed", a.ask("close"), "a still runs, but no longer serves");
    String during = b.answer();
    assertTrue(during.equals("ok") || during.startsWith("error 08006"), during);
    assertFalse(Files.exists(dir.resolve("server.properties")));

    String lost = b.ask("get from");
    assertTrue(lost.startsWith("error 08006"), "its server stopped: " + lost);
    assertEquals("served", b.ask("open"), "a new getConnection takes over");
    assertEquals("joined", a.ask("open"), "and the first now joins the second");
    assertEquals("b", a.ask("get from"));
    assertEquals(during.equals("ok") ? "close" : "none", a.ask("get during"));
  }

  @Test
  void processesRacingToBeFirstGetOneServerAndTheOthersJoinIt() throws Exception {
    List<Child> racers = List.of(child(url), child(url), child(url));
    for (Child r : racers) {
      r.send("open");
    }
    List<String> roles = new ArrayList<>();
    for (Child r : racers) {
      roles.add(r.answer());
    }
    roles.sort(null);
    assertEquals(List.of("joined", "joined", "served"), roles, "one serves, the others join");
    for (int i = 0; i < racers.size(); i++) {
      assertEquals("ok", racers.get(i).ask("put racer" + i + " " + i));
    }
    for (Child r : racers) {
      assertEquals("3", r.ask("count"), "every racer sees every write");
    }
    Child server = null;
    for (Child r : racers) {
      if (r.pid() == AutoServerChild.servedBy(dir)) {
        server = r;
      } else {
        assertEquals("closed", r.ask("close"));
      }
    }
    assertNotNull(server);
    assertEquals("closed", server.ask("close"));
    assertFalse(Files.exists(dir.resolve("server.properties")), "its last close stops the server");
    Child next = child(url);
    assertEquals("served", next.ask("open"));
    assertEquals("3", next.ask("count"));
  }

  @Test
  void aRecordLeftByAKilledServerIsNotTrustedAndTheNextOpenerServes() throws Exception {
    Child a = child(url);
    assertEquals("served", a.ask("open"));
    assertEquals("ok", a.ask("put before kill"));
    a.kill();
    assertEquals(a.pid(), AutoServerChild.servedBy(dir), "kill -9 leaves the record behind");
    Set<String> files = files(dir);

    Child b = child(url);
    long started = System.nanoTime();
    assertEquals("served", b.ask("open"), "the dead server's lock went with it");
    assertEquals(b.pid(), AutoServerChild.servedBy(dir), "its record replaced the stale one");
    assertTrue(
        System.nanoTime() - started < TimeUnit.SECONDS.toNanos(4), "a dead pid is not waited for");
    assertEquals("kill", b.ask("get before"), "the acknowledged write survived");
    Set<String> now = files(dir);
    assertTrue(now.containsAll(withoutLogs(files)), "no database file deleted: " + files + now);
  }

  @Test
  void aRecordOfALiveProcessThatDoesNotServeIsWaitedOutThenRefused() throws Exception {
    Child holder = child("jdbc:shale:" + dir); // opens without the setting: holds the lock
    assertEquals("joined", holder.ask("open"));
    assertEquals("ok", holder.ask("put held 1"));
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Path record = dir.resolve("server.properties");
    Files.writeString(
        record,
        "url=http://127.0.0.1:"
            + closedPort
            + "\nsecret=guess\npid="
            + holder.pid()
            + "\ndirectory="
            + dir.toRealPath().toString().replace("\\", "\\\\")
            + "\n");

    long started = System.nanoTime();
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
    long waited = System.nanoTime() - started;

    assertEquals("08001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toRealPath().toString()), e.getMessage());
    assertTrue(waited >= TimeUnit.SECONDS.toNanos(10), "waited the least wait: " + waited);
    assertTrue(Files.exists(record), "a record is a hint: never deleted by a reader");

    assertEquals("closed", holder.ask("close"));
    Child next = child(url);
    assertEquals("served", next.ask("open"), "the stale record did not stop the next server");
    assertEquals("1", next.ask("get held"));
  }

  @Test
  void withoutTheSettingNoServerClassIsLoadedAndWithItTheServerIs() throws Exception {
    Path plainLog = tmp.resolve("plain-classes.log");
    Child plain =
        child("jdbc:shale:" + dir, List.of("-Xlog:class+load=info:file=" + plainLog), null);
    assertEquals("joined", plain.ask("open"));
    assertEquals("ok", plain.ask("put k v"));
    assertEquals("closed", plain.ask("close"));
    plain.exit();
    String plainClasses = Files.readString(plainLog);
    for (String served :
        List.of(
            "dev.shale.jdbc.server.",
            "org.apache.calcite.avatica.jdbc.",
            "com.sun.net.httpserver.")) {
      assertFalse(plainClasses.contains(served), "an embedded URL loaded " + served);
    }

    Path autoLog = tmp.resolve("auto-classes.log");
    Child auto = child(url, List.of("-Xlog:class+load=info:file=" + autoLog), null);
    assertEquals("served", auto.ask("open"));
    assertEquals("closed", auto.ask("close"));
    auto.exit();
    String autoClasses = Files.readString(autoLog);
    assertTrue(autoClasses.contains("dev.shale.jdbc.server.ShaleServer "), "the check sees them");
  }

  @Test
  void withoutAvaticaServerOnTheClassPathTheProcessThatMustServeIsToldWhatToAdd() throws Exception {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("avatica-server"))
            .collect(Collectors.joining(File.pathSeparator));
    Child bare = child(url, List.of(), classPath);
    String refused = bare.ask("open");
    assertTrue(refused.startsWith("error 08001"), refused);
    assertTrue(refused.contains("org.apache.calcite.avatica:avatica-server"), refused);
    assertTrue(refused.contains("-all.jar"), refused);
    assertFalse(Files.exists(dir.resolve("server.properties")));

    // It let the directory go: a process that can serve, does.
    Child able = child(url);
    assertEquals("served", able.ask("open"));
    assertEquals("ok", able.ask("put x 1"));
    assertEquals("joined", bare.ask("open"), "and the one without the server can join it");
    assertEquals("1", bare.ask("get x"));
  }

  private static Set<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** The files an open may replace (a new log, a new manifest after recovery). */
  private static Set<String> withoutLogs(Set<String> files) {
    return files.stream()
        .filter(f -> !f.endsWith(".log") && !f.startsWith("MANIFEST") && !f.equals("CURRENT"))
        .filter(f -> !f.startsWith("server.properties"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String get(Connection c, String key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT value FROM kv WHERE key = ?")) {
      p.setString(1, key);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static void put(Connection c, String key, String value) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPSERT INTO kv VALUES ('" + key + "', '" + value + "')");
    }
  }

  private Child child(String childUrl) throws IOException, InterruptedException {
    return child(childUrl, List.of(), jar + File.pathSeparator + testClasses);
  }

  private Child child(String childUrl, List<String> jvmOptions, String classPath)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dshale.warmup=false"));
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            classPath != null ? classPath : jar + File.pathSeparator + testClasses,
            AutoServerChild.class.getName(),
            childUrl,
            dir.toString()));
    Path stderr = tmp.resolve("child-" + children.size() + ".err");
    Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    Child child = new Child(p, stderr);
    children.add(child);
    assertEquals("ready", child.answer());
    return child;
  }

  /** A child JVM and its two pipes. */
  private static final class Child {
    final Process process;
    final Path stderr;
    final PrintStream in;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Child(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
      this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("error pipe " + e);
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    long pid() {
      return process.pid();
    }

    void send(String command) {
      in.println(command);
    }

    String answer() throws InterruptedException, IOException {
      String line = lines.poll(2, TimeUnit.MINUTES);
      assertNotNull(line, "no answer from child " + pid() + ":\n" + Files.readString(stderr));
      return line;
    }

    String ask(String command) throws InterruptedException, IOException {
      send(command);
      return answer();
    }

    /** Exits with its connections open, and waits for it. */
    void exit() throws InterruptedException, IOException {
      send("exit");
      assertTrue(process.waitFor(1, TimeUnit.MINUTES), "child exited");
      assertEquals(0, process.exitValue(), Files.readString(stderr));
    }

    /** SIGKILL, and waits for it. */
    void kill() throws InterruptedException {
      process.toHandle().destroyForcibly();
      assertTrue(process.waitFor(1, TimeUnit.MINUTES), "child killed");
      assertEquals(137, process.exitValue(), "died of SIGKILL");
    }
  }
}
