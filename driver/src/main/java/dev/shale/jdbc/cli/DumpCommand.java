package dev.shale.jdbc.cli;

import dev.shale.sql.bulk.BulkDumper;
import dev.shale.sql.bulk.BulkFormat;
import dev.shale.sql.bulk.DumpReport;
import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.store.KvDatabase;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dump --dir <dir> [--from k] [--to k]}: kv's rows in key order, one snapshot. */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Write kv's rows (key,value, with a header) in key order from one snapshot, as CSV or TSV,",
      "to stdout (data only) or a file; load reads them back exactly (NULL apart from '')."
    },
    footer = {
      "",
      "Exit codes: 0 done; 2 usage error; 3 stopped by a failure; 4 database unavailable."
    })
final class DumpCommand implements Callable<Integer> {

  @Option(names = "--dir", required = true, description = "the database directory")
  Path dir;

  @Mixin KeyRange range = new KeyRange();

  @Option(
      names = "--format",
      description = "csv or tsv (default: from the -o file name, else csv)",
      converter = LoadCommand.FormatConverter.class)
  BulkFormat format;

  @Option(
      names = "--header",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "write the header key,value first (default: --header)")
  boolean header;

  @Option(
      names = {"-o", "--output"},
      description = "the file to write (default: stdout)")
  Path output;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    BulkFormat chosen =
        format != null
            ? format
            : output != null ? BulkFormat.forFile(output.toString()) : BulkFormat.CSV;
    KvDatabase database;
    try {
      database = ToolDatabase.open(dir, false);
    } catch (ToolDatabase.Unavailable e) {
      err.println("dump: " + e.getMessage());
      return e.exitCode;
    }
    try (Progress progress = new Progress("dump", -1, err, Progress.stderrIsTerminal())) {
      DumpReport report;
      if (output == null) {
        report = dump(database, out, chosen, progress);
      } else {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
          report = dump(database, file, chosen, progress);
        }
      }
      progress.close();
      err.println("dump: " + report.summary());
      return ToolDatabase.OK;
    } catch (IOException e) {
      err.println("dump: cannot write " + output + ": " + e);
      return ToolDatabase.UNAVAILABLE;
    } catch (ShaleSqlException e) {
      err.println("dump: " + e.getMessage() + " (" + e.sqlState() + ")");
      return ToolDatabase.STOPPED;
    } finally {
      database.release();
    }
  }

  private DumpReport dump(KvDatabase database, OutputStream to, BulkFormat f, Progress progress) {
    return new BulkDumper(database.store())
        .dump(to, f, header, range.from, range.to, rows -> progress.update(rows, 0));
  }
}
