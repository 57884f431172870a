package dev.shale.sql.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shale.engine.Options;
import dev.shale.sql.ShaleSql;
import dev.shale.sql.error.SqlExceptionTranslator;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.session.Session;
import dev.shale.sql.store.KvDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed text is refused on every path with the planned path's syntax error (42000), the
 * planner-free ones included: they must never take what Calcite's parser refuses.
 */
class MalformedStatementTest {

  private static final SqlParser.Config PARSER =
      SqlParser.config().withLex(Lex.MYSQL_ANSI).withParserFactory(SqlBabelParserImpl.FACTORY);

  private KvDatabase database;
  private Session session;
  private Connection c;

  @BeforeEach
  void open() throws SQLException {
    database = KvDatabase.openInMemory("malformed-" + System.nanoTime(), Options.defaults());
    session = ShaleSql.connect(database, false);
    c = session.connection();
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO kv VALUES ('a', 'x'), ('b', NULL), ('it''s', 'q')");
    }
  }

  @AfterEach
  void close() throws SQLException {
    session.close();
  }

  @Test
  void anUnterminatedLiteralIsASyntaxErrorOnEveryPath() throws SQLException {
    for (String sql :
        List.of(
            "SELECT key FROM kv WHERE key = 'unterminated",
            "SELECT key FROM kv WHERE key = 'it''s",
            "UPDATE kv SET value = 'x' WHERE key = 'a",
            "SELECT * FROM kv WHERE key = 'a' AND value = 'x",
            "SELECT \"key FROM kv WHERE key = 'a'",
            "SELECT key FROM kv WHERE key = 'a' /* open comment",
            "SELECT key FROM kv WHERE key = 'a' -- comment\r garbage",
            "SELECT key FROM kv WHERE key = 'a'\u000B",
            "SELECT key FROM kv WHERE key = 'a' garbage",
            "SELECT key FROM kv WHERE key = 'a';;",
            "SELECT key FROM kv WHERE key = 'a'; SELECT 1")) {
      assertSyntaxError(sql);
    }
    assertThrows(SQLException.class, () -> c.prepareStatement("SELECT * FROM kv WHERE key = ?'"));
  }

  @Test
  void oneSemicolonEndingAStatementIsAcceptedOnEveryPath() throws SQLException {
    assertEquals(List.of("a"), keys("SELECT key FROM kv WHERE key = 'a';"));
    assertEquals(List.of("a"), keys("SELECT key FROM kv WHERE key = 'a' AND 1 = 1 ; "));
    assertEquals(List.of("a", "b"), keys("SELECT key FROM kv WHERE key < 'c';"));
  }

  /**
   * Random damage to statements of every fast path's shape: whatever Calcite's parser refuses
   * (after the front door's documented rewrites) fails with a syntax error, and nothing it accepts
   * does.
   */
  @Test
  void whatTheParserRefusesEveryPathRefuses() throws SQLException {
    long seed = Long.getLong("seed", System.nanoTime());
    System.out.println("MalformedStatementTest seed " + seed + " (-Dseed=" + seed + " replays)");
    Random random = new Random(seed);
    List<String> bases =
        List.of(
            "SELECT key FROM kv WHERE key = 'a'",
            "SELECT * FROM kv WHERE key = ?",
            "select VALUE, \"key\" from KV where KEY = 'it''s'",
            "SELECT key, value FROM kv WHERE key = 'b' -- why",
            "UPDATE kv SET value = 'y' WHERE key = 'zz'",
            "SELECT * FROM kv WHERE key IN ('a', 'b') AND value = 'x'",
            "INSERT INTO kv VALUES (?, ?)");
    String[] pieces = {
      "'",
      "\"",
      "(",
      ")",
      ";",
      "?",
      ",",
      "*",
      "-",
      "/",
      "\u000B",
      "\r",
      "\n",
      " ",
      "x",
      "\u2003",
      "`",
      "/*",
      "*/",
      "--",
      "''",
      " garbage",
      "'x'",
      " AND ",
      "N",
      "\u00A0",
      "//",
      "\t",
      "\f"
    };
    int checked = 0;
    for (int round = 0; round < 400; round++) {
      StringBuilder sql = new StringBuilder(bases.get(random.nextInt(bases.size())));
      for (int m = 1 + random.nextInt(2); m > 0; m--) {
        int at = random.nextInt(sql.length() + 1);
        switch (random.nextInt(3)) {
          case 0 -> sql.setLength(Math.max(1, at));
          case 1 -> sql.deleteCharAt(Math.min(at, sql.length() - 1));
          default -> sql.insert(at, pieces[random.nextInt(pieces.length)]);
        }
      }
      String text = sql.toString();
      boolean parses = parses(StatementShape.of(text).sql());
      SQLException error = run(text);
      boolean syntaxError =
          error != null
              && SqlStates.SYNTAX_ERROR.equals(error.getSQLState())
              && error.getMessage().startsWith("Syntax error");
      if (parses == syntaxError) {
        fail(
            "seed "
                + seed
                + ": "
                + quote(text)
                + (parses ? " parses but failed with " + error : " does not parse but ran")
                + " (error: "
                + error
                + ")");
      }
      checked++;
    }
    assertEquals(400, checked);
  }

  private static boolean parses(String sql) {
    try {
      SqlParser.create(sql, PARSER).parseStmt();
      return true;
    } catch (SqlParseException e) {
      return false;
    }
  }

  /** What running (or, with parameters, preparing) {@code sql} threw, or null. */
  private SQLException run(String sql) {
    try {
      if (sql.contains("?")) {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          return null;
        }
      }
      try (Statement s = c.createStatement()) {
        if (s.execute(sql)) {
          try (ResultSet rs = s.getResultSet()) {
            while (rs.next()) {
              rs.getString(1);
            }
          }
        }
      }
      return null;
    } catch (SQLException | RuntimeException e) {
      return SqlExceptionTranslator.translate(e); // as the driver reports it
    }
  }

  private void assertSyntaxError(String sql) {
    SQLException e = assertThrows(SQLException.class, () -> keys(sql), quote(sql));
    assertEquals(SqlStates.SYNTAX_ERROR, e.getSQLState(), quote(sql) + ": " + e.getMessage());
    assertTrue(e.getMessage().startsWith("Syntax error"), quote(sql) + ": " + e.getMessage());
  }

  /** The first column of {@code sql}'s rows; failures as the driver reports them. */
  private List<String> keys(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException | RuntimeException e) {
      throw SqlExceptionTranslator.translate(e);
    }
    return out;
  }

  private static String quote(String sql) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : sql.toCharArray()) {
      out.append(ch < 0x20 || ch > 0x7E ? String.format("\\u%04X", (int) ch) : String.valueOf(ch));
    }
    return out.append('"').toString();
  }
}
