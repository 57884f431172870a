package dev.shale.jdbc.cli;

import dev.shale.jdbc.remote.ControlClient;
import dev.shale.jdbc.server.ServerRecord;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shutdown --dir <dir>}: asks the server of a directory to stop gracefully, proving itself
 * with the secret the server recorded there, and waits until it has.
 */
@Command(
    name = "shutdown",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the server of <dir> gracefully: in-flight statements finish (bounded), open"
          + " transactions roll back, the database closes. Needs read access to <dir>."
    })
final class ShutdownCommand implements Callable<Integer> {

  @Option(names = "--dir", required = true, description = "the served database directory")
  Path dir;

  @Option(
      names = "--wait-seconds",
      defaultValue = "60",
      description = "how long to wait for the stop (default ${DEFAULT-VALUE})")
  int waitSeconds;

  @Override
  public Integer call() throws Exception {
    ServerRecord record = ServerRecord.read(dir);
    if (record == null) {
      System.err.println("shutdown: no server runs on " + dir + " (no " + ServerRecord.FILE + ")");
      return 1;
    }
    ControlClient.admin(record.url(), record.secret()).shutdown();
    long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
    var process = ProcessHandle.of(record.pid());
    while (System.nanoTime() < deadline) {
      boolean alive = process.map(ProcessHandle::isAlive).orElse(false);
      if (ServerRecord.read(dir) == null
          && (!alive || record.pid() == ProcessHandle.current().pid())) {
        System.out.println("The server of " + dir + " has stopped.");
        return 0;
      }
      Thread.sleep(50);
    }
    System.err.println(
        "shutdown: the server of " + dir + " is still stopping after " + waitSeconds + " s");
    return 1;
  }
}
