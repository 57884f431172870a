package dev.shale.sql.direct;

import dev.shale.sql.adapter.KvSchema;
import dev.shale.sql.adapter.KvTable;
import java.sql.Types;

/**
 * One column of a direct query's result, described as the planned path describes it. Besides the
 * four components, the planned path's result set metadata says the same of every column: scale 0,
 * signed, case sensitive, not searchable, read-only, not writable, not auto-increment, not
 * currency, no catalog.
 *
 * @param label the column's label as the statement wrote it ({@code key}, {@code VALUE}), or {@code
 *     EXPR$0} for {@code COUNT(*)}
 * @param columnName the kv column it reads ({@code key} or {@code value}), or {@code EXPR$0} (as
 *     Calcite names it) for {@code COUNT(*)}
 * @param type its {@link java.sql.Types} code: VARCHAR for kv's columns, BIGINT for a count
 * @param nullable whether it can be NULL
 */
public record DirectColumn(String label, String columnName, int type, boolean nullable) {

  private boolean isCount() {
    return type == Types.BIGINT;
  }

  /** Its type's name: VARCHAR or BIGINT. */
  public String typeName() {
    return isCount() ? "BIGINT" : "VARCHAR";
  }

  /** The class of its values: {@code java.lang.String}, or {@code java.lang.Long} for a count. */
  public String className() {
    return isCount() ? Long.class.getName() : String.class.getName();
  }

  /** Its precision: 0 for kv's columns (no declared length), 19 for a count. */
  public int precision() {
    return isCount() ? 19 : 0;
  }

  /** Its display size: -1 for kv's columns (unbounded), 19 for a count. */
  public int displaySize() {
    return isCount() ? 19 : -1;
  }

  /** The table it reads, {@code kv}; null for a count. */
  public String tableName() {
    return isCount() ? null : KvTable.NAME;
  }

  /** The schema of its table, {@code shale}; null for a count. */
  public String schemaName() {
    return isCount() ? null : KvSchema.NAME;
  }
}
