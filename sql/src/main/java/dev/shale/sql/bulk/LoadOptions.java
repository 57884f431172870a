package dev.shale.sql.bulk;

import java.io.Writer;

/**
 * How to load: the format, what to do with existing keys, whether a header comes first, how many
 * rejected rows to tolerate before stopping, where to copy them, who hears the progress, and the
 * sizes of the units that commit atomically.
 *
 * @param maxErrors rejected rows tolerated; the next one stops the load (0: stop at the first)
 * @param rejects where each rejected record is written, in the load's format; null for nowhere
 * @param ingestChunkBytes key and value bytes an ingest commits at a time (each chunk atomic and
 *     durable)
 * @param batchBytes key and value bytes one write batch holds (atomic, one sync)
 */
public record LoadOptions(
    BulkFormat format,
    LoadMode mode,
    boolean header,
    long maxErrors,
    Writer rejects,
    LoadListener listener,
    long ingestChunkBytes,
    long batchBytes) {

  /** Default of {@link #maxErrors}: enough for a few typos, few enough to stop a wrong file. */
  public static final long DEFAULT_MAX_ERRORS = 100;

  /** Default ingest chunk: 64 MiB of keys and values. */
  public static final long DEFAULT_INGEST_CHUNK_BYTES = 64L << 20;

  /** Default write batch: 8 MiB of keys and values. */
  public static final long DEFAULT_BATCH_BYTES = 8L << 20;

  public LoadOptions {
    if (format == null || mode == null || listener == null) {
      throw new IllegalArgumentException("format, mode and listener are required");
    }
    if (maxErrors < 0 || ingestChunkBytes <= 0 || batchBytes <= 0) {
      throw new IllegalArgumentException("maxErrors >= 0, chunk and batch sizes > 0");
    }
  }

  /** CSV, replace, with a header, the default limits, nowhere for rejects, nobody listening. */
  public static LoadOptions defaults() {
    return new LoadOptions(
        BulkFormat.CSV,
        LoadMode.REPLACE,
        true,
        DEFAULT_MAX_ERRORS,
        null,
        LoadListener.NONE,
        DEFAULT_INGEST_CHUNK_BYTES,
        DEFAULT_BATCH_BYTES);
  }

  public LoadOptions withFormat(BulkFormat f) {
    return new LoadOptions(
        f, mode, header, maxErrors, rejects, listener, ingestChunkBytes, batchBytes);
  }

  public LoadOptions withMode(LoadMode m) {
    return new LoadOptions(
        format, m, header, maxErrors, rejects, listener, ingestChunkBytes, batchBytes);
  }

  public LoadOptions withHeader(boolean h) {
    return new LoadOptions(
        format, mode, h, maxErrors, rejects, listener, ingestChunkBytes, batchBytes);
  }

  public LoadOptions withMaxErrors(long n) {
    return new LoadOptions(
        format, mode, header, n, rejects, listener, ingestChunkBytes, batchBytes);
  }

  public LoadOptions withRejects(Writer w) {
    return new LoadOptions(
        format, mode, header, maxErrors, w, listener, ingestChunkBytes, batchBytes);
  }

  public LoadOptions withListener(LoadListener l) {
    return new LoadOptions(
        format, mode, header, maxErrors, rejects, l, ingestChunkBytes, batchBytes);
  }

  /** Smaller (or larger) atomic units: tests see chunks and batches commit without 64 MiB. */
  public LoadOptions withUnits(long chunkBytes, long batch) {
    return new LoadOptions(format, mode, header, maxErrors, rejects, listener, chunkBytes, batch);
  }
}
