package dev.shale.sql.sys;

import java.sql.Types;
import java.util.List;

/**
 * The tables of the read-only schema {@code sys}: their names, columns and meaning. One list for
 * the SQL side ({@link SysSchema}) and for {@code DatabaseMetaData}, so a tool browsing the schema
 * sees exactly the columns a query gets.
 */
public final class SysTables {

  /** The schema's name, beside {@code shale}. */
  public static final String SCHEMA = "sys";

  /** What {@code DatabaseMetaData.getTables} calls them. */
  public static final String TABLE_TYPE = "SYSTEM TABLE";

  /** A column: its name, JDBC type, whether it may be NULL, and what it holds. */
  public record Column(String name, int jdbcType, boolean nullable, String remarks) {
    public String typeName() {
      return switch (jdbcType) {
        case Types.BIGINT -> "BIGINT";
        case Types.INTEGER -> "INTEGER";
        case Types.DOUBLE -> "DOUBLE";
        case Types.BOOLEAN -> "BOOLEAN";
        default -> "VARCHAR";
      };
    }
  }

  /** A table: its name, what it shows, its columns. */
  public record Table(String name, String remarks, List<Column> columns) {}

  private static Column text(String name, boolean nullable, String remarks) {
    return new Column(name, Types.VARCHAR, nullable, remarks);
  }

  private static Column bigint(String name, String remarks) {
    return new Column(name, Types.BIGINT, false, remarks);
  }

  private static Column integer(String name, String remarks) {
    return new Column(name, Types.INTEGER, false, remarks);
  }

  private static Column bool(String name, String remarks) {
    return new Column(name, Types.BOOLEAN, false, remarks);
  }

  public static final Table STATS =
      new Table(
          "stats",
          "The engine's counters since the database opened: reads by level, filters, cache,"
              + " flushes, compactions, stalls, amplification, key and value sizes",
          List.of(
              text("name", false, "counter name"),
              text("value", false, "its value, as text (a count, bytes, ns or a ratio)"),
              text("unit", false, "count, bytes, ns, gets, ratio, keys, values"),
              text("description", false, "what it counts")));

  public static final Table LEVELS =
      new Table(
          "levels",
          "The levels of the LSM tree now: files, bytes, and the compaction picker's target and"
              + " score (1 or more: it needs compacting)",
          List.of(
              integer("level", "0 (flushed memtables, overlapping) to 6"),
              integer("files", "tables in the level"),
              bigint("bytes", "bytes of its tables"),
              bigint("target_bytes", "size above which it needs compacting (0: level 0, last)"),
              new Column("score", Types.DOUBLE, false, "compaction score (level 0: files/trigger)"),
              text("smallest_key", true, "smallest key of its tables, NULL if empty"),
              text("largest_key", true, "largest key of its tables, NULL if empty")));

  public static final Table SSTABLES =
      new Table(
          "sstables",
          "Every table file of the current state",
          List.of(
              bigint("number", "file number (NNNNNN.sst)"),
              integer("level", "its level"),
              bigint("bytes", "file size"),
              text("smallest_key", false, "smallest key (range deletions included)"),
              text("largest_key", false, "largest key (range deletions included)"),
              bigint("smallest_sequence", "sequence of the entry of its smallest key"),
              bigint("largest_sequence", "sequence of the entry of its largest key"),
              integer("range_tombstones", "range deletions it holds")));

  public static final Table SETTINGS =
      new Table(
          "settings",
          "The engine's options as the database was opened, and this connection's own settings",
          List.of(
              text("name", false, "setting"),
              text("value", false, "its value"),
              text("description", false, "what it does"),
              text(
                  "source",
                  false,
                  "default, database (its first opener set it) or connection (this connection)")));

  public static final Table CONNECTIONS =
      new Table(
          "connections",
          "The sessions open on this database in this JVM (embedded and the server's remote ones)",
          List.of(
              bigint("id", "session number in this JVM"),
              text("opened", false, "when it opened (UTC, ISO-8601)"),
              bigint("statements", "statements it prepared, and batches it ran"),
              bool("auto_commit", "auto-commit mode"),
              bool("read_only", "read-only mode"),
              text("isolation", false, "isolation it gives"),
              bool("this_connection", "whether it is the connection asking")));

  public static final Table TRANSACTIONS =
      new Table(
          "transactions",
          "The open transactions (manual-commit sessions that have begun one)",
          List.of(
              bigint("connection_id", "the session (sys.connections.id)"),
              text("begun", false, "when it took its snapshot (UTC, ISO-8601)"),
              bigint("age_ms", "milliseconds since it began"),
              bigint("write_bytes", "bytes of its buffered, uncommitted writes"),
              text("isolation", false, "isolation it gives")));

  /** Every sys table, in the order tools list them. */
  public static final List<Table> ALL =
      List.of(CONNECTIONS, LEVELS, SETTINGS, SSTABLES, STATS, TRANSACTIONS);

  private SysTables() {}
}
