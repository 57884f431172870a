package dev.shale.sql.store;

import dev.shale.engine.Db;
import dev.shale.engine.Options;
import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open engine shared by every connection of this JVM to the same directory (or in-memory name),
 * reference counted: the first {@code open} opens the engine and takes the directory's lock, the
 * last {@link #release()} closes it. The options of the first opener win.
 *
 * <p>Statements that write hold {@link #writeLock()} from the read of their input to the write of
 * their batch, so a check such as "this key is not there yet" still holds when the batch lands.
 * Execution reaches the engine only through {@link #store()}.
 */
public final class KvDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(KvDatabase.class);

  /**
   * The bytes a stored value takes beyond its text: the tag of {@code exec.KvEncoding} (NULL or
   * string). {@code Options.maxValueBytes} is the limit on the text, as the README states it; the
   * engine, which sees the tag too, is opened with this much more.
   */
  public static final int VALUE_TAG_BYTES = 1;

  /** Open databases by location; guarded by itself. */
  private static final Map<String, KvDatabase> OPEN = new HashMap<>();

  private final String location;
  private final Db db;
  private final KvStore store;
  private final Introspection introspection;
  private final SessionRegistry sessions = new SessionRegistry();
  private final KvMaintenance maintenance;
  private final ReentrantLock writeLock = new ReentrantLock();
  private int references; // guarded by OPEN

  private KvDatabase(String location, Db db) {
    this.location = location;
    this.db = db;
    this.store = new EngineStore(db);
    this.introspection = new EngineIntrospection(db);
    this.maintenance = new KvMaintenance(db);
  }

  /** Opens (or shares) the database in {@code dir}, creating the directory if needed. */
  public static KvDatabase openDirectory(Path dir, Options options) {
    Path real;
    try {
      Files.createDirectories(dir);
      real = dir.toRealPath();
    } catch (IOException e) {
      throw new ShaleSqlException(
          SqlStates.IO_ERROR,
          "Cannot create database directory " + dir.toAbsolutePath() + ": " + e,
          e);
    }
    return open(real.toString(), () -> Db.open(real, engineOptions(options)));
  }

  /** Opens (or shares) the in-memory database called {@code name}; gone with its last release. */
  public static KvDatabase openInMemory(String name, Options options) {
    return open("mem:" + name, () -> Db.openInMemory(engineOptions(options)));
  }

  /** {@code options} with room in the engine's value limit for each value's tag. */
  private static Options engineOptions(Options options) {
    long max = (long) options.maxValueBytes() + VALUE_TAG_BYTES;
    return options.withMaxValueBytes((int) Math.min(max, 1 << 30));
  }

  private interface Opener {
    Db open();
  }

  private static KvDatabase open(String location, Opener opener) {
    synchronized (OPEN) {
      KvDatabase database = OPEN.get(location);
      if (database == null) {
        database = new KvDatabase(location, opener.open());
        OPEN.put(location, database);
        if (location.startsWith("mem:")) {
          LOG.debug("Opened database {}", location); // private and short-lived, the warm-up's too
        } else {
          LOG.info("Opened database {}", location);
        }
      }
      database.references++;
      return database;
    }
  }

  /** Gives back one reference; the last one closes the engine and releases its lock. */
  public void release() {
    synchronized (OPEN) {
      if (references == 0) {
        return;
      }
      if (--references == 0) {
        OPEN.remove(location);
        db.close();
        if (location.startsWith("mem:")) {
          LOG.debug("Closed database {}", location);
        } else {
          LOG.info("Closed database {}", location);
        }
      }
    }
  }

  /** The database as execution reads and writes it. */
  public KvStore store() {
    return store;
  }

  /** The engine itself, for tests in this package that compare what SQL shows with it. */
  Db engine() {
    return db;
  }

  /** The engine as the {@code sys} tables and EXPLAIN ANALYZE see it. */
  public Introspection introspection() {
    return introspection;
  }

  /** The sessions open on this database in this JVM. */
  public SessionRegistry sessions() {
    return sessions;
  }

  /** Ingest, compaction and checkpoint, for the bulk tools; statements use {@link #store()}. */
  public KvMaintenance maintenance() {
    return maintenance;
  }

  /** Where the database lives: a directory's real path, or {@code mem:<name>}. */
  public String location() {
    return location;
  }

  /** Held by a statement from the reads its writes depend on to the write of its batch. */
  public ReentrantLock writeLock() {
    return writeLock;
  }
}
