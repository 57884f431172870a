package dev.shale.sql.bulk;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlExceptionTranslator;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.exec.KvEncoding;
import dev.shale.sql.store.KvDatabase;
import dev.shale.sql.store.KvMaintenance;
import dev.shale.sql.store.KvStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads CSV or TSV ({@link BulkFormat}) into kv, streaming: memory does not grow with the input.
 *
 * <p>While keys arrive in strictly ascending order the rows go through the engine's ingest,
 * straight into tables ({@link IngestWriter}); at the first key out of order what was ingested is
 * committed and the rest goes through large write batches ({@link BatchWriter}). Either way the
 * database changes only in whole units (an ingest chunk or a batch), each atomic and durable.
 *
 * <p>A row that breaks a rule is rejected with its line and reason and the load goes on, up to
 * {@link LoadOptions#maxErrors()} rejects; the next reject, malformed quoting or input that is not
 * UTF-8 stops it. A stopped load commits the good rows before the line that stopped it and says why
 * in {@link LoadReport#stopped()}. A failure of the database or of reading the input throws, naming
 * how many rows were committed before it.
 */
public final class BulkLoader {

  private static final Logger LOG = LoggerFactory.getLogger(BulkLoader.class);

  /** Rejected rows a report lists (all are counted, heard and written to the rejects file). */
  public static final int REJECTS_KEPT = 1000;

  private final KvStore store;
  private final KvMaintenance engine;
  private final ReentrantLock lock;

  /**
   * A loader into {@code store} whose statements write under {@code lock}; {@code engine} is the
   * ingest path, or null for batches only.
   */
  public BulkLoader(KvStore store, KvMaintenance engine, ReentrantLock lock) {
    this.store = store;
    this.engine = engine;
    this.lock = lock;
  }

  /** A loader into {@code database}. */
  public static BulkLoader of(KvDatabase database) {
    return new BulkLoader(database.store(), database.maintenance(), database.writeLock());
  }

  /** Loads UTF-8 {@code input} (not closed) as {@code options} say. */
  public LoadReport load(InputStream input, LoadOptions options) {
    long start = System.nanoTime();
    CountingInputStream counted = new CountingInputStream(input);
    Reader reader =
        new BufferedReader(
            new InputStreamReader(
                counted,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            1 << 16);
    Run run = new Run(options, counted);
    try {
      CSVParser parser = options.format().csv().parse(reader);
      run.read(parser);
    } catch (IOException e) {
      run.abandon();
      throw run.failure(SqlStates.IO_ERROR, "cannot read the input: " + e, e);
    } catch (UncheckedIOException e) {
      run.abandon();
      throw run.failure(SqlStates.IO_ERROR, "cannot read the input: " + e.getCause(), e);
    } catch (ShaleSqlException e) {
      run.abandon();
      throw run.refused ? e : run.failure(e.sqlState(), e.getMessage(), e);
    } catch (RuntimeException e) {
      run.abandon();
      SQLException translated = SqlExceptionTranslator.translate(e);
      throw run.failure(translated.getSQLState(), translated.getMessage(), e);
    }
    LoadReport report = run.report(System.nanoTime() - start);
    LOG.info("load: {}", report.summary());
    return report;
  }

  /** One load's state. */
  private final class Run {
    final LoadOptions options;
    final CountingInputStream counted;
    final IngestWriter ingest;
    final BatchWriter batches;
    final CSVPrinter rejectsOut;
    final List<Reject> kept = new ArrayList<>();
    final int maxKey = store.maxKeyBytes();
    final int maxValue = store.maxValueBytes();
    boolean ingesting;
    boolean refused; // the input was refused before any row: no "rows committed" to tell
    LoadPath path = LoadPath.NONE;
    long read;
    long rejected;
    long line;
    long switchedAt;
    String stopped;

    Run(LoadOptions options, CountingInputStream counted) {
      this.options = options;
      this.counted = counted;
      this.ingest =
          engine == null
              ? null
              : new IngestWriter(engine, store, lock, options.mode(), options.ingestChunkBytes());
      this.batches = new BatchWriter(store, lock, options.mode(), options.batchBytes());
      this.ingesting = ingest != null;
      CSVPrinter printer = null;
      if (options.rejects() != null) {
        try {
          printer = options.format().csv().print(options.rejects());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      this.rejectsOut = printer;
    }

    void read(CSVParser parser) throws IOException {
      Iterator<CSVRecord> records = parser.iterator();
      boolean first = true;
      while (true) {
        long before = parser.getCurrentLineNumber();
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException e) {
          IOException cause = e.getCause();
          if (cause instanceof CSVException) {
            Reject r = Rejects.malformed(before + 1, cause.getMessage());
            stop(r, r.toString());
            break;
          }
          if (cause instanceof CharacterCodingException) {
            Reject r = Rejects.notUtf8(before + 1);
            stop(r, r.toString());
            break;
          }
          throw e;
        }
        line = before + 1;
        if (first) {
          first = false;
          if (options.header()) {
            checkHeader(record);
            continue;
          }
        }
        read++;
        Reject reject = take(record);
        if (reject != null) {
          if (reject(reject, record)) {
            break;
          }
        }
        if ((read & 1023) == 0) {
          options.listener().progress(read, counted.count());
        }
      }
      finish();
      options.listener().progress(read, counted.count());
      if (rejectsOut != null) {
        rejectsOut.flush();
      }
    }

    private void checkHeader(CSVRecord record) {
      if (record.size() != 2
          || !"key".equalsIgnoreCase(record.get(0))
          || !"value".equalsIgnoreCase(record.get(1))) {
        refused = true;
        throw new ShaleSqlException(
            SqlStates.INVALID_PARAMETER_VALUE,
            "Line "
                + line
                + " is not the header key,value that the load expects first; load a file without"
                + " a header with --no-header (CALL shale.load(file, format, mode, 'noheader'))");
      }
    }

    /** Checks and stores one record; returns its rejection or null. */
    private Reject take(CSVRecord record) {
      if (record.size() != 2) {
        return Rejects.fieldCount(line, record.size());
      }
      String key = record.get(0);
      String value = record.get(1);
      if (key == null) {
        return Rejects.nullKey(line);
      }
      int keyLength = KvEncoding.encodedLength(key);
      if (keyLength == 0) {
        return Rejects.emptyKey(line, maxKey);
      }
      if (keyLength > maxKey) {
        return Rejects.keyTooLong(line, key, keyLength, maxKey);
      }
      if (value != null && KvEncoding.encodedLength(value) > maxValue) {
        return Rejects.valueTooLong(line, key, KvEncoding.encodedLength(value), maxValue);
      }
      byte[] keyBytes = KvEncoding.encodeKey(key);
      byte[] valueBytes = KvEncoding.encodeValue(value);
      if (ingesting) {
        if (ingest.ascends(keyBytes)) {
          Reject reject = ingest.add(line, key, keyBytes, valueBytes);
          if (reject == null) {
            path = path.and(LoadPath.INGEST);
          }
          return reject;
        }
        if (options.mode() == LoadMode.INSERT && ingest.isLast(keyBytes)) {
          return Rejects.repeated(line, key, ingest.lastLine());
        }
        ingest.commit();
        ingesting = false;
        switchedAt = line;
        LOG.debug("load: key out of order at line {}, continuing with write batches", line);
      }
      Reject reject = batches.add(line, key, keyBytes, valueBytes);
      if (reject == null) {
        path = path.and(LoadPath.BATCHES);
      }
      return reject;
    }

    /** Counts and reports {@code reject}; returns whether the load must stop. */
    private boolean reject(Reject reject, CSVRecord record) throws IOException {
      if (rejected == options.maxErrors()) {
        stop(
            reject,
            "more than "
                + options.maxErrors()
                + " rejected row(s) (max errors "
                + options.maxErrors()
                + ") at "
                + reject);
        return true;
      }
      count(reject);
      if (rejectsOut != null && record != null) {
        rejectsOut.printRecord((Object[]) record.values());
      }
      return false;
    }

    private void count(Reject reject) {
      rejected++;
      if (kept.size() < REJECTS_KEPT) {
        kept.add(reject);
      }
      options.listener().rejected(reject);
    }

    /** Stops the load at {@code reject} (counted); the rows before it are still committed. */
    private void stop(Reject reject, String why) {
      count(reject);
      stopped = why;
    }

    /** Commits what is pending. */
    private void finish() {
      if (ingest != null) {
        ingest.commit();
      }
      batches.flush();
    }

    void abandon() {
      if (ingest != null) {
        ingest.abandon();
      }
      batches.abandon();
    }

    long committed() {
      return (ingest == null ? 0 : ingest.committedRows()) + batches.committedRows();
    }

    ShaleSqlException failure(String state, String message, Throwable cause) {
      return new ShaleSqlException(
          state == null ? SqlStates.GENERAL_ERROR : state,
          "Load stopped at line "
              + line
              + ": "
              + message
              + "; "
              + committed()
              + " row(s) were committed before it, in whole chunks; none after them",
          cause);
    }

    LoadReport report(long nanos) {
      return new LoadReport(
          read,
          committed(),
          rejected,
          counted.count(),
          nanos,
          path,
          switchedAt,
          ingest == null ? 0 : ingest.commits(),
          batches.batches(),
          stopped,
          List.copyOf(kept));
    }
  }
}
