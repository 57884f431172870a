package dev.shale.engine.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a database directory and their names.
 *
 * <pre>
 * LOCK              held open and locked while a process has the database open
 * CURRENT           the name of the current manifest
 * MANIFEST-000004   the log of version edits: which tables make up the database
 * 000007.log        write-ahead logs, numbered in the order they were started
 * 000009.sst        tables
 * 000011.dbtmp      a file being written before it is renamed into place
 * </pre>
 *
 * Numbers come from one counter, zero-padded to six digits so that names sort in number order (past
 * 999999 they grow wider; readers parse the number, so order is kept).
 */
final class DbDirectory {

  /** What a file of the directory is, judged by its name. */
  enum Kind {
    LOG,
    TABLE,
    MANIFEST,
    TEMP
  }

  /** A numbered file of the directory. */
  record Entry(Kind kind, long number, Path path) {}

  private static final Pattern NAME =
      Pattern.compile("(?:(\\d{1,18})\\.(log|sst|dbtmp))|(?:MANIFEST-(\\d{1,18}))");

  private final Path path;

  DbDirectory(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  Path logFile(long number) {
    return path.resolve(String.format("%06d.log", number));
  }

  Path tableFile(long number) {
    return path.resolve(String.format("%06d.sst", number));
  }

  /** The numbered files present, in no particular order; other files are ignored. */
  List<Entry> list() throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
      for (Path file : files) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        if (m.group(3) != null) {
          entries.add(new Entry(Kind.MANIFEST, Long.parseLong(m.group(3)), file));
        } else {
          Kind kind =
              switch (m.group(2)) {
                case "log" -> Kind.LOG;
                case "sst" -> Kind.TABLE;
                default -> Kind.TEMP;
              };
          entries.add(new Entry(kind, Long.parseLong(m.group(1)), file));
        }
      }
    }
    return entries;
  }

  /** The numbers of the log files present, ascending. */
  List<Long> logNumbers() throws IOException {
    List<Long> numbers = new ArrayList<>();
    for (Entry e : list()) {
      if (e.kind() == Kind.LOG) {
        numbers.add(e.number());
      }
    }
    Collections.sort(numbers);
    return numbers;
  }

  /** Makes file creations and deletions in the directory durable. */
  void sync() throws IOException {
    try (FileChannel dir = FileChannel.open(path, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
