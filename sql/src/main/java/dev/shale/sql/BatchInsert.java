package dev.shale.sql;

import dev.shale.sql.SqlTokens.Token;
import java.util.List;

/**
 * The fast path of {@code executeBatch} for the one statement shape bulk loads use: {@code
 * INSERT|UPSERT INTO kv [(key, value) | (value, key)] VALUES (?, ?)}. The batch's rows go to the
 * engine in one write instead of one planned execution and one write each.
 *
 * <p>Semantics are those of executing the rows one by one in auto-commit: an INSERT row whose key
 * exists (or came earlier in the batch) fails with 23505, the rows before it are written, the rest
 * are not, and {@link Failure} says how many went in. Nothing is visible or acknowledged before
 * executeBatch returns.
 */
public final class BatchInsert {

  private final KvTable table;
  private final boolean upsert;
  private final int keyParameter; // 0-based position of the key among the two parameters

  private BatchInsert(KvTable table, boolean upsert, int keyParameter) {
    this.table = table;
    this.upsert = upsert;
    this.keyParameter = keyParameter;
  }

  /** The rows' parameters are {@code (key, value)} in this order when true. */
  public int keyParameter() {
    return keyParameter;
  }

  /** The fast path for {@code sql} on {@code table}, or null if the statement has another shape. */
  static BatchInsert of(KvTable table, String sql) {
    List<Token> tokens = SqlTokens.significant(SqlTokens.of(sql));
    int i = 0;
    boolean upsert;
    if (take(tokens, i, "INSERT")) {
      upsert = false;
    } else if (take(tokens, i, "UPSERT")) {
      upsert = true;
    } else {
      return null;
    }
    i++;
    if (!take(tokens, i++, "INTO") || !isName(tokens, i++, KvTable.NAME)) {
      return null;
    }
    int keyParameter = 0;
    if (i < tokens.size() && tokens.get(i).isSymbol("(")) {
      if (tokens.size() < i + 5
          || !tokens.get(i + 2).isSymbol(",")
          || !tokens.get(i + 4).isSymbol(")")) {
        return null;
      }
      if (isName(tokens, i + 1, KvTable.KEY) && isName(tokens, i + 3, KvTable.VALUE)) {
        keyParameter = 0;
      } else if (isName(tokens, i + 1, KvTable.VALUE) && isName(tokens, i + 3, KvTable.KEY)) {
        keyParameter = 1;
      } else {
        return null;
      }
      i += 5;
    }
    String[] rest = {"VALUES", "(", "?", ",", "?", ")"};
    if (tokens.size() != i + rest.length) {
      return null;
    }
    for (String expected : rest) {
      Token t = tokens.get(i++);
      if (!(t.isWord(expected) || t.isSymbol(expected))) {
        return null;
      }
    }
    return new BatchInsert(table, upsert, keyParameter);
  }

  private static boolean take(List<Token> tokens, int i, String word) {
    return i < tokens.size() && tokens.get(i).isWord(word);
  }

  /** Whether token {@code i} names {@code name}: any case unquoted, or "quoted". */
  private static boolean isName(List<Token> tokens, int i, String name) {
    return i < tokens.size() && name.equalsIgnoreCase(SqlTokens.name(tokens.get(i)));
  }

  /**
   * Writes {@code rows} (each {@code {key, value}}, value may be null) in one engine write; returns
   * one update count (1) per row.
   *
   * @throws Failure when a row is refused; the rows before it are written
   */
  public int[] execute(List<String[]> rows) {
    int written = table.insertBatch(rows, upsert);
    int[] counts = new int[written];
    java.util.Arrays.fill(counts, 1);
    return counts;
  }

  /** A batch row was refused: {@link #applied} rows before it were written. */
  public static final class Failure extends RuntimeException {
    private final int applied;

    Failure(int applied, ShaleSqlException cause) {
      super(cause.getMessage(), cause);
      this.applied = applied;
    }

    public int applied() {
      return applied;
    }

    public ShaleSqlException reason() {
      return (ShaleSqlException) getCause();
    }
  }
}
