package dev.shale.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The autoServer setting in the URL grammar. */
class AutoServerUrlTest {

  @Test
  void autoServerIsOffUnlessSaidAndTakesTrueOrFalseFromTheUrlOrTheProperties() throws Exception {
    assertFalse(ShaleUrl.parse("jdbc:shale:/d", null).autoServer());
    assertTrue(ShaleUrl.parse("jdbc:shale:/d;autoServer=true", null).autoServer());
    assertFalse(ShaleUrl.parse("jdbc:shale:/d;autoServer=FALSE", null).autoServer());
    Properties p = new Properties();
    p.setProperty("autoServer", "true");
    assertTrue(ShaleUrl.parse("jdbc:shale:/d", p).autoServer());
    assertFalse(ShaleUrl.parse("jdbc:shale:/d;autoServer=false", p).autoServer(), "the URL wins");
    SQLException bad =
        assertThrows(
            SQLException.class, () -> ShaleUrl.parse("jdbc:shale:/d;autoServer=yes", null));
    assertEquals("08001", bad.getSQLState());
    assertTrue(bad.getMessage().contains("autoServer must be true or false"), bad.getMessage());
  }

  @Test
  void anInMemoryDatabaseCannotBeServedAutomatically() {
    SQLException e =
        assertThrows(
            SQLException.class, () -> ShaleUrl.parse("jdbc:shale:mem:x;autoServer=true", null));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("autoServer needs a directory"), e.getMessage());
  }

  @Test
  void theServedUrlKeepsTheEngineAndSessionSettingsAndDropsAutoServer() throws Exception {
    ShaleUrl parsed =
        ShaleUrl.parse(
            "jdbc:shale:/d;autoServer=true;sync=false;maxValueBytes=10;transactionMaxBytes=99;lockTimeout=7;slowStatementMillis=250;directPath=false",
            null);
    String served = parsed.servedUrl(Path.of("/real/d"));
    assertEquals(
        "jdbc:shale:/real/d;sync=false;maxValueBytes=10;transactionMaxBytes=99;slowStatementMillis=250;directPath=false",
        served);
    assertFalse(ShaleUrl.parse(served, null).autoServer(), "its connections do not serve again");
  }

  @Test
  void theDriverListsTheSetting() {
    assertTrue(
        Arrays.stream(new ShaleDriver().getPropertyInfo("jdbc:shale:/d", null))
            .anyMatch(i -> i.name.equals("autoServer") && i.description.contains("loopback")));
  }
}
