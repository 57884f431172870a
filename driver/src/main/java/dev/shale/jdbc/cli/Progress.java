package dev.shale.jdbc.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a load or dump on stderr: a bar (me.tongfei:progressbar: rate, bytes, ETA when the
 * size is known) when stderr is a terminal, else a plain line every few seconds. Never on stdout,
 * which carries a dump's data.
 */
final class Progress implements AutoCloseable {

  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

  private final String task;
  private final PrintStream err;
  private final long totalBytes;
  private final Bar bar;
  private final long start = System.nanoTime();
  private long lastLine = start;

  /** {@code totalBytes}: the input's size, or -1 if unknown (stdin). */
  Progress(String task, long totalBytes, PrintStream err, boolean terminal) {
    this.task = task;
    this.err = err;
    this.totalBytes = totalBytes;
    this.bar = terminal ? new Bar(task, totalBytes, err) : null;
  }

  /** The terminal's bar; its own class, so that without a terminal progressbar is not loaded. */
  private static final class Bar {
    final ProgressBar bar;

    Bar(String task, long totalBytes, PrintStream err) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(task)
              .setInitialMax(totalBytes > 0 ? totalBytes : -1)
              .setUnit(" MB", 1 << 20)
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(new ConsoleProgressBarConsumer(err))
              .showSpeed()
              .setUpdateIntervalMillis(250)
              .build();
    }

    void update(long rows, long bytes) {
      bar.stepTo(bytes);
      bar.setExtraMessage(String.format(Locale.ROOT, " %,d rows", rows));
    }

    void close() {
      bar.close();
    }
  }

  /** Whether stderr is a terminal (the JVM has a console and it is interactive). */
  static boolean stderrIsTerminal() {
    java.io.Console console = System.console();
    return console != null && isTerminal(console);
  }

  private static boolean isTerminal(java.io.Console console) {
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before Java 22, System.console() is null unless interactive
    }
  }

  /** {@code rows} done, {@code bytes} of input read (or of output written). */
  void update(long rows, long bytes) {
    long now = System.nanoTime();
    if (bar != null) {
      bar.update(rows, bytes);
      return;
    }
    if (now - lastLine >= PLAIN_EVERY_NANOS) {
      lastLine = now;
      double seconds = (now - start) / 1e9;
      String of =
          totalBytes > 0
              ? String.format(
                  Locale.ROOT, " of %,d (%.0f%%)", totalBytes, 100.0 * bytes / totalBytes)
              : "";
      err.printf(
          Locale.ROOT,
          "%s: %,d rows, %,d bytes%s, %.0f rows/s, %.0f s%n",
          task,
          rows,
          bytes,
          of,
          rows / Math.max(seconds, 1e-9),
          seconds);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
