package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** executeBatch of single-row INSERT/UPSERT statements: counts, failures mid-batch, orders. */
class BatchInsertTest {

  private Connection connection;

  @BeforeEach
  void open(Mode mode) throws SQLException {
    connection = DriverManager.getConnection(mode.url("batch"));
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @BothModes
  void batchOfInsertsWritesEveryRowAndCountsEach() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("insert into KV values (?, ?)")) {
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 1500; i++) {
          insert.setString(1, "r" + round + "-" + i);
          if (i % 7 == 0) {
            insert.setNull(2, java.sql.Types.VARCHAR);
          } else {
            insert.setString(2, "v" + i);
          }
          insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        int[] ones = new int[1500];
        Arrays.fill(ones, 1);
        assertArrayEquals(ones, counts);
      }
    }
    assertEquals("3000", one("SELECT COUNT(*) FROM kv"));
    assertEquals("430", one("SELECT COUNT(*) FROM kv WHERE value IS NULL"));
    assertEquals("v8", one("SELECT value FROM kv WHERE key = 'r1-8'"));
  }

  @BothModes
  void duplicateMidBatchKeepsTheRowsBeforeIt() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('k3', 'old')");
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO kv (value, key) VALUES (?, ?)")) {
      for (int i = 0; i < 6; i++) {
        insert.setString(1, "new" + i);
        insert.setString(2, "k" + i);
        insert.addBatch();
      }
      BatchUpdateException e = assertThrows(BatchUpdateException.class, insert::executeBatch);
      assertEquals("23505", e.getSQLState(), e.getMessage());
      assertArrayEquals(new int[] {1, 1, 1}, e.getUpdateCounts());
      // the batch is gone; the statement works again
      insert.setString(1, "later");
      insert.setString(2, "k9");
      insert.addBatch();
      assertArrayEquals(new int[] {1}, insert.executeBatch());
    }
    assertEquals("new2", one("SELECT value FROM kv WHERE key = 'k2'"));
    assertEquals("old", one("SELECT value FROM kv WHERE key = 'k3'"));
    assertEquals("0", one("SELECT COUNT(*) FROM kv WHERE key IN ('k4', 'k5')"));
    assertEquals("later", one("SELECT value FROM kv WHERE key = 'k9'"));
  }

  @BothModes
  void duplicateMidBatchAfterSetObjectKeepsTheRowsBeforeIt() throws SQLException {
    duplicateMidBatchKeepsTheRowsBefore((insert, i) -> insert.setObject(2, i));
    assertEquals("2", one("SELECT value FROM kv WHERE key = 'k2'"));
  }

  @BothModes
  void duplicateMidBatchAfterSetNullKeepsTheRowsBeforeIt() throws SQLException {
    duplicateMidBatchKeepsTheRowsBefore((insert, i) -> insert.setNull(2, java.sql.Types.INTEGER));
    assertEquals("1", one("SELECT COUNT(*) FROM kv WHERE key = 'k2' AND value IS NULL"));
  }

  /** Rows k0..k5 with values set by {@code value}, where k3 exists: k0..k2 go in, k4, k5 not. */
  private void duplicateMidBatchKeepsTheRowsBefore(ValueSetter value) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('k3', 'old')");
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (int i = 0; i < 6; i++) {
        insert.setObject(1, "k" + i);
        value.set(insert, i);
        insert.addBatch();
      }
      BatchUpdateException e = assertThrows(BatchUpdateException.class, insert::executeBatch);
      assertEquals("23505", e.getSQLState(), e.getMessage());
      assertArrayEquals(new int[] {1, 1, 1}, e.getUpdateCounts());
    }
    assertEquals("3", one("SELECT COUNT(*) FROM kv WHERE key IN ('k0', 'k1', 'k2')"));
    assertEquals("old", one("SELECT value FROM kv WHERE key = 'k3'"));
    assertEquals("0", one("SELECT COUNT(*) FROM kv WHERE key IN ('k4', 'k5')"));
  }

  interface ValueSetter {
    void set(PreparedStatement insert, int row) throws SQLException;
  }

  @BothModes
  void aRowWithAnUnsetParameterIsRefusedAfterTheRowsBeforeIt(Mode mode) throws SQLException {
    mode.onlyEmbedded("Avatica's client fails serializing a batch row with an unset parameter");
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      insert.setString(1, "a");
      insert.setInt(2, 1);
      insert.addBatch();
      insert.clearParameters();
      insert.setString(1, "b");
      insert.addBatch();
      insert.setString(1, "c");
      insert.setInt(2, 3);
      insert.addBatch();
      BatchUpdateException e = assertThrows(BatchUpdateException.class, insert::executeBatch);
      assertEquals("HY000", e.getSQLState(), e.getMessage());
      assertArrayEquals(new int[] {1}, e.getUpdateCounts());
    }
    assertEquals("1", one("SELECT value FROM kv WHERE key = 'a'"));
    assertEquals("0", one("SELECT COUNT(*) FROM kv WHERE key IN ('b', 'c')"));
  }

  @BothModes
  void executeLargeBatchTakesTheSamePath() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (String k : new String[] {"x", "y", "x"}) {
        insert.setString(1, k);
        insert.setLong(2, 7L);
        insert.addBatch();
      }
      BatchUpdateException e = assertThrows(BatchUpdateException.class, insert::executeLargeBatch);
      assertEquals("23505", e.getSQLState());
      assertArrayEquals(new long[] {1, 1}, e.getLargeUpdateCounts());
      insert.setString(1, "z");
      insert.setLong(2, 8L);
      insert.addBatch();
      assertArrayEquals(new long[] {1}, insert.executeLargeBatch());
    }
    assertEquals("8", one("SELECT value FROM kv WHERE key = 'z'"));
  }

  @BothModes
  void duplicateWithinTheBatchIsRefused() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (String k : new String[] {"a", "b", "a"}) {
        insert.setString(1, k);
        insert.setString(2, "x");
        insert.addBatch();
      }
      BatchUpdateException e = assertThrows(BatchUpdateException.class, insert::executeBatch);
      assertEquals("23505", e.getSQLState());
      assertArrayEquals(new int[] {1, 1}, e.getUpdateCounts());
    }
  }

  @BothModes
  void upsertBatchOverwritesAndKeyLimitsHold() throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement("UPSERT INTO kv (key, value) VALUES (?, ?)")) {
      for (String v : new String[] {"one", "two"}) {
        upsert.setString(1, "k");
        upsert.setString(2, v);
        upsert.addBatch();
      }
      assertArrayEquals(new int[] {1, 1}, upsert.executeBatch());
      upsert.setString(1, "x".repeat(5000));
      upsert.setString(2, "v");
      upsert.addBatch();
      BatchUpdateException e = assertThrows(BatchUpdateException.class, upsert::executeBatch);
      assertEquals("22001", e.getSQLState(), e.getMessage());
      assertEquals(0, e.getUpdateCounts().length);
    }
    assertEquals("two", one("SELECT value FROM kv WHERE key = 'k'"));
  }

  private String one(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
