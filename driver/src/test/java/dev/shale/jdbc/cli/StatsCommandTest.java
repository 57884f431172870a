package dev.shale.jdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Db;
import dev.shale.engine.DbShape;
import dev.shale.engine.Options;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code stats} command of the jar, run in-process on a directory and on a URL. */
class StatsCommandTest {

  @TempDir Path dir;

  private static String run(String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new ShaleCommand()).execute(args);
      assertEquals(0, code, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aDirectorysLevelsAndShapeAreTheEnginesAfterFlushesAndCompactions() {
    Options tiny =
        Options.defaults()
            .withSync(false)
            .withWriteBufferBytes(16 << 10)
            .withTargetFileBytes(8 << 10)
            .withMaxBytesForLevelBase(32 << 10)
            .withL0Triggers(2, 4, 8);
    try (Db db = Db.open(dir, tiny)) {
      for (int i = 0; i < 5000; i++) {
        db.put(
            ("k" + (i * 7919 % 5000)).getBytes(StandardCharsets.UTF_8),
            ("value-" + i).getBytes(StandardCharsets.UTF_8));
      }
      db.flush();
    }
    String out = run("stats", "--dir", dir.toString());
    DbShape shape;
    try (Db db = Db.open(dir, tiny)) {
      shape = db.shape();
    }
    Pattern row = Pattern.compile("^  L(\\d)\\s+(\\d+)\\s+.*$", Pattern.MULTILINE);
    Matcher m = row.matcher(out);
    int levels = 0;
    while (m.find()) {
      int level = Integer.parseInt(m.group(1));
      assertEquals(
          shape.levels().get(level).tables().size(), Integer.parseInt(m.group(2)), m.group());
      levels++;
    }
    assertEquals(7, levels, out);
    int deepest = 0;
    for (DbShape.Level l : shape.levels()) {
      if (!l.tables().isEmpty()) {
        deepest = l.level();
      }
    }
    assertTrue(deepest >= 1, "compacted below level 0");
    for (int level = 0; level <= deepest; level++) {
      assertTrue(out.contains("  L" + level + " ["), "a bar for L" + level + ":\n" + out);
    }
    assertTrue(!out.contains("  L" + (deepest + 1) + " ["), "no bar below the deepest:\n" + out);
    assertTrue(out.contains("Flushes and compactions"), out);
  }

  @Test
  void aUrlAnswersThroughTheSysSchema() throws Exception {
    String url = "jdbc:shale:mem:stats-command";
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (int i = 0; i < 100; i++) {
        s.executeUpdate("INSERT INTO kv VALUES ('k" + i + "', 'v')");
      }
      String out = run("stats", "--url", url);
      Matcher m = Pattern.compile("^  puts\\s+(\\d+)$", Pattern.MULTILINE).matcher(out);
      assertTrue(m.find(), out);
      assertEquals(100, Integer.parseInt(m.group(1)));
      assertTrue(out.contains("Reads"), out);
      assertTrue(out.contains("Levels"), out);
    }
  }

  @Test
  void theBarOfALevelIsItsScore() {
    List<String> lines =
        StatsCommand.picture(
            List.of(
                new long[] {0, 2, 2000, 0},
                new long[] {1, 3, 16 << 10, 32 << 10},
                new long[] {2, 1, 64 << 20, 32 << 20}),
            List.of(0.5, 0.5, 2.0));
    assertEquals(3, lines.size());
    assertTrue(
        lines.get(0).startsWith("L0 [" + "#".repeat(20) + ".".repeat(20) + "] "), lines.get(0));
    assertTrue(lines.get(1).contains("16.0 KiB of 32.0 KiB, 3 files, score 0.50"), lines.get(1));
    assertTrue(lines.get(2).startsWith("L2 [" + "#".repeat(40) + "]!"), lines.get(2));
  }
}
