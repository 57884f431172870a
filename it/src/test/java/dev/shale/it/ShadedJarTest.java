package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one jar, as DBeaver and a shell user get it. */
class ShadedJarTest {

  static Path jar;

  @TempDir Path dir;

  @BeforeAll
  static void findJar() {
    jar = Path.of(System.getProperty("shale.shadedJar"));
    assertTrue(Files.isRegularFile(jar), "build the driver module first: " + jar);
  }

  @Test
  void theJarAloneIsAWorkingJdbcDriver() throws Exception {
    // A class loader that sees only the jar, as a SQL tool's driver manager does.
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Driver driver = ServiceLoader.load(Driver.class, loader).findFirst().orElseThrow();
      assertEquals("dev.shale.jdbc.ShaleDriver", driver.getClass().getName());
      assertTrue(driver.acceptsURL("jdbc:shale:" + dir));
      try (Connection c = driver.connect("jdbc:shale:" + dir.resolve("db"), new Properties());
          Statement s = c.createStatement()) {
        assertEquals(1, s.executeUpdate("INSERT INTO kv VALUES ('jar', 'ok')"));
        try (ResultSet rs = s.executeQuery("SELECT key, value FROM kv")) {
          assertTrue(rs.next());
          assertEquals("jar", rs.getString("key"));
          assertEquals("ok", rs.getString("value"));
        }
      }
    }
  }

  @Test
  void javaDashJarRunsTheShellOnThePipedScriptAndTheDefaultDatabasePersists() throws Exception {
    String first = shell(dir, "INSERT INTO kv VALUES ('a','1');\nSELECT * FROM kv;\n!quit\n");
    assertTrue(first.contains("| a   | 1     |"), first);
    assertTrue(Files.isDirectory(dir.resolve("shale-data")), "default database ./shale-data");
    String second = shell(dir, "SELECT key, value FROM kv WHERE key = 'a';\n");
    assertTrue(second.contains("| a   | 1     |"), second);
  }

  @Test
  void aSecondProcessIsToldTheDatabaseIsLocked() throws Exception {
    Path db = dir.resolve("shale-data");
    try (Connection held = java.sql.DriverManager.getConnection("jdbc:shale:" + db)) {
      String out = shell(dir, "SELECT * FROM kv;\n");
      assertTrue(out.contains("locked") && out.contains(db.toRealPath().toString()), out);
    }
  }

  @Test
  void aDatabaseThatRefusesToOpenIsSalvagedByTheJarsCommand() throws Exception {
    Path db = dir.resolve("damaged");
    String url = "jdbc:shale:" + db;
    try (Connection c = java.sql.DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('a', '1'), ('b', '2')");
    }
    Path manifest;
    try (java.util.stream.Stream<Path> files = Files.list(db)) {
      manifest =
          files.filter(f -> f.getFileName().toString().startsWith("MANIFEST")).findFirst().get();
    }
    byte[] bytes = Files.readAllBytes(manifest);
    bytes[9] ^= 0x01; // in its one edit: the whole state
    Files.write(manifest, bytes);
    java.sql.SQLException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.sql.SQLException.class, () -> java.sql.DriverManager.getConnection(url).close());
    assertEquals("XX001", refused.getSQLState(), refused.getMessage());
    assertTrue(
        refused.getMessage().contains(manifest.getFileName().toString()), refused.getMessage());

    String out = shell(dir, "", "salvage", db.toString());

    assertTrue(out.contains("Nothing was lost"), out);
    try (Connection c = java.sql.DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT key, value FROM kv ORDER BY key")) {
      assertTrue(rs.next());
      assertEquals("a", rs.getString(1));
      assertTrue(rs.next());
      assertEquals("2", rs.getString(2));
    }
  }

  /** Runs {@code java -jar} in {@code workDir} with {@code script} on stdin; stdout+stderr. */
  static String shell(Path workDir, String script, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "shell finished");
    return out;
  }
}
