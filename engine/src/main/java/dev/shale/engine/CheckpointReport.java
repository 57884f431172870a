package dev.shale.engine;

import java.nio.file.Path;

/**
 * What one {@link Db#checkpoint} made: the directory, the sequence number whose state it holds
 * (every write committed up to it, none after), the tables hard-linked and those copied (where
 * links are not possible, or the source is in memory), the bytes copied (logs up to the moment, the
 * new manifest, tables not linked), and how long it took. A database opened in memory is
 * checkpointed into {@link Options#env()}, the file system unless a test says otherwise.
 */
public record CheckpointReport(
    Path directory,
    long sequence,
    int tablesLinked,
    int tablesCopied,
    long bytesCopied,
    long nanos) {}
