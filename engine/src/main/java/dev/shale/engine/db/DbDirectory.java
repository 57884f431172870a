package dev.shale.engine.db;

import dev.shale.engine.env.Env;
import dev.shale.engine.env.FileNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The numbered files of a database directory (named by {@link FileNames}) in its {@link Env}. */
final class DbDirectory {

  /** A numbered file of the directory. */
  record Entry(FileNames.Kind kind, long number, Path path) {}

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

  /** Makes file creations and deletions in the directory durable. */
  void sync() throws IOException {
    env.syncDirectory(path);
  }
}
