package dev.shale.jdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** load, dump, backup, compact run through picocli on real files and directories. */
class BulkCommandsTest {

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(Object command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    if (command instanceof LoadCommand l) {
      l.err = e;
    } else if (command instanceof DumpCommand d) {
      d.out = o;
      d.err = e;
    } else if (command instanceof BackupCommand b) {
      b.err = e;
    } else if (command instanceof CompactCommand c) {
      c.err = e;
    }
    int exit = new CommandLine(command).execute(args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void loadWithBadRowsThenDumpGivesTheGoodOnesBack() throws Exception {
    Path db = dir.resolve("db");
    Path in = dir.resolve("in.csv");
    Files.writeString(
        in, "key,value\nb,\"two\nlines\"\na,1\n,nokey\nc,\"\"\nd\n", StandardCharsets.UTF_8);
    Path rejects = dir.resolve("rejects.csv");
    Run load =
        run(
            new LoadCommand(),
            "--dir",
            db.toString(),
            "--rejects",
            rejects.toString(),
            in.toString());
    assertEquals(ToolDatabase.REJECTED, load.exit(), load.err());
    assertTrue(load.err().contains("rejected line 5: NULL key"), load.err());
    assertTrue(load.err().contains("rejected line 7: wrong field count"), load.err());
    assertTrue(load.err().contains("5 rows read, 3 loaded, 2 rejected"), load.err());
    assertEquals(",\"nokey\"\n\"d\"\n", Files.readString(rejects));

    Run dump = run(new DumpCommand(), "--dir", db.toString());
    assertEquals(0, dump.exit(), dump.err());
    assertEquals("\"key\",\"value\"\n\"a\",\"1\"\n\"b\",\"two\nlines\"\n\"c\",\"\"\n", dump.out());
    assertTrue(dump.err().contains("3 rows dumped"), dump.err());

    Path out = dir.resolve("out.tsv");
    Run toFile =
        run(new DumpCommand(), "--dir", db.toString(), "--from", "b", "-o", out.toString());
    assertEquals(0, toFile.exit(), toFile.err());
    assertEquals("", toFile.out());
    assertEquals("\"key\"\t\"value\"\n\"b\"\t\"two\nlines\"\n\"c\"\t\"\"\n", Files.readString(out));

    Path db2 = dir.resolve("db2");
    Run reload = run(new LoadCommand(), "--dir", db2.toString(), out.toString());
    assertEquals(0, reload.exit(), reload.err());
    assertEquals(
        "\"key\",\"value\"\n\"b\",\"two\nlines\"\n\"c\",\"\"\n",
        run(new DumpCommand(), "--dir", db2.toString()).out());
  }

  @Test
  void aStoppedLoadExitsThreeAMissingFileFour() throws Exception {
    Path db = dir.resolve("db");
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "key,value\na,1\nbad\nb,2\n", StandardCharsets.UTF_8);
    Run stopped =
        run(new LoadCommand(), "--dir", db.toString(), "--max-errors", "0", in.toString());
    assertEquals(ToolDatabase.STOPPED, stopped.exit(), stopped.err());
    assertTrue(stopped.err().contains("stopped: more than 0 rejected row(s)"), stopped.err());
    Run missing = run(new LoadCommand(), "--dir", db.toString(), dir.resolve("no.csv").toString());
    assertEquals(ToolDatabase.UNAVAILABLE, missing.exit());
    assertTrue(missing.err().contains("no such file"), missing.err());
    Run noDb = run(new DumpCommand(), "--dir", dir.resolve("nothing").toString());
    assertEquals(ToolDatabase.UNAVAILABLE, noDb.exit());
  }

  @Test
  void aDirectoryInUseIsNamedWithItsHolder() throws Exception {
    Path db = dir.resolve("db");
    Files.createDirectories(db);
    Files.writeString(
        db.resolve("server.properties"),
        "url=http://127.0.0.1:1\nsecret=s\npid=" + ProcessHandle.current().pid() + "\n");
    // another process holds the lock: a child JVM would; here a second engine open fails the same
    // way only across processes, so check the message a locked directory gets
    String message = ToolDatabase.lockedMessage(db);
    assertTrue(message.contains("server.properties"), message);
    assertTrue(message.contains("pid " + ProcessHandle.current().pid()), message);
  }

  @Test
  void backupOpensAsTheSameDatabase() throws Exception {
    Path db = dir.resolve("db");
    try (Connection c = DriverManager.getConnection("jdbc:shale:" + db);
        Statement s = c.createStatement()) {
      for (int i = 0; i < 100; i++) {
        s.executeUpdate("INSERT INTO kv VALUES ('k" + i + "', 'v" + i + "')");
      }
    }
    Path target = dir.resolve("backup");
    Run backup = run(new BackupCommand(), "--dir", db.toString(), target.toString());
    assertEquals(0, backup.exit(), backup.err());
    String original = run(new DumpCommand(), "--dir", db.toString()).out();
    assertEquals(original, run(new DumpCommand(), "--dir", target.toString()).out());
    Run compact = run(new CompactCommand(), "--dir", db.toString());
    assertEquals(0, compact.exit(), compact.err());
    assertEquals(original, run(new DumpCommand(), "--dir", db.toString()).out());
  }
}
