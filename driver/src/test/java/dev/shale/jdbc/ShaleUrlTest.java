package dev.shale.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.jdbc.remote.RemoteUrl;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ShaleUrlTest {

  @Test
  void directoryWithSettings() throws SQLException {
    ShaleUrl url = ShaleUrl.parse("jdbc:shale:/tmp/a b/db;sync=false;lockTimeout=250", null);
    assertEquals(Path.of("/tmp/a b/db"), url.directory());
    assertNull(url.memoryName());
    assertFalse(url.sync());
    assertEquals(Duration.ofMillis(250), url.lockTimeout());
  }

  @Test
  void memoryWithPropertiesAndUrlWins() throws SQLException {
    Properties info = new Properties();
    info.setProperty("sync", "false");
    info.setProperty("user", "sa");
    info.setProperty("maxValueBytes", "100");
    ShaleUrl url = ShaleUrl.parse("jdbc:shale:mem:test;sync=true", info);
    assertEquals("test", url.memoryName());
    assertTrue(url.sync());
    assertEquals(100, url.maxValueBytes());
  }

  @Test
  void defaults() throws SQLException {
    ShaleUrl url = ShaleUrl.parse("jdbc:shale:data", new Properties());
    assertTrue(url.sync());
    assertEquals(Duration.ZERO, url.lockTimeout());
    assertEquals(16 << 20, url.maxValueBytes());
  }

  @Test
  void mistakesNameTheSetting() {
    for (String bad :
        new String[] {
          "jdbc:shale:",
          "jdbc:shale:mem:",
          "jdbc:shale:x;sync",
          "jdbc:shale:x;nope=1",
          "jdbc:shale:x;lockTimeout=-1",
          "jdbc:shale:x;maxValueBytes=lots"
        }) {
      SQLException e = assertThrows(SQLException.class, () -> ShaleUrl.parse(bad, null), bad);
      assertEquals("08001", e.getSQLState(), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }

  @Test
  void remoteUrlsNameAServerAndOnlyClientSettings() throws SQLException {
    RemoteUrl url =
        RemoteUrl.parse(
            "jdbc:shale:remote:db.example:9000;tls=true;user=ann;transactionMaxBytes=1000", null);
    assertEquals("https://db.example:9000", url.base());
    assertEquals("ann", url.user());
    assertEquals("1000", url.serverSettings().getProperty("transactionMaxBytes"));
    for (String bad :
        new String[] {
          "jdbc:shale:remote:localhost",
          "jdbc:shale:remote:localhost:0",
          "jdbc:shale:remote:localhost:70000",
          "jdbc:shale:remote:localhost:9000;sync=false",
          "jdbc:shale:remote:localhost:9000;model=x",
          "jdbc:shale:remote:localhost:9000;tls=maybe"
        }) {
      SQLException e = assertThrows(SQLException.class, () -> RemoteUrl.parse(bad, null), bad);
      assertEquals("08001", e.getSQLState(), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }
}
