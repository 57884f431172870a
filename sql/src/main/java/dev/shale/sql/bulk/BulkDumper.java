package dev.shale.sql.bulk;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.exec.KvEncoding;
import dev.shale.sql.store.KvCursor;
import dev.shale.sql.store.KvStore;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes kv's rows in a key range, in key order, as CSV or TSV ({@link BulkFormat}), all from one
 * snapshot: writes that commit meanwhile are not in it. Streaming: one row in memory at a time.
 */
public final class BulkDumper {

  private final KvStore store;

  public BulkDumper(KvStore store) {
    this.store = store;
  }

  /**
   * Dumps the keys in [{@code from}, {@code to}) (null: unbounded) to {@code out} as UTF-8, with
   * the header {@code key,value} first if {@code header}; flushes {@code out}, does not close it.
   * {@code progress} hears the rows written so far, every 1024 rows.
   */
  public DumpReport dump(
      OutputStream out,
      BulkFormat format,
      boolean header,
      String from,
      String to,
      LongConsumer progress) {
    long start = System.nanoTime();
    long[] bytes = new long[1];
    OutputStream counting =
        new FilterOutputStream(out) {
          @Override
          public void write(int b) throws IOException {
            out.write(b);
            bytes[0]++;
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes[0] += len;
          }
        };
    Writer writer =
        new BufferedWriter(
            new OutputStreamWriter(
                counting,
                StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            1 << 16);
    long rows = dump(writer, format, header, from, to, progress);
    return new DumpReport(rows, bytes[0], System.nanoTime() - start);
  }

  /** As above, to a writer; returns the rows written. */
  public long dump(
      Writer out,
      BulkFormat format,
      boolean header,
      String from,
      String to,
      LongConsumer progress) {
    if (from != null && to != null && from.compareTo(to) >= 0) {
      return dumpNothing(out, format, header);
    }
    byte[] lower = from == null ? null : KvEncoding.encodeKey(from);
    byte[] upper = to == null ? null : KvEncoding.encodeKey(to);
    long rows = 0;
    String key = null;
    try (KvStore.ReadView view = store.snapshot();
        KvCursor cursor = view.cursor(lower, upper)) {
      CSVPrinter printer = format.csv().print(out);
      if (header) {
        printer.printRecord("key", "value");
      }
      cursor.seek(lower == null ? new byte[0] : lower);
      while (cursor.isValid()) {
        key = KvEncoding.decodeKey(cursor.key());
        printer.printRecord(key, cursor.readValue(KvEncoding.VALUES));
        rows++;
        if ((rows & 1023) == 0 && progress != null) {
          progress.accept(rows);
        }
        cursor.next();
      }
      printer.flush();
      return rows;
    } catch (CharacterCodingException e) {
      throw new ShaleSqlException(
          SqlStates.INVALID_PARAMETER_VALUE,
          "Dump stopped after "
              + rows
              + " rows: the row of key "
              + (key == null ? "?" : ShaleSqlException.quote(key))
              + " holds a lone UTF-16 surrogate, which UTF-8 cannot write",
          e);
    } catch (IOException e) {
      throw new ShaleSqlException(
          SqlStates.IO_ERROR, "Dump stopped after " + rows + " rows: cannot write: " + e, e);
    }
  }

  private static long dumpNothing(Writer out, BulkFormat format, boolean header) {
    try {
      CSVPrinter printer = format.csv().print(out);
      if (header) {
        printer.printRecord("key", "value");
      }
      printer.flush();
      return 0;
    } catch (IOException e) {
      throw new ShaleSqlException(SqlStates.IO_ERROR, "Dump failed: cannot write: " + e, e);
    }
  }
}
