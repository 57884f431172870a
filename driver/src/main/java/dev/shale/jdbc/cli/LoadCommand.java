package dev.shale.jdbc.cli;

import dev.shale.sql.bulk.BulkFormat;
import dev.shale.sql.bulk.BulkLoader;
import dev.shale.sql.bulk.LoadListener;
import dev.shale.sql.bulk.LoadMode;
import dev.shale.sql.bulk.LoadOptions;
import dev.shale.sql.bulk.LoadReport;
import dev.shale.sql.bulk.Reject;
import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.store.KvDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code load --dir <dir> <file|->}: CSV or TSV into kv, the fastest way the input allows. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Load CSV or TSV rows (key,value) into kv: ingested straight into tables while keys ascend,",
      "then in large write batches. Rejected rows are reported on stderr with line and reason."
    },
    footer = {
      "",
      "Exit codes: 0 all rows loaded; 1 loaded, some rows rejected; 2 usage error;",
      "3 stopped early (rows before the stop are loaded); 4 database or file unavailable."
    })
final class LoadCommand implements Callable<Integer> {

  @Option(names = "--dir", required = true, description = "the database directory")
  Path dir;

  @Option(
      names = "--format",
      description = "csv or tsv (default: from the file name, else csv)",
      converter = FormatConverter.class)
  BulkFormat format;

  @Option(names = "--insert", description = "reject keys that exist (default: replace them)")
  boolean insert;

  @Option(
      names = "--header",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "the first line is the header key,value (default: --header)")
  boolean header;

  @Option(
      names = "--max-errors",
      defaultValue = "100",
      description = "rejected rows tolerated before the load stops; 0 = stop at the first")
  long maxErrors;

  @Option(names = "--rejects", description = "write the rejected records to this file")
  Path rejects;

  @Parameters(paramLabel = "<file|->", description = "the input; - for stdin")
  String input;

  PrintStream err = System.err;
  InputStream stdin = System.in;

  @Override
  public Integer call() {
    boolean fromStdin = input.equals("-");
    BulkFormat chosen =
        format != null ? format : fromStdin ? BulkFormat.CSV : BulkFormat.forFile(input);
    long size = -1;
    InputStream in;
    try {
      if (fromStdin) {
        in = stdin;
      } else {
        Path file = Path.of(input);
        size = Files.size(file);
        in = Files.newInputStream(file);
      }
    } catch (NoSuchFileException e) {
      err.println("load: cannot read " + input + ": no such file");
      return ToolDatabase.UNAVAILABLE;
    } catch (IOException e) {
      err.println("load: cannot read " + input + ": " + e);
      return ToolDatabase.UNAVAILABLE;
    }
    KvDatabase database;
    try {
      database = ToolDatabase.open(dir, true);
    } catch (ToolDatabase.Unavailable e) {
      err.println("load: " + e.getMessage());
      closeQuietly(in, fromStdin);
      return e.exitCode;
    }
    Writer rejectsOut = null;
    try (Progress progress = new Progress("load", size, err, Progress.stderrIsTerminal())) {
      if (rejects != null) {
        rejectsOut = new BufferedWriter(Files.newBufferedWriter(rejects, StandardCharsets.UTF_8));
      }
      LoadListener listener =
          new LoadListener() {
            @Override
            public void progress(long rows, long bytes) {
              progress.update(rows, bytes);
            }

            @Override
            public void rejected(Reject reject) {
              err.println("load: rejected " + reject);
            }
          };
      LoadOptions options =
          LoadOptions.defaults()
              .withFormat(chosen)
              .withMode(insert ? LoadMode.INSERT : LoadMode.REPLACE)
              .withHeader(header)
              .withMaxErrors(maxErrors)
              .withRejects(rejectsOut)
              .withListener(listener);
      LoadReport report = BulkLoader.of(database).load(in, options);
      progress.close();
      err.println("load: " + report.summary());
      if (report.stopped() != null) {
        return ToolDatabase.STOPPED;
      }
      return report.rowsRejected() > 0 ? ToolDatabase.REJECTED : ToolDatabase.OK;
    } catch (ShaleSqlException e) {
      err.println("load: " + e.getMessage() + " (" + e.sqlState() + ")");
      return ToolDatabase.STOPPED;
    } catch (IOException e) {
      err.println("load: cannot write the rejects file " + rejects + ": " + e);
      return ToolDatabase.UNAVAILABLE;
    } finally {
      if (rejectsOut != null) {
        try {
          rejectsOut.close();
        } catch (IOException e) {
          err.println("load: cannot write the rejects file " + rejects + ": " + e);
        }
      }
      closeQuietly(in, fromStdin);
      database.release();
    }
  }

  private static void closeQuietly(InputStream in, boolean stdin) {
    if (!stdin) {
      try {
        in.close();
      } catch (IOException e) {
        // read-only: nothing was lost
      }
    }
  }

  /** {@code --format}: csv or tsv. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<BulkFormat> {
    @Override
    public BulkFormat convert(String value) {
      BulkFormat f = BulkFormat.named(value);
      if (f == null) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a format: csv or tsv");
      }
      return f;
    }
  }
}
