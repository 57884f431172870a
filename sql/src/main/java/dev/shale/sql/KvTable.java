package dev.shale.sql;

import dev.shale.engine.Db;
import dev.shale.engine.DbIterator;
import dev.shale.engine.ReadOptions;
import dev.shale.engine.WriteBatch;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The table {@code kv(key VARCHAR NOT NULL PRIMARY KEY, value VARCHAR)} over one engine, as one
 * connection sees it. Planning turns it into a {@link KvTableScan}; the generated code calls back
 * into {@link #scan()}, {@link #insert}, {@link #update} and {@link #delete}.
 */
public final class KvTable extends AbstractTable implements TranslatableTable {

  static final String NAME = "kv";
  static final String KEY = "key";
  static final String VALUE = "value";

  private final KvDatabase database;
  private final boolean sync;

  KvTable(KvDatabase database, boolean sync) {
    this.database = database;
    this.sync = sync;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataType varchar = typeFactory.createSqlType(SqlTypeName.VARCHAR);
    return typeFactory
        .builder()
        .add(KEY, typeFactory.createTypeWithNullability(varchar, false))
        .add(VALUE, typeFactory.createTypeWithNullability(varchar, true))
        .build();
  }

  @Override
  public Statistic getStatistic() {
    return Statistics.of(1000d, List.of(ImmutableBitSet.of(0)), List.of(RelCollations.of(0)));
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new KvTableScan(context.getCluster(), relOptTable);
  }

  /** All rows in key order, {@code Object[] {key, value}}, each enumeration at its own snapshot. */
  public Enumerable<Object[]> scan() {
    Db db = database.db();
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new RowEnumerator(db.newIterator(ReadOptions.DEFAULT));
      }
    };
  }

  /** Inserts {@code rows} ({@code {key, value}}) atomically; any existing key fails them all. */
  public long insert(Enumerable<Object[]> rows) {
    database.writeLock().lock();
    try {
      Db db = database.db();
      WriteBatch batch = new WriteBatch();
      Set<String> seen = new HashSet<>();
      try (Enumerator<Object[]> e = rows.enumerator()) {
        while (e.moveNext()) {
          Object[] row = e.current();
          String key = (String) row[0];
          byte[] keyBytes = checkedKey(key);
          byte[] valueBytes = checkedValue(key, (String) row[1]);
          if (!seen.add(key) || db.get(keyBytes) != null) {
            throw ShaleSqlException.duplicateKey(key);
          }
          batch.put(keyBytes, valueBytes);
        }
      }
      db.write(batch, sync);
      return batch.count();
    } finally {
      database.writeLock().unlock();
    }
  }

  /**
   * Applies an UPDATE: each row is {@code {key, value, new_0, ...}}, where the new key (if set) is
   * at {@code newKeyIndex} and the new value at {@code newValueIndex} (0 and 1 when not set). A row
   * whose key changes moves; a new key that another row keeps or takes fails the statement.
   */
  public long update(Enumerable<Object[]> rows, int newKeyIndex, int newValueIndex) {
    database.writeLock().lock();
    try {
      Db db = database.db();
      Set<String> oldKeys = new HashSet<>();
      // new key -> {key bytes, value bytes}, in input order
      Map<String, byte[][]> newRows = new LinkedHashMap<>();
      long count = 0;
      try (Enumerator<Object[]> e = rows.enumerator()) {
        while (e.moveNext()) {
          Object[] row = e.current();
          String newKey = (String) row[newKeyIndex];
          byte[][] encoded = {
            checkedKey(newKey), checkedValue(newKey, (String) row[newValueIndex])
          };
          oldKeys.add((String) row[0]);
          if (newRows.put(newKey, encoded) != null) {
            throw ShaleSqlException.duplicateKey(newKey);
          }
          count++;
        }
      }
      WriteBatch batch = new WriteBatch();
      for (String oldKey : oldKeys) {
        if (!newRows.containsKey(oldKey)) {
          batch.delete(KvEncoding.encodeKey(oldKey));
        }
      }
      for (Map.Entry<String, byte[][]> row : newRows.entrySet()) {
        if (!oldKeys.contains(row.getKey()) && db.get(row.getValue()[0]) != null) {
          throw ShaleSqlException.duplicateKey(row.getKey());
        }
        batch.put(row.getValue()[0], row.getValue()[1]);
      }
      db.write(batch, sync);
      return count;
    } finally {
      database.writeLock().unlock();
    }
  }

  /** Deletes the rows {@code {key, value}} read from this table; returns how many. */
  public long delete(Enumerable<Object[]> rows) {
    database.writeLock().lock();
    try {
      WriteBatch batch = new WriteBatch();
      try (Enumerator<Object[]> e = rows.enumerator()) {
        while (e.moveNext()) {
          batch.delete(KvEncoding.encodeKey((String) e.current()[0]));
        }
      }
      database.db().write(batch, sync);
      return batch.count();
    } finally {
      database.writeLock().unlock();
    }
  }

  private byte[] checkedKey(String key) {
    if (key == null) {
      throw ShaleSqlException.nullKey();
    }
    int max = database.db().options().maxKeyBytes();
    int length = KvEncoding.encodedLength(key);
    if (length == 0 || length > max) {
      throw ShaleSqlException.keyLength(key, length, max);
    }
    return KvEncoding.encodeKey(key);
  }

  private byte[] checkedValue(String key, String value) {
    byte[] bytes = KvEncoding.encodeValue(value);
    int max = database.db().options().maxValueBytes();
    if (bytes.length - 1 > max) {
      throw ShaleSqlException.valueLength(key, bytes.length - 1, max);
    }
    return bytes;
  }

  /** Turns engine entries into {@code {key, value}} rows. */
  private static final class RowEnumerator implements Enumerator<Object[]> {
    private final DbIterator iterator;
    private boolean started;
    private Object[] current;

    RowEnumerator(DbIterator iterator) {
      this.iterator = iterator;
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (!started) {
        iterator.seekToFirst();
        started = true;
      } else if (iterator.isValid()) {
        iterator.next();
      }
      if (!iterator.isValid()) {
        current = null;
        return false;
      }
      current =
          new Object[] {
            KvEncoding.decodeKey(iterator.key()), KvEncoding.decodeValue(iterator.value())
          };
      return true;
    }

    @Override
    public void reset() {
      started = false;
    }

    @Override
    public void close() {
      iterator.close();
    }
  }
}
