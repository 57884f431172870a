package dev.shale.sql.direct;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.sql.direct.DirectPair.Case;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random damage to statements of every direct shape: whatever damaged text the direct executor
 * still takes, the planned path accepts too and answers alike (a differential run per text), so the
 * direct path never takes what Calcite would refuse. The seed is printed; {@code
 * -Dshale.direct.seed=<seed>} replays.
 */
class DirectFuzzTest {

  private static final List<String> BASES =
      List.of(
          "SELECT key FROM kv WHERE key = 'a'",
          "select VALUE, \"key\" from KV where KEY >= 'it''s' ORDER BY key DESC LIMIT 2",
          "SELECT * FROM kv WHERE key BETWEEN ? AND 'c' AND key IN ('a', 'b', NULL) OFFSET 1 ROWS",
          "SELECT COUNT(*) FROM kv WHERE key < ?",
          "SELECT * FROM kv LIMIT ? OFFSET ?",
          "INSERT INTO kv (value, key) VALUES ('v', 'n'), (?, ?)",
          "UPSERT INTO kv VALUES ('n', NULL);",
          "UPDATE kv SET value = 'y' WHERE key > 'b' AND key <= 'd'",
          "DELETE FROM kv WHERE key IN (?, 'zz') -- why");

  private static final String[] PIECES = {
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
    "<",
    ">",
    "=",
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
    " OR ",
    "N",
    "\u00A0",
    "\t",
    "\f",
    "1",
    " NULL",
    " key",
    " value",
    "key =",
    " LIMIT 1",
    " DESC"
  };

  @Test
  void whateverDamagedTextTheDirectPathTakesThePlannedPathAnswersAlike() throws SQLException {
    String given = System.getProperty("shale.direct.seed");
    long seed = given != null ? Long.parseLong(given) : System.nanoTime();
    System.out.println("DirectFuzzTest seed " + seed + " (-Dshale.direct.seed=" + seed + ")");
    Random random = new Random(seed);
    int taken = 0;
    try (DirectPair pair = new DirectPair()) {
      for (int round = 0; round < 1500; round++) {
        StringBuilder sql = new StringBuilder(BASES.get(random.nextInt(BASES.size())));
        for (int m = 1 + random.nextInt(2); m > 0; m--) {
          int at = random.nextInt(sql.length() + 1);
          switch (random.nextInt(3)) {
            case 0 -> sql.setLength(Math.max(1, at));
            case 1 -> sql.deleteCharAt(Math.min(at, sql.length() - 1));
            default -> sql.insert(at, PIECES[random.nextInt(PIECES.length)]);
          }
        }
        DirectStatement statement = DirectStatement.parse(sql.toString());
        if (statement == null) {
          continue;
        }
        Object[] params = new Object[statement.parameterCount()];
        for (int i = 0; i < params.length; i++) {
          params[i] = statement.parameterType(i) == Types.INTEGER ? (Object) 1L : "b";
        }
        Case c = Case.of(sql.toString(), params);
        try {
          pair.run(c);
        } catch (AssertionError e) {
          throw new AssertionError("seed " + seed + " (-Dshale.direct.seed=" + seed + "): " + c, e);
        }
        taken++;
      }
    }
    assertTrue(taken > 40, "only " + taken + " damaged statements were still direct");
  }
}
