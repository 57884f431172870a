package dev.shale.engine;

import java.nio.file.Path;

/**
 * What one {@link Db#checkpoint} made: the directory, the sequence number whose state it holds
 * (every write committed up to it, none after), the tables hard-linked and those copied (where
 * links are not possible), the log and manifest bytes copied, and how long it took.
 */
public record CheckpointReport(
    Path directory,
    long sequence,
    int tablesLinked,
    int tablesCopied,
    long bytesCopied,
    long nanos) {}
