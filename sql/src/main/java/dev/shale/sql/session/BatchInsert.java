package dev.shale.sql.session;

import dev.shale.sql.error.SqlExceptionTranslator;
import dev.shale.sql.exec.KvWriter;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * The executeBatch of the one statement shape bulk loads use, {@code INSERT|UPSERT INTO kv [(key,
 * value) | (value, key)] VALUES (?, ?)}: the batch's rows go to the engine in one write instead of
 * one planned execution and one write each.
 *
 * <p>Semantics are those of executing the rows one by one in auto-commit: an INSERT row whose key
 * exists (or came earlier in the batch) fails with 23505, the rows before it are written, the rest
 * are not, and the {@link BatchUpdateException} counts the rows that went in. Nothing is visible or
 * acknowledged before executeBatch returns.
 */
public final class BatchInsert {

  private final Session session;
  private final boolean upsert;
  private final int keyParameter;

  /**
   * The batch path of a statement whose two parameters are {@code (key, value)} when {@code
   * keyParameter} is 0, {@code (value, key)} when it is 1.
   */
  public BatchInsert(Session session, boolean upsert, int keyParameter) {
    this.session = session;
    this.upsert = upsert;
    this.keyParameter = keyParameter;
  }

  /** The 0-based position of the key among the statement's two parameters. */
  public int keyParameter() {
    return keyParameter;
  }

  /**
   * Writes {@code rows} (each {@code {key, value}}, the value may be null) in one write; returns
   * one update count (1) per row.
   *
   * @throws BatchUpdateException when a row is refused, counting the rows before it (written)
   */
  public int[] execute(List<String[]> rows) throws SQLException {
    KvWriter.BatchOutcome outcome;
    try {
      outcome = session.writer().insertBatch(rows, upsert);
    } catch (RuntimeException e) {
      throw SqlExceptionTranslator.translate(e);
    }
    session.took(StatementPath.BATCH_INSERT);
    int[] counts = new int[outcome.written()];
    Arrays.fill(counts, 1);
    if (outcome.refused() != null) {
      SQLException reason = SqlExceptionTranslator.translate(outcome.refused());
      throw new BatchUpdateException(
          reason.getMessage(), reason.getSQLState(), reason.getErrorCode(), counts, reason);
    }
    return counts;
  }
}
