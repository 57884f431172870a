package dev.shale.sql.exec;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;

/**
 * Whether the statement a read serves must stop: {@code Statement.cancel()} sets the statement's
 * cancel flag, and {@code setQueryTimeout} gives it a deadline, both of which Calcite hands each
 * execution in its data context ({@link DataContext.Variable#CANCEL_FLAG}, {@link
 * DataContext.Variable#TIMEOUT}). The reading loops {@link #check()} it as they go, so a long scan
 * stops with 57014, and the next statement starts with its own.
 */
public final class StatementCancel {

  /** For reads that serve no statement: never stops. */
  public static final StatementCancel NONE = new StatementCancel(null, 0, 0);

  private final AtomicBoolean flag; // null: none
  private final long timeoutMillis; // 0: none
  private final long deadlineNanos;

  private StatementCancel(AtomicBoolean flag, long timeoutMillis, long deadlineNanos) {
    this.flag = flag;
    this.timeoutMillis = timeoutMillis;
    this.deadlineNanos = deadlineNanos;
  }

  /** The cancellation of the execution {@code root} belongs to, its deadline counted from now. */
  public static StatementCancel of(DataContext root) {
    if (root == null) {
      return NONE;
    }
    Object flag = root.get(DataContext.Variable.CANCEL_FLAG.camelName);
    Object timeout = root.get(DataContext.Variable.TIMEOUT.camelName);
    long millis = timeout instanceof Number n ? Math.max(0, n.longValue()) : 0;
    AtomicBoolean cancel = flag instanceof AtomicBoolean b ? b : null;
    if (cancel == null && millis == 0) {
      return NONE;
    }
    return new StatementCancel(cancel, millis, System.nanoTime() + millis * 1_000_000);
  }

  /**
   * The cancellation of a statement run without Calcite: {@code flag} (null: none) is its cancel
   * flag, {@code timeoutMillis} (0: none) its query timeout, counted from now.
   */
  public static StatementCancel of(AtomicBoolean flag, long timeoutMillis) {
    long millis = Math.max(0, timeoutMillis);
    if (flag == null && millis == 0) {
      return NONE;
    }
    return new StatementCancel(flag, millis, System.nanoTime() + millis * 1_000_000);
  }

  /** Throws 57014 when the statement was canceled or ran past its query timeout. */
  public void check() {
    if (flag != null && flag.get()) {
      throw new ShaleSqlException(
          SqlStates.QUERY_CANCELED, "Statement canceled (Statement.cancel() was called)");
    }
    if (timeoutMillis > 0 && System.nanoTime() - deadlineNanos > 0) {
      throw new ShaleSqlException(
          SqlStates.QUERY_CANCELED,
          "Statement canceled: it ran longer than its query timeout of "
              + (timeoutMillis % 1000 == 0 ? timeoutMillis / 1000 + " s" : timeoutMillis + " ms")
              + " (Statement.setQueryTimeout)");
    }
  }
}
