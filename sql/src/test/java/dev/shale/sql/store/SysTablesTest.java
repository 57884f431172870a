package dev.shale.sql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.Db;
import dev.shale.engine.DbShape;
import dev.shale.engine.Options;
import dev.shale.engine.Stats;
import dev.shale.engine.Stats.Counter;
import dev.shale.sql.ShaleSql;
import dev.shale.sql.session.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sys tables, read through SQL after real work, against the engine's own numbers. */
class SysTablesTest {

  private KvDatabase database;
  private Db engine;
  private Session session;
  private Connection c;

  static Options tiny() {
    return Options.defaults()
        .withSync(false)
        .withWriteBufferBytes(16 << 10)
        .withBlockBytes(256)
        .withTargetFileBytes(8 << 10)
        .withMaxBytesForLevelBase(32 << 10)
        .withL0Triggers(2, 4, 8)
        .withBlockCacheBytes(64 << 10);
  }

  @BeforeEach
  void open() throws SQLException {
    database = KvDatabase.openInMemory("sys-" + System.nanoTime(), tiny());
    engine = database.engine();
    session = ShaleSql.connect(database, false);
    c = session.connection();
  }

  @AfterEach
  void close() throws SQLException {
    session.close();
  }

  private void load(int n) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (int i = 0; i < n; i++) {
        int k = i * 7919 % n;
        p.setString(1, String.format("k%06d", k));
        p.setString(2, "value-" + k + "-".repeat(k % 40));
        p.executeUpdate();
      }
    }
    engine.flush(); // and the compactions that follow
    for (int i = 0; i < n; i += 10) {
      engine.get(dev.shale.sql.exec.KvEncoding.encodeKey(String.format("k%06d", i)));
    }
  }

  private List<Object[]> rows(String sql) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getObject(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void statsAreTheEnginesCounters() throws SQLException {
    load(5000);
    Map<String, String> stats = new HashMap<>();
    for (Object[] r : rows("SELECT name, value, unit, description FROM sys.stats")) {
      stats.put((String) r[0], (String) r[1]);
      assertFalse(((String) r[3]).isEmpty(), r[0] + " has a description");
    }
    Stats s = engine.stats();
    assertTrue(s.get(Counter.COMPACTIONS) > 0 && s.get(Counter.FLUSHES) > 0, s.toString());
    // Counters that nothing changes between the query and now.
    for (Counter counter :
        List.of(
            Counter.PUTS,
            Counter.FLUSHES,
            Counter.FLUSH_BYTES_WRITTEN,
            Counter.COMPACTIONS,
            Counter.COMPACTION_BYTES_WRITTEN,
            Counter.BLOOM_USEFUL,
            Counter.TABLE_BYTES,
            Counter.STALL_NANOS)) {
      assertEquals(
          Long.toString(s.get(counter)),
          stats.get(counter.name().toLowerCase(Locale.ROOT)),
          counter.name());
    }
    for (Counter counter : Counter.values()) {
      assertTrue(stats.containsKey(counter.name().toLowerCase(Locale.ROOT)), counter.name());
    }
    long deep = 0;
    for (int level = 0; level < 7; level++) {
      assertEquals(Long.toString(s.servedBy(2 + level)), stats.get("served_by_l" + level));
      deep += s.servedBy(2 + level);
    }
    assertTrue(deep > 0, "gets were answered by tables");
    assertEquals(
        String.format(Locale.ROOT, "%.2f", s.writeAmplification()),
        stats.get("write_amplification"));
    assertEquals(Long.toString(s.keySizes().count()), stats.get("key_size_count"));
    assertEquals(
        Long.toString(s.valueSizes().quantileUpperBound(0.99)), stats.get("value_size_p99"));
  }

  @Test
  void levelsAndSstablesAreTheEnginesShape() throws SQLException {
    load(5000);
    DbShape shape = engine.shape();
    List<Object[]> levels =
        rows(
            "SELECT level, files, bytes, target_bytes, score, smallest_key, largest_key"
                + " FROM sys.levels ORDER BY level");
    assertEquals(7, levels.size());
    int tables = 0;
    for (DbShape.Level l : shape.levels()) {
      Object[] r = levels.get(l.level());
      assertEquals(l.level(), ((Number) r[0]).intValue());
      assertEquals(l.tables().size(), ((Number) r[1]).intValue(), "files of L" + l.level());
      assertEquals(l.bytes(), ((Number) r[2]).longValue());
      assertEquals(l.targetBytes(), ((Number) r[3]).longValue());
      assertEquals(l.score(), ((Number) r[4]).doubleValue(), 1e-9);
      if (l.tables().isEmpty()) {
        assertEquals(null, r[5]);
      } else {
        assertEquals(
            dev.shale.sql.exec.KvEncoding.decodeKey(l.tables().get(0).smallestKey()), r[5]);
      }
      tables += l.tables().size();
    }
    assertTrue(shape.levels().get(1).bytes() + shape.levels().get(2).bytes() > 0, "compacted");
    List<Object[]> sstables =
        rows(
            "SELECT number, level, bytes, smallest_key, largest_key, range_tombstones"
                + " FROM sys.sstables");
    assertEquals(tables, sstables.size());
    long bytes = 0;
    for (Object[] r : sstables) {
      bytes += ((Number) r[2]).longValue();
      assertTrue(((String) r[3]).startsWith("k0"), "keys shown as text: " + r[3]);
    }
    assertEquals(engine.stats().get(Counter.TABLE_BYTES), bytes);
  }

  @Test
  void settingsShowTheEnginesOptionsAndTheConnections() throws SQLException {
    Map<String, Object[]> settings = new HashMap<>();
    for (Object[] r : rows("SELECT name, value, description, source FROM sys.settings")) {
      settings.put((String) r[0], r);
    }
    assertEquals("16384", settings.get("writeBufferBytes")[1]);
    assertEquals("database (its first opener)", settings.get("writeBufferBytes")[3]);
    assertEquals(
        Integer.toString(engine.options().maxOpenFiles()), settings.get("maxOpenFiles")[1]);
    assertEquals("default", settings.get("maxOpenFiles")[3]);
    assertEquals("false", settings.get("connection.sync")[1]);
    assertEquals("connection", settings.get("connection.sync")[3]);
  }

  @Test
  void connectionsAndTransactionsListTheOpenSessions() throws SQLException {
    try (Session other = ShaleSql.connect(reference(), false)) {
      other.setAutoCommit(false);
      try (Statement s = other.connection().createStatement()) {
        s.executeUpdate("INSERT INTO kv VALUES ('t1', 'some bytes')");
      }
      List<Object[]> connections =
          rows(
              "SELECT id, statements, auto_commit, read_only, this_connection FROM sys.connections");
      assertEquals(2, connections.size());
      Object[] mine = connections.stream().filter(r -> (Boolean) r[4]).findFirst().orElseThrow();
      Object[] theirs = connections.stream().filter(r -> !(Boolean) r[4]).findFirst().orElseThrow();
      assertEquals(session.id(), ((Number) mine[0]).longValue());
      assertEquals(other.id(), ((Number) theirs[0]).longValue());
      assertEquals(false, theirs[2]);
      assertEquals(true, mine[2]);
      assertTrue(((Number) theirs[1]).longValue() >= 1);
      List<Object[]> transactions =
          rows("SELECT connection_id, age_ms, write_bytes FROM sys.transactions");
      assertEquals(1, transactions.size());
      assertEquals(other.id(), ((Number) transactions.get(0)[0]).longValue());
      assertTrue(((Number) transactions.get(0)[2]).longValue() >= "t1some bytes".length());
      other.commit();
      assertEquals(0, rows("SELECT * FROM sys.transactions").size());
    }
    assertEquals(1, rows("SELECT * FROM sys.connections").size(), "a closed session leaves");
  }

  /** One more reference on the test's database, for a second session. */
  private KvDatabase reference() {
    KvDatabase again =
        KvDatabase.openInMemory(database.location().substring("mem:".length()), tiny());
    assertTrue(again == database);
    return again;
  }
}
