package dev.shale.jdbc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decisions of automatic mixed mode, over a scripted world: who holds the lock at each try,
 * what the record says, whether its process lives, whether its server answers. Real processes are
 * {@code it/AutoServerTest}'s.
 */
class AutoConnectTest {

  private static final String DIR = "/data/db";
  private static final long SELF = 100;
  private static final Connection EMBEDDED = connection("embedded");
  private static final Connection REMOTE = connection("remote");

  /** The world, one try at a time: each queue's head is what the next try sees (last one stays). */
  private static class World implements AutoConnect.Seams {
    final Deque<Boolean> lockFree = new ArrayDeque<>();
    final Deque<ServerRecord> records = new LinkedList<>(); // null: no record yet
    final Deque<SQLException> remoteFailures = new ArrayDeque<>();
    Set<Long> alive = Set.of(7L);
    final List<String> log = new ArrayList<>();
    long now;

    World locked(boolean... free) {
      for (boolean f : free) {
        lockFree.add(f);
      }
      return this;
    }

    @Override
    public Connection openEmbedded() {
      boolean free = lockFree.size() > 1 ? lockFree.poll() : lockFree.peek();
      log.add(free ? "embedded" : "locked");
      return free ? EMBEDDED : null;
    }

    @Override
    public ServerRecord readRecord() throws IOException {
      return records.size() > 1 ? records.poll() : records.peek();
    }

    @Override
    public Connection openRemote(ServerRecord record) throws SQLException {
      log.add("remote " + record.url());
      SQLException failure = remoteFailures.poll();
      if (failure != null) {
        throw failure;
      }
      return REMOTE;
    }

    @Override
    public boolean alive(long pid) {
      return alive.contains(pid);
    }

    @Override
    public long selfPid() {
      return SELF;
    }

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void pause(long millis) {
      now += millis * 1_000_000;
    }

    Connection connect(Duration wait) throws SQLException {
      return new AutoConnect(DIR, wait, this).connect();
    }
  }

  private static ServerRecord record(int port, long pid) {
    return new ServerRecord("http://127.0.0.1:" + port, "s3cret", pid, DIR);
  }

  @Test
  void theFirstOpenerHoldsTheLockAndNeverReadsARecord() throws Exception {
    World world = new World().locked(true);
    world.records.add(record(1, 7)); // even a live one: the lock is the truth

    assertSame(EMBEDDED, world.connect(Duration.ofSeconds(5)));
    assertEquals(List.of("embedded"), world.log);
  }

  @Test
  void aLaterOpenerConnectsThroughTheLiveServerOfTheRecord() throws Exception {
    World world = new World().locked(false);
    world.records.add(record(4242, 7));

    assertSame(REMOTE, world.connect(Duration.ofSeconds(5)));
    assertEquals(List.of("locked", "remote http://127.0.0.1:4242"), world.log);
  }

  @Test
  void anOpenerRacingTheFirstWaitsUntilItsRecordAppears() throws Exception {
    World world = new World().locked(false);
    world.records.add(null);
    world.records.add(null);
    world.records.add(null);
    world.records.add(record(4242, 7));

    assertSame(REMOTE, world.connect(Duration.ofSeconds(5)));
    assertEquals(
        List.of("locked", "locked", "locked", "locked", "remote http://127.0.0.1:4242"), world.log);
  }

  @Test
  void aRecordOfADeadProcessIsNeverUsedAndTheNextFreeLockIsTaken() throws Exception {
    World world = new World().locked(false, false, true);
    world.records.add(record(4242, 99)); // 99 was kill -9'd; its lock went with it

    assertSame(EMBEDDED, world.connect(Duration.ofSeconds(5)));
    assertEquals(List.of("locked", "locked", "embedded"), world.log, "no remote try");
  }

  @Test
  void aServerThatDoesNotAnswerIsTriedAgainAfterTheLock() throws Exception {
    World world = new World().locked(false, true);
    world.records.add(record(4242, 7)); // alive (a reused pid), but nothing listens
    world.remoteFailures.add(new SQLException("cannot be reached", "08006"));

    assertSame(EMBEDDED, world.connect(Duration.ofSeconds(5)));
    assertEquals(List.of("locked", "remote http://127.0.0.1:4242", "embedded"), world.log);
  }

  @Test
  void aServerThatRefusesForItsLimitsFailsAtOnce() {
    World world = new World().locked(false);
    world.records.add(record(4242, 7));
    world.remoteFailures.add(new SQLException("too many connections", "08004"));

    SQLException e = assertThrows(SQLException.class, () -> world.connect(Duration.ofSeconds(5)));
    assertEquals("08004", e.getSQLState());
    assertEquals(0, world.now, "no wait");
  }

  @Test
  void aHolderThatNeverServesFailsWith08001AfterTheWait() {
    World world = new World().locked(false); // a process without autoServer=true

    SQLException e = assertThrows(SQLException.class, () -> world.connect(Duration.ofSeconds(5)));

    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains(DIR), e.getMessage());
    assertTrue(e.getMessage().contains("no server record appeared"), e.getMessage());
    assertTrue(e.getMessage().contains("waited 5000 ms"), e.getMessage());
    assertTrue(world.now >= Duration.ofSeconds(5).toNanos(), "waited the whole time");
    assertTrue(world.now < Duration.ofSeconds(6).toNanos(), "and not much more: " + world.now);
  }

  @Test
  void theLastFailureOfAStaleServerIsTheCauseAndIsNamed() {
    World world = new World().locked(false);
    world.records.add(record(4242, 7));
    for (int i = 0; i < 1000; i++) {
      world.remoteFailures.add(new SQLException("refused " + i, "08006"));
    }

    SQLException e = assertThrows(SQLException.class, () -> world.connect(Duration.ofSeconds(1)));

    assertEquals("08001", e.getSQLState());
    assertNotNull(e.getCause());
    assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
  }

  @Test
  void aRecordIsTrustedOnlyForItsDirectoryOnLoopbackFromAnotherLiveProcess() {
    AutoConnect auto = new AutoConnect(DIR, Duration.ZERO, new World());

    assertNull(auto.distrust(record(4242, 7)));
    assertNull(
        auto.distrust(new ServerRecord("http://127.0.0.1:4242", "s", 7, null)),
        "a record without its directory (written before it was recorded) is trusted");
    assertTrue(
        auto.distrust(new ServerRecord("http://127.0.0.1:4242", "s", 7, "/data/original"))
            .contains("/data/original"));
    assertTrue(auto.distrust(record(4242, 99)).contains("not running"));
    assertTrue(auto.distrust(record(4242, SELF)).contains("this process"));
    for (String url :
        List.of(
            "http://10.0.0.5:4242",
            "http://example.com:4242",
            "https://127.0.0.1:4242",
            "http://127.0.0.1",
            "http://u@127.0.0.1:4242",
            "http://127.0.0.1:4242/elsewhere",
            "not a url")) {
      assertNotNull(
          auto.distrust(new ServerRecord(url, "s", 7, DIR)), url + " is not to be trusted");
    }
  }

  @Test
  void anUnreadableRecordIsWaitedOutLikeAMissingOne() {
    World world =
        new World() {
          @Override
          public ServerRecord readRecord() throws IOException {
            throw new IOException("server.properties is not a server record (no url or secret)");
          }
        }.locked(false);

    SQLException e = assertThrows(SQLException.class, () -> world.connect(Duration.ofMillis(300)));
    assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
  }

  private static Connection connection(String name) {
    return (Connection)
        Proxy.newProxyInstance(
            AutoConnectTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) ->
                method.getName().equals("toString") ? name : method.getDefaultValue());
  }
}
