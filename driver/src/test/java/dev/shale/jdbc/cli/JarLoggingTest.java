package dev.shale.jdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The jar's logging options: levels, the default, and a log file appended to across runs. */
class JarLoggingTest {

  @TempDir Path tmp;

  /** Gives the other tests of this JVM back their logback-test.xml. */
  @AfterEach
  void restore() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  private static final Logger PROBE = LoggerFactory.getLogger("dev.shale.probe");

  @Test
  void aLogFileGetsTheEngineEventsAndIsAppendedTo() throws Exception {
    Path db = tmp.resolve("db");
    Path log = tmp.resolve("shale.log");
    String[] verify = {
      "--log-level", "info", "--log-file", log.toString(), "verify", db.toString()
    };
    Files.createDirectories(db);
    assertEquals(0, ShaleCommand.run(verify));
    List<String> first = Files.readAllLines(log);
    assertTrue(
        first.stream().anyMatch(l -> l.contains(" INFO ") && l.contains(db.toString())),
        first.toString());
    assertEquals(0, ShaleCommand.run(verify));
    List<String> second = Files.readAllLines(log);
    assertTrue(second.size() > first.size(), "appended, not truncated: " + second);
    assertEquals(first, second.subList(0, first.size()));
  }

  @Test
  void quietByDefaultAndTheLevelOptionWorksAfterTheCommandToo() throws Exception {
    Path db = tmp.resolve("db");
    Files.createDirectories(db);
    assertEquals(0, ShaleCommand.run("verify", db.toString()));
    assertFalse(PROBE.isInfoEnabled(), "info is off by default");
    assertTrue(PROBE.isWarnEnabled());
    assertEquals(0, ShaleCommand.run("verify", db.toString(), "--log-level=debug"));
    assertTrue(PROBE.isDebugEnabled());
  }
}
