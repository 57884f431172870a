package dev.shale.sql.direct;

/**
 * One column of a direct query's result, described as the planned path describes it.
 *
 * @param label the column's label as the statement wrote it ({@code key}, {@code VALUE}, or the
 *     label Calcite gives an expression such as {@code COUNT(*)})
 * @param columnName the kv column it reads ({@code key} or {@code value}), or null for an
 *     expression
 * @param type its {@link java.sql.Types} code: VARCHAR for kv's columns, BIGINT for a count
 * @param nullable whether it can be NULL
 */
public record DirectColumn(String label, String columnName, int type, boolean nullable) {}
