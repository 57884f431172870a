package dev.shale.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A database server in a child JVM with this JVM's class path. It counts as up once its port
 * accepts a TCP connection on the loopback address (servers print nothing a harness can rely on);
 * it is stopped with SIGTERM ({@link Process#destroy}), which both servers treat as a graceful
 * shutdown, and only killed if it has not exited within the stop timeout.
 */
final class ServerProcess implements AutoCloseable {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(50);

  private final Process process;
  private final Path log;
  private final long startNanos;
  private boolean stopped;

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.startNanos = System.nanoTime();
  }

  /** A TCP port on the loopback address that nothing listens on right now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Starts {@code java <jvmFlags> -cp <this class path> <mainAndArgs>}, its output to {@code log},
   * and returns once {@code port} accepts connections; fails if the child exits first or the port
   * stays closed for {@code startTimeout}.
   */
  static ServerProcess start(
      List<String> jvmFlags, List<String> mainAndArgs, int port, Path log, Duration startTimeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(mainAndArgs);
    // A file, not a pipe: a chatty child blocked on a full pipe would stall mid-benchmark.
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServerProcess server = new ServerProcess(process, log);
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (!accepts(port)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "server exited with status "
                + process.exitValue()
                + " before port "
                + port
                + " opened: "
                + String.join(" ", mainAndArgs)
                + "\n"
                + server.logTail());
      }
      if (System.nanoTime() > deadline) {
        server.kill();
        throw new IllegalStateException(
            "server did not accept connections on port "
                + port
                + " within "
                + startTimeout.toSeconds()
                + " s: "
                + String.join(" ", mainAndArgs)
                + "\n"
                + server.logTail());
      }
      Thread.sleep(POLL.toMillis());
    }
    return server;
  }

  /** From the start of the child to its port accepting connections. */
  long startedAfterNanos() {
    return System.nanoTime() - startNanos;
  }

  long pid() {
    return process.pid();
  }

  /**
   * SIGTERM, then waits for the exit; returns how it went, such as "exit 143 after 0.4 s". Kills
   * the child (and says so) if it has not exited within the stop timeout.
   */
  String stop() throws InterruptedException {
    if (stopped) {
      return "already stopped";
    }
    stopped = true;
    long start = System.nanoTime();
    process.destroy();
    if (process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      return String.format(
          "exit %d after %.1f s", process.exitValue(), (System.nanoTime() - start) / 1e9);
    }
    process.destroyForcibly().waitFor();
    return "did not exit within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM: killed";
  }

  /** The last lines the child printed, for an error message. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void kill() throws InterruptedException {
    stopped = true;
    process.destroyForcibly().waitFor();
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
