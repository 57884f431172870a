package dev.shale.engine;

/**
 * What {@link Db#verify} read: every block of {@code tables} tables ({@code bytes} bytes on disk),
 * holding {@code entries} entries, each block's checksum good.
 */
public record VerifyReport(int tables, long entries, long bytes) {}
