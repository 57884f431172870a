package dev.shale.sql;

import com.google.common.collect.ImmutableList;
import dev.shale.engine.Db;
import dev.shale.engine.DbIterator;
import dev.shale.engine.ReadOptions;
import dev.shale.engine.Snapshot;
import dev.shale.engine.WriteBatch;
import dev.shale.sql.KvScanSpec.ByteRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
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
public final class KvTable extends AbstractTable
    implements TranslatableTable, BuiltInMetadata.Collation.Handler {

  static final String NAME = "kv";
  static final String KEY = "key";
  static final String VALUE = "value";

  /** Up to this many keys in a range, a DELETE writes point deletes rather than a tombstone. */
  private static final int POINT_DELETES_MAX = 16;

  /** The smallest key there can be: U+0000 is one zero byte in CESU-8. */
  private static final byte[] FIRST_KEY = {0};

  /** Above every CESU-8 key: no CESU-8 byte is above 0xEF. */
  private static final byte[] PAST_LAST_KEY = {(byte) 0xFF};

  private final KvDatabase database;

  /** The plans of this connection's statements (one KvTable per connection). */
  final PlanCache planCache = new PlanCache();

  private final boolean sync;

  KvTable(KvDatabase database, boolean sync) {
    this.database = database;
    this.sync = sync;
  }

  /** The kv table of the connection {@code context} prepares for, or null if it has none. */
  static KvTable of(CalcitePrepare.Context context) {
    CalciteSchema schema = context.getRootSchema().getSubSchema(KvSchema.NAME, false);
    CalciteSchema.TableEntry entry = schema == null ? null : schema.getTable(NAME, false);
    return entry != null && entry.getTable() instanceof KvTable kv ? kv : null;
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
    // No collation here: each scan has its own order (see collations).
    return Statistics.of(100_000d, List.of(ImmutableBitSet.of(0)));
  }

  /** A kv scan's rows are in its own key order, ascending or descending (planner metadata). */
  @Override
  public ImmutableList<RelCollation> collations(RelNode r, RelMetadataQuery mq) {
    return r instanceof KvScan scan
        ? ImmutableList.of(KvScan.collation(scan.spec.descending()))
        : ImmutableList.of();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new KvLogicalScan(context.getCluster(), relOptTable, KvScanSpec.ALL);
  }

  /**
   * The rows {@code spec} selects, {@code Object[] {key, value}}, each enumeration at its own
   * snapshot.
   */
  public Enumerable<Object[]> scan(KvScanSpec spec, DataContext root) {
    Db db = database.db();
    IntFunction<Object> parameters = KvScanSpec.parameters(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new RangeEnumerator(db, spec, parameters);
      }
    };
  }

  /**
   * The number of keys {@code spec} selects, as one value: keys are counted as they are read, never
   * decoded into rows. Reads of more than one range see one snapshot.
   */
  public Enumerable<Long> count(KvScanSpec spec, DataContext root) {
    Db db = database.db();
    IntFunction<Object> parameters = KvScanSpec.parameters(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Long> enumerator() {
        return Linq4j.singletonEnumerator(countKeys(db, spec.ranges(parameters)));
      }
    };
  }

  private static long countKeys(Db db, List<ByteRange> ranges) {
    long count = 0;
    try (Snapshot snapshot = db.getSnapshot()) {
      ReadOptions read = ReadOptions.DEFAULT.withSnapshot(snapshot);
      for (ByteRange r : ranges) {
        if (r.point()) {
          count += db.get(read, r.lo()) != null ? 1 : 0;
          continue;
        }
        try (DbIterator it = db.newIterator(bounded(read, r))) {
          for (it.seekToFirst(); it.isValid(); it.next()) {
            count++;
          }
        }
      }
    }
    return count;
  }

  /** {@code read} limited to the keys of {@code r}. */
  private static ReadOptions bounded(ReadOptions read, ByteRange r) {
    ReadOptions bounded = read.withUpperBound(r.hi());
    return r.lo().length > 0 ? bounded.withLowerBound(r.lo()) : bounded;
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

  /**
   * The rows of a batch of single-row INSERTs (or UPSERTs) in one write: as if executed one by one,
   * except that nothing is visible before the end. Returns how many were written.
   *
   * @throws BatchInsert.Failure at the first refused row, after writing the rows before it
   */
  int insertBatch(List<String[]> rows, boolean upsert) {
    database.writeLock().lock();
    try {
      Db db = database.db();
      WriteBatch batch = new WriteBatch();
      Set<String> seen = upsert ? null : new HashSet<>();
      int n = 0;
      try {
        for (String[] row : rows) {
          String key = row[0];
          byte[] keyBytes = checkedKey(key);
          byte[] valueBytes = checkedValue(key, row[1]);
          if (!upsert && (!seen.add(key) || db.get(keyBytes) != null)) {
            throw ShaleSqlException.duplicateKey(key);
          }
          batch.put(keyBytes, valueBytes);
          n++;
        }
      } catch (ShaleSqlException e) {
        if (n > 0) {
          db.write(batch, sync);
        }
        throw new BatchInsert.Failure(n, e);
      }
      if (n > 0) {
        db.write(batch, sync);
      }
      return n;
    } finally {
      database.writeLock().unlock();
    }
  }

  /**
   * UPSERT: writes {@code rows} ({@code {key, value}}) atomically without reading; a key given
   * twice keeps its last value.
   */
  public long upsert(Enumerable<Object[]> rows) {
    database.writeLock().lock();
    try {
      WriteBatch batch = new WriteBatch();
      try (Enumerator<Object[]> e = rows.enumerator()) {
        while (e.moveNext()) {
          Object[] row = e.current();
          String key = (String) row[0];
          batch.put(checkedKey(key), checkedValue(key, (String) row[1]));
        }
      }
      database.db().write(batch, sync);
      return batch.count();
    } finally {
      database.writeLock().unlock();
    }
  }

  /**
   * DELETE of every row {@code spec} selects, with no other predicate: a range holding more than a
   * few keys goes with one range tombstone, the rest with point deletes. The count comes from
   * reading the keys; the write lock keeps it exact.
   */
  public long deleteRanges(KvScanSpec spec, DataContext root) {
    database.writeLock().lock();
    try {
      Db db = database.db();
      int maxKey = db.options().maxKeyBytes();
      WriteBatch batch = new WriteBatch();
      long count = 0;
      try (Snapshot snapshot = db.getSnapshot()) {
        ReadOptions read = ReadOptions.DEFAULT.withSnapshot(snapshot);
        for (ByteRange r : spec.ranges(KvScanSpec.parameters(root))) {
          if (r.point()) {
            if (db.get(read, r.lo()) != null) {
              batch.delete(r.lo());
              count++;
            }
            continue;
          }
          byte[] begin = r.lo().length == 0 ? FIRST_KEY : r.lo();
          byte[] end = r.hi() == null ? PAST_LAST_KEY : r.hi();
          boolean tombstone = begin.length <= maxKey && end.length <= maxKey;
          List<byte[]> keys = new ArrayList<>();
          long inRange = 0;
          try (DbIterator it = db.newIterator(bounded(read, r))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
              if (!tombstone || inRange < POINT_DELETES_MAX) {
                keys.add(it.key().clone());
              }
              inRange++;
            }
          }
          if (tombstone && inRange > POINT_DELETES_MAX) {
            batch.deleteRange(begin, end);
          } else {
            keys.forEach(batch::delete);
          }
          count += inRange;
        }
      }
      if (count > 0) {
        db.write(batch, sync);
      }
      return count;
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

  /**
   * Reads the ranges of a {@link KvScanSpec} and turns engine entries into {@code {key, value}}
   * rows. A range that is one key is a get (bloom filters answer most misses); the others share one
   * iterator. Reads of more than one range see one snapshot.
   */
  private static final class RangeEnumerator implements Enumerator<Object[]> {
    private final Db db;
    private final KvScanSpec spec;
    private final IntFunction<Object> parameters;
    private List<ByteRange> ranges;
    private Snapshot snapshot;
    private ReadOptions readOptions;
    private DbIterator iterator;
    private int index;
    private boolean positioned;
    private long toSkip;
    private long remaining;
    private byte[] key;
    private byte[] value;
    private Object[] current;

    RangeEnumerator(Db db, KvScanSpec spec, IntFunction<Object> parameters) {
      this.db = db;
      this.spec = spec;
      this.parameters = parameters;
    }

    private void start() {
      ranges = spec.ranges(parameters);
      toSkip = spec.offset() == null ? 0 : spec.offset().value(parameters, "OFFSET");
      remaining = spec.fetch() == null ? Long.MAX_VALUE : spec.fetch().value(parameters, "FETCH");
      if (ranges.size() == 1 && !ranges.get(0).point()) {
        readOptions = bounded(ReadOptions.DEFAULT, ranges.get(0));
      } else if (ranges.size() > 1) {
        snapshot = db.getSnapshot();
        readOptions = ReadOptions.DEFAULT.withSnapshot(snapshot);
      } else {
        readOptions = ReadOptions.DEFAULT;
      }
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (ranges == null) {
        start();
      }
      current = null;
      while (remaining > 0 && advance()) {
        if (toSkip > 0) {
          toSkip--;
          continue;
        }
        remaining--;
        current = new Object[] {KvEncoding.decodeKey(key), KvEncoding.decodeValue(value)};
        return true;
      }
      remaining = 0;
      return false;
    }

    /** Moves to the next entry in scan order into {@link #key}/{@link #value}; false at the end. */
    private boolean advance() {
      while (index < ranges.size()) {
        ByteRange r = ranges.get(spec.descending() ? ranges.size() - 1 - index : index);
        if (r.point()) {
          index++;
          byte[] v = db.get(readOptions, r.lo());
          if (v != null) {
            key = r.lo();
            value = v;
            return true;
          }
          continue;
        }
        if (iterator == null) {
          iterator = db.newIterator(readOptions);
        }
        if (!positioned) {
          positioned = true;
          position(r);
        } else if (spec.descending()) {
          iterator.prev();
        } else {
          iterator.next();
        }
        if (iterator.isValid()
            && (spec.descending() ? r.atOrAbove(iterator.key()) : r.below(iterator.key()))) {
          key = iterator.key();
          value = iterator.value();
          return true;
        }
        index++;
        positioned = false;
      }
      return false;
    }

    private void position(ByteRange r) {
      if (!spec.descending()) {
        iterator.seek(r.lo());
      } else if (r.hi() == null) {
        iterator.seekToLast();
      } else {
        iterator.seekForPrev(r.hi());
        if (iterator.isValid() && Arrays.equals(iterator.key(), r.hi())) {
          iterator.prev();
        }
      }
    }

    @Override
    public void reset() {
      close();
      ranges = null;
      index = 0;
      positioned = false;
    }

    @Override
    public void close() {
      if (iterator != null) {
        iterator.close();
        iterator = null;
      }
      if (snapshot != null) {
        snapshot.close();
        snapshot = null;
      }
    }
  }
}
