package dev.shale.engine;

/**
 * What one {@link Ingest#commit} installed: rows, table files and their bytes, the level they went
 * to, the sequence number its rows carry, and how long the commit took (writing the last table,
 * syncing, recording). An ingest with no rows installs nothing: level -1, sequence 0.
 */
public record IngestReport(
    long rows, int tables, long bytes, int level, long sequence, long nanos) {}
