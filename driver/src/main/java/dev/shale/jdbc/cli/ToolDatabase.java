package dev.shale.jdbc.cli;

import dev.shale.engine.DbException;
import dev.shale.engine.Options;
import dev.shale.jdbc.server.ServerRecord;
import dev.shale.sql.store.KvDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the maintenance commands (load, dump, backup, compact) open a database directory: at once or
 * not at all (no wait for the lock), and with a message that names the process holding it.
 *
 * <p>Exit codes of those commands: 0 done; 1 done, with rows rejected; 2 a usage error (picocli); 3
 * stopped before the end (max errors, malformed input, a failure; the rows before it are
 * committed); 4 the database or a file cannot be used (locked, missing, unreadable).
 */
final class ToolDatabase {

  static final int OK = 0;
  static final int REJECTED = 1;
  static final int STOPPED = 3;
  static final int UNAVAILABLE = 4;

  /** A failure that ends the command with {@code exitCode}, its message for stderr. */
  static final class Unavailable extends Exception {
    final int exitCode;

    Unavailable(String message) {
      super(message);
      this.exitCode = UNAVAILABLE;
    }
  }

  private ToolDatabase() {}

  /** What a command does with the open database; returns the exit code. */
  interface Work {
    int run(KvDatabase database);
  }

  /**
   * Runs {@code work} on the database in {@code dir} (see {@link #open}) and releases it; when the
   * database cannot be opened, says why as {@code command} and returns its exit code. A runtime
   * failure of the work is reported as {@code command: failed: …} with {@link #STOPPED}.
   */
  static int with(String command, Path dir, boolean create, PrintStream err, Work work) {
    KvDatabase database;
    try {
      database = open(dir, create);
    } catch (Unavailable e) {
      err.println(command + ": " + e.getMessage());
      return e.exitCode;
    }
    try {
      return work.run(database);
    } catch (RuntimeException e) {
      err.println(command + ": failed: " + e.getMessage());
      return STOPPED;
    } finally {
      database.release();
    }
  }

  /** Opens {@code dir}; {@code create}: make it if missing (load), else it must exist. */
  static KvDatabase open(Path dir, boolean create) throws Unavailable {
    if (!create && !Files.isDirectory(dir)) {
      throw new Unavailable("No database at " + dir.toAbsolutePath() + ": no such directory");
    }
    try {
      return KvDatabase.openDirectory(dir, Options.defaults().withLockTimeout(Duration.ZERO));
    } catch (DbException e) {
      if (e.kind() != DbException.Kind.LOCKED) {
        throw new Unavailable("Cannot open " + dir.toAbsolutePath() + ": " + e.getMessage());
      }
      throw new Unavailable(lockedMessage(dir));
    } catch (RuntimeException e) {
      throw new Unavailable("Cannot open " + dir.toAbsolutePath() + ": " + e.getMessage());
    }
  }

  /** Who holds {@code dir}: the server its record names, if there is one. */
  static String lockedMessage(Path dir) {
    Path record = dir.resolve(ServerRecord.FILE).toAbsolutePath();
    String holder;
    try {
      ServerRecord r = ServerRecord.read(dir);
      boolean alive = ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false);
      holder =
          "a Shale server (pid "
              + r.pid()
              + (alive ? "" : ", not running now")
              + ", "
              + r.url()
              + ") per its record "
              + record
              + "; stop it with shutdown --dir "
              + dir
              + ", or load through it with CALL shale.load as an admin";
    } catch (IOException e) {
      holder = "another process (no server record " + record + ")";
    }
    return "Database " + dir.toAbsolutePath() + " is locked by " + holder;
  }
}
