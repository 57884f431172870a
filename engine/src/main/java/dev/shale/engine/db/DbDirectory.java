package dev.shale.engine.db;

import dev.shale.engine.env.Env;
import dev.shale.engine.env.FileNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The numbered files of a database directory (named by {@link FileNames}) in its {@link Env}. */
final class DbDirectory {

  /** A numbered file of the directory. */
  record Entry(FileNames.Kind kind, long number, Path path) {}

  private static final Logger LOG = LoggerFactory.getLogger(DbDirectory.class);

  private final Env env;
  private final Path path;

  DbDirectory(Env env, Path path) {
    this.env = env;
    this.path = path;
  }

  Env env() {
    return env;
  }

  Path path() {
    return path;
  }

  Path logFile(long number) {
    return FileNames.logFile(path, number);
  }

  Path tableFile(long number) {
    return FileNames.tableFile(path, number);
  }

  /** The numbered files present, in no particular order; other files are ignored. */
  List<Entry> list() throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (String name : env.children(path)) {
      FileNames.Numbered n = FileNames.parse(name);
      if (n != null) {
        entries.add(new Entry(n.kind(), n.number(), path.resolve(name)));
      }
    }
    return entries;
  }

  /** The numbers of the log files present, ascending. */
  List<Long> logNumbers() throws IOException {
    List<Long> numbers = new ArrayList<>();
    for (Entry e : list()) {
      if (e.kind() == FileNames.Kind.LOG) {
        numbers.add(e.number());
      }
    }
    Collections.sort(numbers);
    return numbers;
  }

  /** Deletes {@code file} if it is there. */
  void delete(Path file) throws IOException {
    env.deleteIfExists(file);
  }

  /**
   * Deletes the tables not in {@code liveTables}, the logs below {@code firstLiveLog}, the
   * manifests below {@code manifest} and every temporary file ({@code CURRENT} is only rewritten
   * while opening); {@code evictTable} hears of each table first. Syncs the directory if any went.
   */
  void deleteObsolete(
      Set<Long> liveTables, long firstLiveLog, long manifest, LongConsumer evictTable)
      throws IOException {
    boolean deleted = false;
    for (Entry e : list()) {
      boolean obsolete =
          switch (e.kind()) {
            case TABLE -> !liveTables.contains(e.number());
            case LOG -> e.number() < firstLiveLog;
            case MANIFEST -> e.number() < manifest;
            case TEMP -> true;
          };
      if (obsolete) {
        if (e.kind() == FileNames.Kind.TABLE) {
          evictTable.accept(e.number());
        }
        delete(e.path());
        deleted = true;
        LOG.debug("deleted obsolete {}", e.path().getFileName());
      }
    }
    if (deleted) {
      sync();
    }
  }

  /** Makes file creations and deletions in the directory durable. */
  void sync() throws IOException {
    env.syncDirectory(path);
  }
}
