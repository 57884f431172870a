package dev.shale.sql.store;

/**
 * A session open on a {@link KvDatabase}, as {@code sys.connections} and {@code sys.transactions}
 * show it. Embedded connections and the server's remote ones are sessions alike.
 */
public interface OpenSession {

  /** Its number in this JVM, from 1, in the order sessions opened. */
  long id();

  /** When it opened, epoch milliseconds. */
  long openedAtMillis();

  /** Statements it prepared (each planned, cached or planner-free) and batches it ran. */
  long statements();

  boolean autoCommit();

  boolean readOnly();

  /** The isolation it gives: snapshot isolation, which JDBC names REPEATABLE READ. */
  default String isolation() {
    return "REPEATABLE READ (snapshot)";
  }

  /** When its open transaction began (took its snapshot), epoch ms; 0 if none is open. */
  long transactionBegunAtMillis();

  /** The bytes of its open transaction's buffered writes; 0 if none. */
  long transactionWriteBytes();

  /** Its own settings: name to value (sync, transactionMaxBytes...). */
  java.util.Map<String, String> settings();
}
