package dev.shale.jdbc.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the runnable jar logs: through logback, which only the jar brings (applications using the
 * driver bring their own binding). Quiet by default: warnings and errors on stderr, so a piped
 * shell session prints only its results. The commands' {@code --log-level} and {@code --log-file}
 * change it; a log file is appended to and rolls over at {@value #ROLL_BYTES} bytes, keeping
 * {@value #KEPT_FILES} old files ({@code <file>.1} newest), as H2's trace file does.
 *
 * <p>Registered (in the jar only) as logback's {@link Configurator}: it applies unless the user
 * configured logback themselves ({@code -Dlogback.configurationFile}, or a {@code logback.xml} on
 * the class path).
 */
public final class JarLogging extends ContextAwareBase implements Configurator {

  static final String ROLL_BYTES = "16MB";
  static final int KEPT_FILES = 3;
  private static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
  private static final String FILE_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0} - %msg%n";

  /** For logback's service loader. */
  public JarLogging() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = JarLogging.class.getClassLoader();
    if (System.getProperty("logback.configurationFile") != null
        || loader.getResource("logback.xml") != null
        || loader.getResource("logback-test.xml") != null) {
      return ExecutionStatus.NEUTRAL; // the user's own configuration
    }
    install(context, Level.WARN, null);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Logs from {@code level} up to {@code file} (null: stderr), replacing the configuration. Does
   * nothing when the binding is not logback (the jar's classes run beside another one).
   */
  static void configure(String level, Path file) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    install(context, Level.toLevel(level, Level.WARN), file);
  }

  private static void install(LoggerContext context, Level level, Path file) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(file == null ? CONSOLE_PATTERN : FILE_PATTERN);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender =
        file == null ? console(encoder) : rolling(context, encoder, file);
    appender.setContext(context);
    appender.setName(file == null ? "stderr" : "file");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    root.addAppender(appender);
  }

  private static OutputStreamAppender<ILoggingEvent> console(PatternLayoutEncoder encoder) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setTarget("System.err");
    return console;
  }

  private static OutputStreamAppender<ILoggingEvent> rolling(
      LoggerContext context, PatternLayoutEncoder encoder, Path file) {
    String name = file.toAbsolutePath().toString();
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setFile(name);
    appender.setAppend(true);
    FixedWindowRollingPolicy window = new FixedWindowRollingPolicy();
    window.setContext(context);
    window.setParent(appender);
    window.setFileNamePattern(name + ".%i");
    window.setMinIndex(1);
    window.setMaxIndex(KEPT_FILES);
    window.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
    size.setContext(context);
    size.setMaxFileSize(FileSize.valueOf(ROLL_BYTES));
    size.start();
    appender.setRollingPolicy(window);
    appender.setTriggeringPolicy(size);
    return appender;
  }
}
