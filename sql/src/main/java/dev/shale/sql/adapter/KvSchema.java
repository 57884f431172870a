package dev.shale.sql.adapter;

import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The schema a connection sees: the one table {@code kv}. */
public final class KvSchema extends AbstractSchema {

  public static final String NAME = "shale";

  private final Map<String, Table> tables;

  public KvSchema(KvTable table) {
    this.tables = Map.of(KvTable.NAME, table);
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
