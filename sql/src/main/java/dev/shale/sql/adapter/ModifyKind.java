package dev.shale.sql.adapter;

import org.apache.calcite.rel.core.TableModify;

/** What a {@link KvTableModify} does with its input's rows. */
enum ModifyKind {
  /** Adds rows; a key that exists fails the statement (23505). */
  INSERT,
  /** Writes rows without reading: a row with the key is replaced. */
  UPSERT,
  /** Changes rows, moving those whose key changes. */
  UPDATE,
  /** Removes rows. */
  DELETE;

  /** The kind of a Calcite modify operation; MERGE has none on kv. */
  static ModifyKind of(TableModify.Operation operation) {
    return switch (operation) {
      case INSERT -> INSERT;
      case UPDATE -> UPDATE;
      case DELETE -> DELETE;
      case MERGE -> null;
    };
  }
}
