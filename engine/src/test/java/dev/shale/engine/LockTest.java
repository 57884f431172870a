package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockTest {

  @TempDir Path dir;

  @Test
  void aSecondOpenInTheSameProcessIsLockedUntilTheFirstCloses() {
    Db first = Db.open(dir, Options.defaults());
    DbException e = assertThrows(DbException.class, () -> Db.open(dir, Options.defaults()));
    assertEquals(DbException.Kind.LOCKED, e.kind());
    assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());

    first.close();
    Db.open(dir, Options.defaults()).close();
  }

  @Test
  void anotherProcessIsLockedOut() throws Exception {
    try (Db db = Db.open(dir, Options.defaults())) {
      db.put("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
      String out = probeInChildJvm();
      assertTrue(out.contains("FAILED LOCKED"), out);
      assertTrue(out.contains(dir.toAbsolutePath().toString()), out);
    }
    String out = probeInChildJvm();
    assertTrue(out.contains("OPENED"), "after close the other process gets in: " + out);
  }

  @Test
  void aWaitingOpenGetsInOnceTheHolderCloses() throws Exception {
    Db first = Db.open(dir, Options.defaults());
    CompletableFuture<Db> second =
        CompletableFuture.supplyAsync(
            () -> Db.open(dir, Options.defaults().withLockTimeout(Duration.ofMinutes(1))));
    first.close();
    second.get(1, TimeUnit.MINUTES).close();
  }

  @Test
  void aWaitingOpenGivesUpAtTheDeadline() {
    try (Db first = Db.open(dir, Options.defaults())) {
      DbException e =
          assertThrows(
              DbException.class,
              () -> Db.open(dir, Options.defaults().withLockTimeout(Duration.ofMillis(50))));
      assertEquals(DbException.Kind.LOCKED, e.kind());
      assertTrue(e.getMessage().contains("waited"), e.getMessage());
    }
  }

  private String probeInChildJvm() throws IOException, InterruptedException {
    return ChildJvm.run(List.of(), LockProbe.class, dir.toString());
  }
}
