package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads for a bounded time: transfers between accounts in transactions (read both balances,
 * write both, commit; 40001 rolls back and counts), deposits in auto-commit, and read-only
 * transactions that check their snapshot. Each committed change is counted per account, so the end
 * state shows any lost update exactly; every failure must be a 40001. Seed printed; the time is
 * {@code -Dshale.bank.seconds} (default 6).
 */
class BankTransferTest {

  private static final int ACCOUNTS = 16;
  private static final long OPENING = 1000;

  @TempDir Path dir;

  @Test
  void totalsHoldNoUpdateIsLostAndConflictsAre40001() throws Exception {
    long seed = Long.getLong("shale.seed", System.nanoTime());
    long seconds = Long.getLong("shale.bank.seconds", 6);
    System.out.println("BankTransferTest seed " + seed + " (-Dshale.seed=" + seed + ")");
    String url = "jdbc:shale:" + dir.resolve("db") + ";sync=false";
    try (Connection setup = DriverManager.getConnection(url);
        PreparedStatement p = setup.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
      for (int i = 0; i < ACCOUNTS; i++) {
        p.setString(1, account(i));
        p.setString(2, Long.toString(OPENING));
        p.addBatch();
      }
      p.executeBatch();
    }
    AtomicLongArray committed = new AtomicLongArray(ACCOUNTS); // each account's committed change
    AtomicLong depositsStarted = new AtomicLong();
    AtomicLong depositsDone = new AtomicLong();
    AtomicLong transfers = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    AtomicLong snapshotsChecked = new AtomicLong();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 6; w++) {
      Random random = new Random(seed + w);
      int role = w;
      workers.add(
          pool.submit(
              () -> {
                try (Connection c = DriverManager.getConnection(url)) {
                  while (System.nanoTime() < deadline) {
                    if (role < 4) {
                      transfer(c, random, committed, transfers, conflicts);
                    } else if (role == 4) {
                      deposit(c, random, committed, depositsStarted, depositsDone);
                    } else {
                      checkSnapshot(c, depositsStarted, depositsDone);
                      snapshotsChecked.incrementAndGet();
                    }
                  }
                }
                return null;
              }));
    }
    try {
      for (Future<?> f : workers) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "BankTransferTest: %d transfers, %d conflicts (40001), %d deposits, %d snapshots checked%n",
        transfers.get(), conflicts.get(), depositsDone.get(), snapshotsChecked.get());
    assertTrue(transfers.get() > 0 && snapshotsChecked.get() > 0, "the workload ran");
    try (Connection c = DriverManager.getConnection(url)) {
      long[] balances = balances(c);
      for (int i = 0; i < ACCOUNTS; i++) {
        assertEquals(OPENING + committed.get(i), balances[i], account(i) + ", seed " + seed);
      }
      assertEquals(ACCOUNTS * OPENING + depositsDone.get(), sum(c), "the total, seed " + seed);
    }
  }

  private static void transfer(
      Connection c, Random random, AtomicLongArray committed, AtomicLong done, AtomicLong conflicts)
      throws SQLException {
    int from = random.nextInt(ACCOUNTS);
    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
    long amount = 1 + random.nextInt(50);
    c.setAutoCommit(false);
    try (PreparedStatement read = c.prepareStatement("SELECT value FROM kv WHERE key = ?");
        PreparedStatement write = c.prepareStatement("UPDATE kv SET value = ? WHERE key = ?")) {
      long fromBalance = balance(read, from);
      long toBalance = balance(read, to);
      set(write, from, fromBalance - amount);
      set(write, to, toBalance + amount);
      c.commit();
      committed.addAndGet(from, -amount);
      committed.addAndGet(to, amount);
      done.incrementAndGet();
    } catch (SQLException e) {
      if (!"40001".equals(e.getSQLState())) {
        throw e;
      }
      conflicts.incrementAndGet();
      c.rollback();
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** One more in an account, in auto-commit mode: a read-modify-write in one statement. */
  private static void deposit(
      Connection c, Random random, AtomicLongArray committed, AtomicLong started, AtomicLong done)
      throws SQLException {
    int i = random.nextInt(ACCOUNTS);
    started.incrementAndGet();
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE kv SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR(20)) WHERE key = ?")) {
      p.setString(1, account(i));
      assertEquals(1, p.executeUpdate());
    }
    committed.incrementAndGet(i);
    done.incrementAndGet();
  }

  /**
   * A read-only transaction: the balances read one by one and the SUM agree and repeat, and the
   * total counts every deposit done before it began and none not yet started when it ended.
   */
  private static void checkSnapshot(Connection c, AtomicLong started, AtomicLong done)
      throws SQLException {
    c.setAutoCommit(false);
    c.setReadOnly(true);
    try {
      long doneBefore = done.get();
      long total = sum(c);
      long[] balances = balances(c);
      long byAccount = 0;
      for (long b : balances) {
        byAccount += b;
      }
      long again = sum(c);
      long startedAfter = started.get();
      assertEquals(total, byAccount, "the accounts add up to the SUM in one snapshot");
      assertEquals(total, again, "a snapshot repeats");
      long deposits = total - ACCOUNTS * OPENING;
      assertTrue(
          deposits >= doneBefore && deposits <= startedAfter,
          "deposits seen " + deposits + " not in [" + doneBefore + ", " + startedAfter + "]");
      c.commit(); // read-only: never a conflict
    } finally {
      c.setReadOnly(false);
      c.setAutoCommit(true);
    }
  }

  private static long balance(PreparedStatement read, int i) throws SQLException {
    read.setString(1, account(i));
    try (ResultSet rs = read.executeQuery()) {
      assertTrue(rs.next(), account(i));
      return Long.parseLong(rs.getString(1));
    }
  }

  private static void set(PreparedStatement write, int i, long balance) throws SQLException {
    write.setString(1, Long.toString(balance));
    write.setString(2, account(i));
    assertEquals(1, write.executeUpdate());
  }

  private static long[] balances(Connection c) throws SQLException {
    long[] out = new long[ACCOUNTS];
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT key, value FROM kv ORDER BY key")) {
      for (int i = 0; i < ACCOUNTS; i++) {
        assertTrue(rs.next());
        assertEquals(account(i), rs.getString(1));
        out[i] = Long.parseLong(rs.getString(2));
      }
    }
    return out;
  }

  private static long sum(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT SUM(CAST(value AS BIGINT)) FROM kv")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private static String account(int i) {
    return String.format("acct%02d", i);
  }
}
