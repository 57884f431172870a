package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar …-all.jar serve} as an operator runs it, in a child JVM: clients write through
 * it, then it is stopped by SIGTERM or by {@code shutdown}; open transactions are rolled back, a
 * running statement is cancelled after the drain time, and a restart finds every write that was
 * acknowledged.
 */
class ServeProcessTest {

  private static final Pattern LISTENING = Pattern.compile("jdbc:shale:remote:[0-9.]+:(\\d+)");

  static Path jar;

  @TempDir Path dir;

  @BeforeAll
  static void findJar() {
    jar = Path.of(System.getProperty("shale.shadedJar"));
    assertTrue(Files.isRegularFile(jar), "build the driver module first: " + jar);
  }

  /** A started server and the port it printed. */
  private record Served(Process process, int port, StringBuffer output, Thread reader) {
    /** Waits for the process to exit and for its last words to be read. */
    boolean exited() throws InterruptedException {
      boolean done = process.waitFor(30, TimeUnit.SECONDS);
      reader.join(10_000);
      return done;
    }

    String url() {
      return "jdbc:shale:remote:127.0.0.1:" + port;
    }
  }

  private Served serve(Path db, String... extra) throws Exception {
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toString(),
                "serve",
                "--dir",
                db.toString(),
                "--port",
                "0"));
    command.addAll(java.util.List.of(extra));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuffer output = new StringBuffer();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  output.append(line).append('\n');
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (java.io.IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IllegalStateException("server exited: " + output));
            });
    reader.setDaemon(true);
    reader.start();
    return new Served(p, port.get(60, TimeUnit.SECONDS), output, reader);
  }

  private static int count(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void sigtermStopsGracefullyAndARestartFindsEveryAcknowledgedWrite() throws Exception {
    Path db = dir.resolve("db");
    Served server = serve(db);
    Connection open = DriverManager.getConnection(server.url());
    try (Connection c = DriverManager.getConnection(server.url());
        PreparedStatement p = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (int i = 0; i < 200; i++) {
        p.setString(1, String.format("k%04d", i));
        p.setString(2, "v" + i);
        assertEquals(1, p.executeUpdate());
      }
    }
    open.setAutoCommit(false);
    try (Statement s = open.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('uncommitted', 'x')");
    }
    assertTrue(Files.exists(db.resolve("server.properties")));
    server.process().destroy(); // SIGTERM
    assertTrue(server.exited(), "stopped: " + server.output());
    assertFalse(Files.exists(db.resolve("server.properties")), "its record is removed");
    assertEquals(143, server.process().exitValue(), "SIGTERM's exit status: " + server.output());
    SQLException gone =
        org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, open::commit);
    assertTrue(gone.getSQLState().startsWith("08"), gone.getSQLState() + " " + gone.getMessage());
    open.close();
    assertEquals(200, count("jdbc:shale:" + db), "every acknowledged write, not the open one");
  }

  @Test
  void aLoadIntoADirectoryTheServerHoldsNamesTheServerAndChangesNothing() throws Exception {
    Path db = dir.resolve("db");
    Path csv = dir.resolve("rows.csv");
    Files.writeString(csv, "key,value\na,1\n");
    Served server = serve(db);
    try {
      Process load =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  jar.toString(),
                  "load",
                  "--dir",
                  db.toString(),
                  csv.toString())
              .redirectErrorStream(true)
              .start();
      String said = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(load.waitFor(60, TimeUnit.SECONDS));
      assertEquals(4, load.exitValue(), "unavailable: " + said);
      long pid = server.process().pid();
      assertTrue(said.contains("is locked by a Shale server (pid " + pid), said);
      assertTrue(said.contains("server.properties"), said);
      assertEquals(0, count(server.url()), "nothing loaded");
    } finally {
      server.process().destroy();
      assertTrue(server.exited(), server.output().toString());
    }
  }

  @Test
  void shutdownCommandDrainsThenCancelsARunningStatement() throws Exception {
    Path db = dir.resolve("db");
    try (Connection c = DriverManager.getConnection("jdbc:shale:" + db);
        PreparedStatement p = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (int i = 0; i < 3000; i++) {
        p.setString(1, String.format("k%05d", i));
        p.setString(2, "v");
        p.addBatch();
      }
      p.executeBatch();
    }
    Served server = serve(db, "--drain-seconds", "1");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread slow =
        new Thread(
            () -> {
              try (Connection c = DriverManager.getConnection(server.url());
                  Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv a, kv b, kv c")) {
                rs.next();
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    slow.start();
    Thread.sleep(1500); // the cross join is running
    long started = System.nanoTime();
    Process shutdown =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "shutdown",
                "--dir",
                db.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(shutdown.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(shutdown.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, shutdown.exitValue(), said);
    assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), server.output().toString());
    slow.join(30_000);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    assertTrue(seconds < 20, "stopped in " + seconds + " s");
    assertTrue(failure.get() instanceof SQLException, String.valueOf(failure.get()));
    String state = ((SQLException) failure.get()).getSQLState();
    assertTrue(
        state.equals("57014") || state.startsWith("08"), state + " " + failure.get().getMessage());
    assertEquals(3000, count("jdbc:shale:" + db));
  }
}
