package dev.shale.sql.call;

import dev.shale.engine.CheckpointReport;
import dev.shale.sql.bulk.BulkDumper;
import dev.shale.sql.bulk.BulkFormat;
import dev.shale.sql.bulk.BulkLoader;
import dev.shale.sql.bulk.Compaction;
import dev.shale.sql.bulk.DumpReport;
import dev.shale.sql.bulk.LoadMode;
import dev.shale.sql.bulk.LoadOptions;
import dev.shale.sql.bulk.LoadReport;
import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.session.Session;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The procedures of schema {@code shale}: their signatures, the columns of the one row each
 * returns, and what they do. File names are the database process's (relative ones from its working
 * directory).
 */
enum Procedure {
  LOAD(
      "shale.load('<file>' [, 'csv'|'tsv' [, 'replace'|'insert' [, 'header'|'noheader']]])",
      1,
      4,
      true,
      List.of(
          Column.bigint("rows_read"),
          Column.bigint("rows_loaded"),
          Column.bigint("rows_rejected"),
          Column.bigint("bytes"),
          Column.decimal("seconds"),
          Column.decimal("rows_per_second"),
          Column.text("path"),
          Column.text("stopped"),
          Column.text("first_reject"))) {
    @Override
    Object[] run(Session session, String[] args) {
      Path file = path(args[0], "file");
      BulkFormat format =
          args.length > 1 && args[1] != null
              ? choice(BulkFormat.named(args[1]), args[1], "format", "'csv' or 'tsv'")
              : BulkFormat.forFile(file.toString());
      LoadMode mode =
          args.length > 2 && args[2] != null
              ? choice(LoadMode.named(args[2]), args[2], "mode", "'replace' or 'insert'")
              : LoadMode.REPLACE;
      boolean header = true;
      if (args.length > 3 && args[3] != null) {
        header =
            choice(
                args[3].equalsIgnoreCase("header")
                    ? Boolean.TRUE
                    : args[3].equalsIgnoreCase("noheader") ? Boolean.FALSE : null,
                args[3],
                "header",
                "'header' or 'noheader'");
      }
      if (session.readOnly()) {
        throw new ShaleSqlException(
            SqlStates.READ_ONLY_TRANSACTION,
            "CALL shale.load writes, and the connection is read-only (setReadOnly(false) first)");
      }
      LoadOptions options =
          LoadOptions.defaults().withFormat(format).withMode(mode).withHeader(header);
      LoadReport r;
      try (InputStream in = Files.newInputStream(file)) {
        r = BulkLoader.of(session.database()).load(in, options);
      } catch (IOException e) {
        throw fileError("read", file, e);
      }
      return new Object[] {
        r.rowsRead(),
        r.rowsLoaded(),
        r.rowsRejected(),
        r.bytes(),
        r.seconds(),
        r.rowsPerSecond(),
        r.path().name().toLowerCase(java.util.Locale.ROOT),
        r.stopped(),
        r.rejects().isEmpty() ? null : r.rejects().get(0).toString()
      };
    }
  },

  DUMP(
      "shale.dump('<file>' [, '<from key>' | NULL [, '<to key>' | NULL]])",
      1,
      3,
      true,
      List.of(
          Column.text("file"),
          Column.bigint("rows"),
          Column.bigint("bytes"),
          Column.decimal("seconds"))) {
    @Override
    Object[] run(Session session, String[] args) {
      Path file = path(args[0], "file");
      String from = args.length > 1 ? args[1] : null;
      String to = args.length > 2 ? args[2] : null;
      DumpReport r;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        r =
            new BulkDumper(session.database().store())
                .dump(out, BulkFormat.forFile(file.toString()), true, from, to, null);
      } catch (IOException e) {
        throw fileError("write", file, e);
      }
      return new Object[] {file.toAbsolutePath().toString(), r.rows(), r.bytes(), r.seconds()};
    }
  },

  BACKUP(
      "shale.backup('<directory that does not exist>')",
      1,
      1,
      true,
      List.of(
          Column.text("directory"),
          Column.bigint("sequence"),
          Column.bigint("tables_linked"),
          Column.bigint("tables_copied"),
          Column.bigint("bytes_copied"),
          Column.decimal("seconds"))) {
    @Override
    Object[] run(Session session, String[] args) {
      Path target = path(args[0], "directory");
      if (Files.exists(target)) {
        throw new ShaleSqlException(
            SqlStates.IO_ERROR,
            "Cannot back up into " + target.toAbsolutePath() + ": it exists; name a new directory");
      }
      CheckpointReport r = session.database().maintenance().checkpoint(target);
      return new Object[] {
        r.directory().toAbsolutePath().toString(),
        r.sequence(),
        (long) r.tablesLinked(),
        (long) r.tablesCopied(),
        r.bytesCopied(),
        r.nanos() / 1e9
      };
    }
  },

  COMPACT(
      "shale.compact([ '<from key>' | NULL [, '<to key>' | NULL]])",
      0,
      2,
      false,
      List.of(
          Column.bigint("table_bytes_before"),
          Column.bigint("table_bytes_after"),
          Column.decimal("seconds"))) {
    @Override
    Object[] run(Session session, String[] args) {
      String from = args.length > 0 ? args[0] : null;
      String to = args.length > 1 ? args[1] : null;
      Compaction c = Compaction.run(session.database(), from, to);
      return new Object[] {c.tableBytesBefore(), c.tableBytesAfter(), c.seconds()};
    }
  };

  final String signature;
  final int minArgs;
  final int maxArgs;
  final boolean files;
  final List<Column> columns;

  Procedure(String signature, int minArgs, int maxArgs, boolean files, List<Column> columns) {
    this.signature = signature;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
    this.files = files;
    this.columns = columns;
  }

  /** Runs the procedure with {@code args} (their count checked); returns its row. */
  abstract Object[] run(Session session, String[] args);

  /** The procedure called {@code name} in schema {@code shale}, or null. */
  static Procedure named(String name) {
    return Arrays.stream(values())
        .filter(p -> p.name().equalsIgnoreCase(name))
        .findFirst()
        .orElse(null);
  }

  /** Every procedure's signature, for the message of an unknown one. */
  static String all() {
    return Arrays.stream(values()).map(p -> p.signature).collect(Collectors.joining(", "));
  }

  /** A one-row result column: its label and JDBC type. */
  record Column(String label, int type) {
    static Column bigint(String label) {
      return new Column(label, java.sql.Types.BIGINT);
    }

    static Column decimal(String label) {
      return new Column(label, java.sql.Types.DOUBLE);
    }

    static Column text(String label) {
      return new Column(label, java.sql.Types.VARCHAR);
    }
  }

  Path path(String name, String what) {
    if (name == null || name.isBlank()) {
      throw wrongArguments("the " + what + " must be a non-empty text");
    }
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw wrongArguments("'" + name + "' is not a " + what + " name: " + e.getReason());
    }
  }

  <T> T choice(T chosen, String given, String what, String allowed) {
    if (chosen == null) {
      throw wrongArguments("the " + what + " is " + allowed + ", not '" + given + "'");
    }
    return chosen;
  }

  ShaleSqlException wrongArguments(String detail) {
    return new ShaleSqlException(
        SqlStates.INVALID_PARAMETER_VALUE, "Wrong argument for CALL " + signature + ": " + detail);
  }

  private static ShaleSqlException fileError(String verb, Path file, IOException e) {
    String why =
        e instanceof NoSuchFileException
            ? "no such file or directory"
            : e instanceof AccessDeniedException
                ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "it exists" : e.toString();
    return new ShaleSqlException(
        SqlStates.IO_ERROR, "Cannot " + verb + " " + file.toAbsolutePath() + ": " + why, e);
  }
}
