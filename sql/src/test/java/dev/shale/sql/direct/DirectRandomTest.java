package dev.shale.sql.direct;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.sql.direct.DirectPair.Case;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random statements of every direct shape, run one after the other on the direct and the planned
 * path of two databases that start alike: every result, failure and table state must agree. The
 * seed is printed; {@code -Dshale.direct.seed=<seed>} replays a run, {@code
 * -Dshale.direct.statements=<n>} sets its length.
 */
class DirectRandomTest {

  /** Keys the statements use: near each other, with blanks, accents, surrogates and NUL. */
  private static final String[] KEYS = {
    "a", "a ", "ab", "abc", "b", "ba", "c", "é", "\uD83D\uDE00", "k\u0000", "z", "zz", "it's", ""
  };

  private static long seed() {
    String given = System.getProperty("shale.direct.seed");
    return given != null ? Long.parseLong(given) : System.nanoTime();
  }

  @Test
  void randomStatementsGiveWhatThePlannedPathGives() throws SQLException {
    long seed = seed();
    System.out.println("DirectRandomTest seed " + seed + " (-Dshale.direct.seed=" + seed + ")");
    Generator generator = new Generator(seed);
    int n = Integer.getInteger("shale.direct.statements", 400);
    try (DirectPair pair = new DirectPair()) {
      int left = 0;
      for (int i = 0; i < n; i++) {
        Case c = generator.statement();
        if (DirectStatement.parse(c.sql()) == null) {
          left++; // e.g. LIMIT ? under a WHERE that Calcite may fold to FALSE: Calcite's
          continue;
        }
        try {
          pair.run(c);
        } catch (AssertionError e) {
          throw new AssertionError(
              "statement " + i + " of seed " + seed + " (-Dshale.direct.seed=" + seed + "): " + c,
              e);
        }
      }
      assertTrue(left < n / 10, left + " of " + n + " statements left to Calcite");
    }
  }

  /** Random statements of the direct shapes, with their parameters. */
  private static final class Generator {

    private final Random random;
    private final List<Object> params = new ArrayList<>();

    Generator(long seed) {
      this.random = new Random(seed);
    }

    Case statement() {
      params.clear();
      int kind = random.nextInt(10);
      String sql =
          switch (kind) {
            case 0, 1, 2, 3 -> select();
            case 4 -> "SELECT COUNT(*) FROM kv" + where();
            case 5, 6 -> insert();
            case 7 -> "UPDATE kv SET value = " + value() + where();
            default -> "DELETE FROM kv" + (random.nextInt(8) == 0 ? "" : " WHERE " + predicate());
          };
      return Case.of(sql, params.toArray());
    }

    private String select() {
      StringBuilder sql = new StringBuilder("SELECT ");
      int keys = 0;
      if (random.nextBoolean()) {
        sql.append('*');
      } else {
        int columns = 1 + random.nextInt(3);
        for (int i = 0; i < columns; i++) {
          String column = pick("key", "value", "KEY", "\"value\"", "Value", "\"key\"");
          keys += column.equalsIgnoreCase("key") || column.equals("\"key\"") ? 1 : 0;
          sql.append(i > 0 ? ", " : "").append(column);
        }
      }
      sql.append(" FROM kv").append(where());
      if (keys <= 1 && random.nextInt(3) == 0) { // ORDER BY over two key columns is ambiguous
        sql.append(" ORDER BY key").append(pick("", " ASC", " DESC", " DESC"));
      }
      if (random.nextInt(3) == 0) {
        sql.append(" LIMIT ").append(count());
      }
      if (random.nextInt(4) == 0) {
        sql.append(" OFFSET ").append(count()).append(pick("", "", " ROW", " ROWS"));
      }
      return sql.toString();
    }

    private String where() {
      return random.nextInt(4) == 0 ? "" : " WHERE " + predicate();
    }

    private String predicate() {
      int conditions = 1 + random.nextInt(random.nextInt(5) == 0 ? 4 : 2);
      StringBuilder sql = new StringBuilder();
      for (int i = 0; i < conditions; i++) {
        sql.append(i > 0 ? " AND " : "").append(condition());
      }
      return sql.toString();
    }

    private String condition() {
      return switch (random.nextInt(8)) {
        case 0 -> "key BETWEEN " + operand() + " AND " + operand();
        case 1, 2 -> {
          int n = 1 + random.nextInt(4);
          StringBuilder in = new StringBuilder("key IN (");
          for (int i = 0; i < n; i++) {
            in.append(i > 0 ? ", " : "").append(operand());
          }
          yield in.append(')').toString();
        }
        default -> "key " + pick("=", "=", "<", "<=", ">", ">=") + " " + operand();
      };
    }

    private String insert() {
      StringBuilder sql = new StringBuilder(random.nextBoolean() ? "INSERT" : "UPSERT");
      sql.append(" INTO kv");
      boolean valueFirst = false;
      switch (random.nextInt(3)) {
        case 0 -> sql.append(" (key, value)");
        case 1 -> {
          sql.append(" (value, key)");
          valueFirst = true;
        }
        default -> {}
      }
      sql.append(" VALUES ");
      int rows = 1 + random.nextInt(3);
      for (int i = 0; i < rows; i++) {
        String key = keyOperand();
        String value = value();
        sql.append(i > 0 ? ", " : "")
            .append('(')
            .append(valueFirst ? value : key)
            .append(", ")
            .append(valueFirst ? key : value)
            .append(')');
      }
      return sql.toString();
    }

    /**
     * A key operand of VALUES: a literal or a parameter (a NULL literal there is Calcite's); built
     * in text order, so the parameter of a value written first is added first.
     */
    private String keyOperand() {
      if (random.nextInt(3) == 0) {
        return "?" + mark(random.nextInt(12) == 0 ? null : key());
      }
      return literal(key());
    }

    private String value() {
      return switch (random.nextInt(6)) {
        case 0 -> "NULL";
        case 1 -> "?" + mark(random.nextInt(4) == 0 ? null : "p" + random.nextInt(100));
        default -> literal(pick("v", "", "it's", "a longer value", "é"));
      };
    }

    private String operand() {
      return switch (random.nextInt(10)) {
        case 0 -> "NULL";
        case 1, 2, 3 -> "?" + mark(random.nextInt(8) == 0 ? null : key());
        default -> literal(key());
      };
    }

    private String count() {
      if (random.nextInt(3) == 0) {
        int r = random.nextInt(12);
        Object v = r == 0 ? null : r == 1 ? -1L : r == 2 ? "2" : (long) random.nextInt(6);
        return "?" + mark(v);
      }
      return Integer.toString(random.nextInt(6));
    }

    /** Adds a parameter's value; returns "" (the text already has its {@code ?}). */
    private String mark(Object value) {
      params.add(value);
      return "";
    }

    private String key() {
      return random.nextInt(5) == 0
          ? Character.toString('a' + random.nextInt(3)) + (random.nextBoolean() ? "b" : "")
          : KEYS[random.nextInt(KEYS.length)];
    }

    private static String literal(String s) {
      return "'" + s.replace("'", "''") + "'";
    }

    private String pick(String... options) {
      return options[random.nextInt(options.length)];
    }
  }
}
