package dev.shale.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.FaultInjectionEnv.Fault;
import dev.shale.engine.FaultInjectionEnv.Mode;
import dev.shale.engine.FaultInjectionEnv.Op;
import dev.shale.engine.env.Env;
import dev.shale.engine.env.WritableFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What {@link FaultInjectionEnv} keeps through a crash and how it fails operations. */
class FaultInjectionEnvTest {

  private static final Path DIR = Path.of("/d").toAbsolutePath();
  private static final Path A = DIR.resolve("a");
  private static final Path B = DIR.resolve("b");

  private final FaultInjectionEnv env = new FaultInjectionEnv(Env.inMemory(), null);

  FaultInjectionEnvTest() throws IOException {
    env.createDirectories(DIR);
  }

  private WritableFile write(Path p, String s) throws IOException {
    WritableFile f = env.newWritableFile(p);
    f.append(bytes(s), 0, s.length());
    return f;
  }

  private String read(Path p) throws IOException {
    try (InputStream in = env.newSequentialFile(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void crashAndRestart() throws IOException {
    env.crash();
    env.restart();
  }

  @Test
  void aCrashKeepsTheSyncedBytesOfAFileWhoseNameIsDurable() throws IOException {
    WritableFile f = write(A, "synced");
    f.sync();
    env.syncDirectory(DIR);
    f.append(bytes(" lost"), 0, 5);
    crashAndRestart();
    assertEquals("synced", read(A));
  }

  @Test
  void aFileCreatedSinceTheLastDirectorySyncIsGoneAfterACrash() throws IOException {
    write(A, "x").sync();
    crashAndRestart();
    assertFalse(env.exists(A), "its name was never made durable");
  }

  @Test
  void renamesAndDeletionsSinceTheLastDirectorySyncRevert() throws IOException {
    write(A, "old a").sync();
    write(B, "old b").sync();
    env.syncDirectory(DIR);
    env.rename(A, B);
    assertEquals("old a", read(B));
    crashAndRestart();
    assertEquals("old a", read(A));
    assertEquals("old b", read(B));
    env.deleteIfExists(A);
    crashAndRestart();
    assertEquals("old a", read(A));
    env.deleteIfExists(A);
    env.syncDirectory(DIR);
    crashAndRestart();
    assertFalse(env.exists(A));
  }

  @Test
  void afterAFailedSyncNothingMoreOfTheFileBecomesDurable() throws IOException {
    WritableFile f = write(A, "kept");
    f.sync();
    env.syncDirectory(DIR);
    env.inject(Fault.at(Op.SYNC, 1, Mode.FAIL_ONCE));
    f.append(bytes(" dropped"), 0, 8);
    assertThrows(IOException.class, f::sync);
    f.sync(); // succeeds, as a retried fsync does on Linux, without the dropped pages
    crashAndRestart();
    assertEquals("kept", read(A));
  }

  @Test
  void theKthOperationOfAKindFailsOnceOrFromThenOn() throws IOException {
    env.inject(Fault.at(Op.CREATE, 2, Mode.FAIL_ONCE));
    env.newWritableFile(DIR.resolve("1")).close();
    assertThrows(IOException.class, () -> env.newWritableFile(DIR.resolve("2")));
    env.newWritableFile(DIR.resolve("3")).close();
    env.inject(Fault.at(Op.SYNC_DIRECTORY, 2, Mode.FAIL_FROM));
    env.syncDirectory(DIR);
    assertThrows(IOException.class, () -> env.syncDirectory(DIR));
    assertThrows(IOException.class, () -> env.syncDirectory(DIR));
    assertEquals(3, env.count(Op.SYNC_DIRECTORY));
  }

  @Test
  void aFailedAppendWritesHalfItsBytes() throws IOException {
    WritableFile f = env.newWritableFile(A);
    env.inject(Fault.at(Op.APPEND, 1, Mode.FAIL_ONCE));
    assertThrows(IOException.class, () -> f.append(bytes("abcd"), 0, 4));
    assertEquals("ab", read(A));
  }

  @Test
  void aCrashFaultStopsEveryLaterOperationUntilRestart() throws IOException {
    WritableFile f = write(A, "a");
    f.sync();
    env.syncDirectory(DIR);
    env.inject(Fault.at(Op.ANY, 2, Mode.CRASH));
    f.append(bytes("b"), 0, 1);
    assertThrows(IOException.class, f::sync);
    assertTrue(env.crashed());
    assertThrows(IOException.class, () -> env.newWritableFile(B));
    env.restart();
    assertEquals("a", read(A));
    assertThrows(IOException.class, () -> f.append(bytes("c"), 0, 1), "a handle from before");
    write(B, "b").close();
  }

  @Test
  void aWriteBackRandomKeepsAPrefixOfTheUnsyncedBytes() throws IOException {
    FaultInjectionEnv partial = new FaultInjectionEnv(Env.inMemory(), new Random(7));
    partial.createDirectories(DIR);
    WritableFile f = partial.newWritableFile(A);
    f.append(bytes("0123456789"), 0, 10);
    partial.syncDirectory(DIR);
    partial.crash();
    partial.restart();
    byte[] kept;
    try (InputStream in = partial.newSequentialFile(A)) {
      kept = in.readAllBytes();
    }
    assertArrayEquals(
        java.util.Arrays.copyOf(bytes("0123456789"), kept.length), kept, "a prefix of them");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
