package dev.shale.it;

import static dev.shale.it.ConnectionTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * Manual-commit transactions through JDBC: snapshot isolation, first committer wins; embedded and
 * through the network server alike.
 */
class TransactionTest {

  private Mode mode;
  private String url;
  private Connection tx; // the transaction under test
  private Connection other; // another connection, auto-commit

  @BeforeEach
  void open(Mode mode) throws SQLException {
    this.mode = mode;
    url = mode.url("tx");
    tx = DriverManager.getConnection(url);
    other = DriverManager.getConnection(url);
    update(other, "INSERT INTO kv VALUES ('a', '1'), ('b', '2'), ('c', '3')");
  }

  @AfterEach
  void close() throws SQLException {
    tx.close();
    other.close();
  }

  @BothModes
  void aTransactionSeesItsOwnWritesAndOthersSeeNothingUntilCommit() throws SQLException {
    tx.setAutoCommit(false);
    assertFalse(tx.getAutoCommit());
    update(tx, "INSERT INTO kv VALUES ('d', '4')");
    update(tx, "UPDATE kv SET value = 'two' WHERE key = 'b'");
    update(tx, "DELETE FROM kv WHERE key = 'a'");
    update(tx, "UPSERT INTO kv VALUES ('e', '5')");

    List<String> mine = List.of("b=two", "c=3", "d=4", "e=5");
    assertEquals(mine, rows(tx, "SELECT * FROM kv ORDER BY key"));
    assertEquals(List.of("e=5", "d=4"), rows(tx, "SELECT * FROM kv ORDER BY key DESC LIMIT 2"));
    assertEquals(List.of("b=two", "c=3"), rows(tx, "SELECT * FROM kv WHERE key < 'd'"));
    assertEquals("4", single(tx, "SELECT COUNT(*) FROM kv"));
    assertEquals("b|e", single(tx, "SELECT MIN(key) || '|' || MAX(key) FROM kv"));
    assertEquals("two", single(tx, "SELECT value FROM kv WHERE key = 'b'"));
    assertEquals("4", single(tx, "SELECT COUNT(*) FROM kv x JOIN kv y ON x.key = y.key"));
    assertEquals(
        "d", single(tx, "SELECT key FROM kv WHERE key IN (SELECT key FROM kv WHERE value = '4')"));
    try (PreparedStatement p = tx.prepareStatement("SELECT value FROM kv WHERE key = ?")) {
      p.setString(1, "d"); // the planner-free point select
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next());
        assertEquals("4", rs.getString(1));
      }
      p.setString(1, "a");
      try (ResultSet rs = p.executeQuery()) {
        assertFalse(rs.next(), "deleted in this transaction");
      }
    }

    List<String> before = List.of("a=1", "b=2", "c=3");
    assertEquals(before, rows(other, "SELECT * FROM kv ORDER BY key"));
    tx.commit();
    assertEquals(mine, rows(other, "SELECT * FROM kv ORDER BY key"));
    assertEquals(mine, rows(tx, "SELECT * FROM kv ORDER BY key"));
  }

  @BothModes
  void rollbackAndCloseDiscardTheWrites() throws SQLException {
    tx.setAutoCommit(false);
    update(tx, "INSERT INTO kv VALUES ('d', '4')");
    update(tx, "DELETE FROM kv");
    assertEquals(List.of(), rows(tx, "SELECT * FROM kv ORDER BY key"));
    tx.rollback();
    assertEquals(List.of("a=1", "b=2", "c=3"), rows(tx, "SELECT * FROM kv ORDER BY key"));
    update(tx, "DELETE FROM kv WHERE key = 'a'");
    tx.close();
    assertEquals(List.of("a=1", "b=2", "c=3"), rows(other, "SELECT * FROM kv ORDER BY key"));
  }

  @BothModes
  void setAutoCommitTrueCommits() throws SQLException {
    tx.setAutoCommit(false);
    update(tx, "INSERT INTO kv VALUES ('d', '4')");
    tx.setAutoCommit(true);
    assertEquals("4", single(other, "SELECT value FROM kv WHERE key = 'd'"));
  }

  @BothModes
  void theSnapshotIsTakenAtTheFirstStatement() throws SQLException {
    tx.setAutoCommit(false);
    update(other, "INSERT INTO kv VALUES ('before', 'x')"); // before tx's first statement
    assertEquals("4", single(tx, "SELECT COUNT(*) FROM kv"));
    update(other, "INSERT INTO kv VALUES ('after', 'y')");
    update(other, "DELETE FROM kv WHERE key = 'a'");
    assertEquals("4", single(tx, "SELECT COUNT(*) FROM kv"), "repeatable");
    assertEquals("1", single(tx, "SELECT value FROM kv WHERE key = 'a'"));
    tx.commit(); // read-only: never conflicts
    assertEquals("4", single(tx, "SELECT COUNT(*) FROM kv"), "a new snapshot after commit");
  }

  @BothModes
  void theSecondCommitterOfTheSameKeyFailsWith40001AndAppliesNothing() throws SQLException {
    other.setAutoCommit(false);
    tx.setAutoCommit(false);
    update(tx, "UPDATE kv SET value = 'tx' WHERE key = 'a'");
    update(tx, "INSERT INTO kv VALUES ('tx-only', 'z')");
    update(other, "UPDATE kv SET value = 'other' WHERE key = 'a'");
    other.commit();
    SQLException e = assertThrows(SQLException.class, tx::commit);
    assertInstanceOf(SQLTransactionRollbackException.class, e);
    assertEquals("40001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    assertEquals(List.of("a=other", "b=2", "c=3"), rows(tx, "SELECT * FROM kv ORDER BY key"));
    // The connection goes on: a new transaction commits.
    update(tx, "UPDATE kv SET value = 'retried' WHERE key = 'a'");
    tx.commit();
    assertEquals("retried", single(other, "SELECT value FROM kv WHERE key = 'a'"));
  }

  @BothModes
  void anAutoCommitInsertOfTheSameKeyWinsOverALaterCommit() throws SQLException {
    tx.setAutoCommit(false);
    update(tx, "INSERT INTO kv VALUES ('n', 'tx')");
    update(other, "INSERT INTO kv VALUES ('n', 'other')");
    assertEquals("40001", assertThrows(SQLException.class, tx::commit).getSQLState());
    assertEquals("other", single(other, "SELECT value FROM kv WHERE key = 'n'"));
  }

  @BothModes
  void aRangeDeleteConflictsWithAKeyInsertedIntoTheRange() throws SQLException {
    StringBuilder insert = new StringBuilder("INSERT INTO kv VALUES ('m00', '0')");
    for (int i = 1; i < 40; i++) {
      insert.append(String.format(", ('m%02d', '%d')", i, i)); // enough for a range tombstone
    }
    update(other, insert.toString());
    tx.setAutoCommit(false);
    assertEquals(40, update(tx, "DELETE FROM kv WHERE key >= 'm' AND key < 'n'"));
    assertEquals("0", single(tx, "SELECT COUNT(*) FROM kv WHERE key >= 'm' AND key < 'n'"));
    update(tx, "INSERT INTO kv VALUES ('m20', 'reinserted')");
    assertEquals(List.of("m20=reinserted"), rows(tx, "SELECT * FROM kv WHERE key LIKE 'm%'"));
    update(other, "INSERT INTO kv VALUES ('m5', 'phantom')");
    assertEquals("40001", assertThrows(SQLException.class, tx::commit).getSQLState());
    assertEquals("41", single(other, "SELECT COUNT(*) FROM kv WHERE key LIKE 'm%'"));

    update(tx, "DELETE FROM kv WHERE key >= 'm' AND key < 'n'");
    update(tx, "INSERT INTO kv VALUES ('m20', 'reinserted')");
    tx.commit();
    assertEquals(List.of("m20=reinserted"), rows(other, "SELECT * FROM kv WHERE key LIKE 'm%'"));
  }

  @BothModes
  void savepointsUndoTheWritesAfterThem() throws SQLException {
    mode.onlyEmbedded("Avatica's protocol has no savepoints (see savepointsAreRefusedRemotely)");
    tx.setAutoCommit(false);
    update(tx, "INSERT INTO kv VALUES ('d', '4')");
    Savepoint first = tx.setSavepoint();
    update(tx, "INSERT INTO kv VALUES ('e', '5')");
    Savepoint named = tx.setSavepoint("named");
    assertEquals("named", named.getSavepointName());
    update(tx, "DELETE FROM kv WHERE key < 'c'");
    tx.rollback(named);
    assertEquals("5", single(tx, "SELECT COUNT(*) FROM kv"));
    update(tx, "INSERT INTO kv VALUES ('f', '6')");
    tx.rollback(first);
    assertEquals(List.of("a=1", "b=2", "c=3", "d=4"), rows(tx, "SELECT * FROM kv ORDER BY key"));
    SQLException gone = assertThrows(SQLException.class, () -> tx.rollback(named));
    assertEquals("3B001", gone.getSQLState(), gone.getMessage());
    tx.releaseSavepoint(first);
    assertEquals("3B001", assertThrows(SQLException.class, () -> tx.rollback(first)).getSQLState());
    tx.commit();
    assertEquals("4", single(other, "SELECT value FROM kv WHERE key = 'd'"));
    assertEquals("3B001", assertThrows(SQLException.class, () -> tx.rollback(first)).getSQLState());
    tx.setAutoCommit(true);
    assertEquals("25000", assertThrows(SQLException.class, tx::setSavepoint).getSQLState());
  }

  @BothModes
  void savepointsAreRefusedRemotelyNamingTheServer() throws SQLException {
    Assumptions.assumeTrue(
        mode == Mode.REMOTE, "embedded savepoints: savepointsUndoTheWritesAfterThem");
    tx.setAutoCommit(false);
    update(tx, "INSERT INTO kv VALUES ('d', '4')");
    for (Executable call :
        List.<Executable>of(
            tx::setSavepoint,
            () -> tx.setSavepoint("named"),
            () -> tx.rollback(null),
            () -> tx.releaseSavepoint(null))) {
      SQLException e = assertThrows(SQLException.class, call);
      assertInstanceOf(SQLFeatureNotSupportedException.class, e);
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("network server"), e.getMessage());
    }
    tx.commit(); // the transaction goes on
    assertEquals("4", single(other, "SELECT value FROM kv WHERE key = 'd'"));
  }

  @BothModes
  void aReadOnlyConnectionRefusesWrites() throws SQLException {
    assertFalse(tx.isReadOnly());
    tx.setReadOnly(true);
    assertTrue(tx.isReadOnly());
    for (String sql :
        List.of(
            "INSERT INTO kv VALUES ('d', '4')",
            "UPDATE kv SET value = 'x' WHERE key = 'nothing'",
            "DELETE FROM kv WHERE key > 'a'")) {
      try (Statement s = tx.createStatement()) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
        assertEquals("25006", e.getSQLState(), e.getMessage());
      }
    }
    assertEquals("3", single(tx, "SELECT COUNT(*) FROM kv"));
    tx.setReadOnly(false);
    update(tx, "INSERT INTO kv VALUES ('d', '4')");
  }

  @BothModes
  void isolationIsSnapshotIsolationReportedAsRepeatableRead() throws SQLException {
    assertEquals(Connection.TRANSACTION_REPEATABLE_READ, tx.getTransactionIsolation());
    tx.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    assertEquals(Connection.TRANSACTION_REPEATABLE_READ, tx.getTransactionIsolation());
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> tx.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE));
    assertEquals("0A000", e.getSQLState());
    assertTrue(e.getMessage().contains("SERIALIZABLE"), e.getMessage());
  }

  @BothModes
  void aTransactionBeyondItsSizeLimitFailsTheStatementWith54000() throws SQLException {
    try (Connection small = DriverManager.getConnection(url + ";transactionMaxBytes=2000")) {
      small.setAutoCommit(false);
      update(small, "INSERT INTO kv VALUES ('d', '4')");
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> update(small, "INSERT INTO kv VALUES ('big', '" + "x".repeat(3000) + "')"));
      assertEquals("54000", e.getSQLState());
      assertTrue(e.getMessage().contains("transactionMaxBytes"), e.getMessage());
      small.commit();
    }
    assertEquals("4", single(other, "SELECT value FROM kv WHERE key = 'd'"));
    assertEquals("0", single(other, "SELECT COUNT(*) FROM kv WHERE key = 'big'"));
  }

  @BothModes
  void anOpenResultSetDoesNotSeeLaterWritesOfItsTransaction() throws SQLException {
    tx.setAutoCommit(false);
    update(tx, "INSERT INTO kv VALUES ('d', '4')"); // the cursor merges writes
    List<String> seen = new ArrayList<>();
    try (Statement s = tx.createStatement();
        ResultSet rs = s.executeQuery("SELECT key FROM kv ORDER BY key")) {
      assertTrue(rs.next());
      seen.add(rs.getString(1));
      update(tx, "INSERT INTO kv VALUES ('bb', 'new'), ('z', 'new')");
      update(tx, "DELETE FROM kv WHERE key = 'c'");
      while (rs.next()) {
        seen.add(rs.getString(1));
      }
    }
    assertEquals(List.of("a", "b", "c", "d"), seen);
    assertEquals(
        List.of("a=1", "b=2", "bb=new", "d=4", "z=new"), rows(tx, "SELECT * FROM kv ORDER BY key"));
  }

  @BothModes
  void batchesInATransactionCommitWithIt() throws SQLException {
    tx.setAutoCommit(false);
    try (PreparedStatement p = tx.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (int i = 0; i < 5; i++) {
        p.setString(1, "batch" + i);
        p.setString(2, Integer.toString(i));
        p.addBatch();
      }
      p.executeBatch();
    }
    assertEquals("5", single(tx, "SELECT COUNT(*) FROM kv WHERE key LIKE 'batch%'"));
    assertEquals("0", single(other, "SELECT COUNT(*) FROM kv WHERE key LIKE 'batch%'"));
    tx.rollback();
    assertEquals("0", single(tx, "SELECT COUNT(*) FROM kv WHERE key LIKE 'batch%'"));
  }

  private static int update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      String value = rs.getString(1);
      assertFalse(rs.next(), sql);
      return value;
    }
  }
}
