package dev.shale.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh JVM with this process's class path running one bench main: what the cold-start probes
 * ({@link FirstQueryProbe}, {@link FirstStatementProbe}) start, wait for, and read one timing line
 * from.
 */
final class ChildJvm {

  /** What the child printed (stdout and stderr together) and how long it ran, as the parent saw. */
  record Outcome(String output, long processNanos) {

    /** The first line that starts with {@code prefix} and a blank. */
    String line(String prefix) {
      for (String line : output.split("\\R")) {
        if (line.startsWith(prefix + " ")) {
          return line;
        }
      }
      throw new IllegalStateException("child printed no '" + prefix + "' line:\n" + output);
    }
  }

  private ChildJvm() {}

  /** The java binary of this JVM. */
  static String currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Runs {@code java <flags> -cp <this class path> <main> <args>} and waits at most {@code
   * timeoutSeconds}; a child that times out or exits with a non-zero status is an exception that
   * carries its output.
   */
  static Outcome run(
      String java, List<String> flags, Class<?> main, List<String> args, long timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(flags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    long start = System.nanoTime();
    Process process = builder.start();
    // Read before waiting: a child blocked on a full pipe would never exit.
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(main.getSimpleName() + " child did not finish: " + output);
    }
    long processNanos = System.nanoTime() - start;
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          main.getSimpleName() + " child exited with " + process.exitValue() + ":\n" + output);
    }
    return new Outcome(output, processNanos);
  }

  /** The text of {@code name=value} among the blank-separated fields of {@code line}. */
  static String text(String line, String name) {
    for (String part : line.split(" ")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    throw new IllegalStateException("no " + name + " in '" + line + "'");
  }

  /** The value of {@code name=value} among the blank-separated fields of {@code line}. */
  static long field(String line, String name) {
    String value = text(line, name);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("bad " + name + " in '" + line + "'", e);
    }
  }
}
