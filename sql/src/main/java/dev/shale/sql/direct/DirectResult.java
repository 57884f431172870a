package dev.shale.sql.direct;

/**
 * What a direct execution gives: a query's rows, or the update count of a write.
 *
 * @param rows the rows of a query, or null for a write
 * @param updateCount the rows a write changed, or -1 for a query
 */
public record DirectResult(DirectRows rows, long updateCount) {}
