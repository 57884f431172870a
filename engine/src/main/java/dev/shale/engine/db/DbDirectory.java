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
 * LOCK          held open and locked while a process has the database open
 * 000001.log    write-ahead logs, numbered in the order they were started; replayed in that order
 * </pre>
 *
 * Numbers are zero-padded to six digits so that names sort in number order (past 999999 they grow
 * wider; readers parse the number, so order is kept).
 */
final class DbDirectory {

  private static final Pattern LOG_NAME = Pattern.compile("(\\d{1,18})\\.log");

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

  /** The numbers of the log files present, ascending. */
  List<Long> logNumbers() throws IOException {
    List<Long> numbers = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
      for (Path file : files) {
        Matcher m = LOG_NAME.matcher(file.getFileName().toString());
        if (m.matches()) {
          numbers.add(Long.parseLong(m.group(1)));
        }
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
