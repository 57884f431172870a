package dev.shale.engine.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedLogFileTest {

  private static final int CHUNK = MappedLogFile.CHUNK;

  @TempDir Path dir;

  @Test
  void appendsAreInTheFileBeforeCloseThenCloseCutsTheZeros() throws IOException {
    long seed = System.nanoTime();
    System.out.println("MappedLogFileTest seed " + seed);
    Random random = new Random(seed);
    Path file = dir.resolve("000001.log");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    WritableFile log = Env.disk().newLogFile(file);
    // Past two chunk edges, with appends that straddle them.
    while (expected.size() < 2 * CHUNK + 12345) {
      byte[] b = new byte[1 + random.nextInt(random.nextBoolean() ? 300 : 70_000)];
      random.nextBytes(b);
      int off = random.nextInt(Math.min(b.length, 5));
      log.append(b, off, b.length - off);
      expected.write(b, off, b.length - off);
    }
    byte[] written = expected.toByteArray();

    // What another process (or the next open, after a crash) reads now: the appends, then zeros.
    byte[] before = Files.readAllBytes(file);
    assertEquals(3L * CHUNK, before.length, "three chunks allocated");
    assertArrayEquals(written, Arrays.copyOf(before, written.length));
    for (int i = written.length; i < before.length; i++) {
      assertEquals(0, before[i], "zero-filled at " + i);
    }

    log.close();
    assertArrayEquals(written, Files.readAllBytes(file), "close cuts the file to the appends");
    assertThrows(IOException.class, () -> log.append(new byte[1], 0, 1));
  }

  @Test
  void anAppendLeavingAFewBytesOfAChunkCrossesItsEdgeWhole() throws IOException {
    Path file = dir.resolve("000004.log");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (WritableFile log = Env.disk().newLogFile(file)) {
      // Each round stops 0..8 bytes short of a chunk's edge, then appends across (or onto) it.
      for (int gap = 0; gap <= 8; gap++) {
        int fill = (gap + 1) * CHUNK - gap - expected.size();
        byte[] filler = new byte[fill];
        Arrays.fill(filler, (byte) ('a' + gap));
        log.append(filler, 0, fill);
        expected.write(filler, 0, fill);
        byte[] across = new byte[20];
        Arrays.fill(across, (byte) ('A' + gap));
        log.append(across, 3, 17);
        expected.write(across, 3, 17);
      }
      byte[] now = Files.readAllBytes(file);
      assertEquals(0, now.length % CHUNK, "whole chunks allocated");
      assertArrayEquals(expected.toByteArray(), Arrays.copyOf(now, expected.size()));
    }
    assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
  }

  @Test
  void syncedAppendsWriteAtTheSameOffsetAsMappedOnes() throws IOException {
    Random random = new Random(7);
    Path file = dir.resolve("000002.log");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (WritableFile log = Env.disk().newLogFile(file)) {
      for (int i = 0; i < 400; i++) {
        byte[] b = new byte[1 + random.nextInt(9_000)];
        random.nextBytes(b);
        if (i % 3 == 0) {
          log.appendAndSync(b, 0, b.length);
        } else {
          log.append(b, 0, b.length);
        }
        if (i % 50 == 0) {
          log.sync();
        }
        expected.write(b, 0, b.length);
      }
      byte[] now = Files.readAllBytes(file);
      assertArrayEquals(expected.toByteArray(), Arrays.copyOf(now, expected.size()));
    }
    assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
  }

  @Test
  void anInterruptedWriterStillAppendsAndKeepsItsInterrupt() throws IOException {
    Path file = dir.resolve("000003.log");
    byte[] b = new byte[CHUNK / 3];
    Arrays.fill(b, (byte) 'x');
    try (WritableFile log = Env.disk().newLogFile(file)) {
      Thread.currentThread().interrupt();
      try {
        for (int i = 0; i < 7; i++) { // maps three chunks, interrupted each time
          log.append(b, 0, b.length);
        }
        log.sync();
        assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt stays set");
      } finally {
        Thread.interrupted();
      }
    }
    byte[] all = Files.readAllBytes(file);
    assertEquals(7L * b.length, all.length);
    for (byte x : all) {
      assertEquals('x', x);
    }
  }
}
