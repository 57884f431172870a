package dev.shale.engine.db;

import dev.shale.engine.Db;
import dev.shale.engine.DbException;
import dev.shale.engine.Options;
import dev.shale.engine.env.Env;
import dev.shale.engine.env.FileNames;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a database: its directory, the lock on it, then recovery ({@link DbImpl#recover}); a
 * failed open closes what it opened and holds no lock.
 */
public final class DbOpen {

  private static final Logger LOG = LoggerFactory.getLogger(DbOpen.class);

  private DbOpen() {}

  /** See {@link Db#open}; the files live in {@link Options#env()}. */
  public static Db open(Path dir, Options options) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(options, "options");
    Path path = dir.toAbsolutePath().normalize();
    return open(options.env(), path, path.toString(), options);
  }

  /** See {@link Db#openInMemory}: the same database over a fresh {@link Env#inMemory()}. */
  public static Db openInMemory(Options options) {
    Objects.requireNonNull(options, "options");
    return open(
        Env.inMemory(), Path.of("/in-memory").toAbsolutePath(), "in-memory database", options);
  }

  private static Db open(Env env, Path path, String name, Options options) {
    options.checkMemoryBudget();
    JitHazards.load();
    try {
      env.createDirectories(path);
    } catch (IOException e) {
      throw new DbException(
          DbException.Kind.IO, "cannot create database directory " + path + ": " + e, e);
    }
    Closeable lock = env.lock(FileNames.lockFile(path), options.lockTimeout());
    DbImpl db = new DbImpl(options, name, new DbDirectory(env, path), lock);
    try {
      db.recover();
      return db;
    } catch (IOException e) {
      closeQuietly(db, name);
      throw new DbException(DbException.Kind.IO, "cannot open database " + path + ": " + e, e);
    } catch (RuntimeException | Error e) {
      closeQuietly(db, name);
      throw e;
    }
  }

  private static void closeQuietly(DbImpl db, String name) {
    try {
      db.close();
    } catch (RuntimeException e) {
      LOG.warn("closing {} after a failed open: {}", name, e.toString());
    }
  }
}
