package dev.shale.engine.env;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the files of a database directory (after LevelDB's {@code filename.cc}), made and
 * parsed here only.
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
public final class FileNames {

  public static final String CURRENT = "CURRENT";
  public static final String LOCK = "LOCK";

  /** What a numbered file of the directory is, judged by its name. */
  public enum Kind {
    LOG,
    TABLE,
    MANIFEST,
    TEMP
  }

  /** A numbered file's kind and number, as its name says. */
  public record Numbered(Kind kind, long number) {}

  private static final Pattern NUMBERED =
      Pattern.compile("(?:(\\d{1,18})\\.(log|sst|dbtmp))|(?:MANIFEST-(\\d{1,18}))");

  private static final Pattern MANIFEST = Pattern.compile("MANIFEST-\\d+");

  private FileNames() {}

  public static String logName(long number) {
    return String.format("%06d.log", number);
  }

  public static String tableName(long number) {
    return String.format("%06d.sst", number);
  }

  public static String manifestName(long number) {
    return String.format("MANIFEST-%06d", number);
  }

  public static String tempName(long number) {
    return String.format("%06d.dbtmp", number);
  }

  public static Path logFile(Path dir, long number) {
    return dir.resolve(logName(number));
  }

  public static Path tableFile(Path dir, long number) {
    return dir.resolve(tableName(number));
  }

  public static Path manifestFile(Path dir, long number) {
    return dir.resolve(manifestName(number));
  }

  public static Path tempFile(Path dir, long number) {
    return dir.resolve(tempName(number));
  }

  public static Path currentFile(Path dir) {
    return dir.resolve(CURRENT);
  }

  public static Path lockFile(Path dir) {
    return dir.resolve(LOCK);
  }

  /** Whether {@code name} (the contents of CURRENT) names a manifest. */
  public static boolean isManifestName(String name) {
    return MANIFEST.matcher(name).matches();
  }

  /** The kind and number of a numbered file, or null for any other name. */
  public static Numbered parse(String name) {
    Matcher m = NUMBERED.matcher(name);
    if (!m.matches()) {
      return null;
    }
    if (m.group(3) != null) {
      return new Numbered(Kind.MANIFEST, Long.parseLong(m.group(3)));
    }
    Kind kind =
        switch (m.group(2)) {
          case "log" -> Kind.LOG;
          case "sst" -> Kind.TABLE;
          default -> Kind.TEMP;
        };
    return new Numbered(kind, Long.parseLong(m.group(1)));
  }
}
