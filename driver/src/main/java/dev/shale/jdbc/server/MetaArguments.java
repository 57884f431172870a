package dev.shale.jdbc.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

/**
 * The arguments a remote connection may ask {@link java.sql.DatabaseMetaData}'s questions with, for
 * the questions that take one: every result set type, concurrency, holdability and isolation level
 * JDBC defines, so the server can answer them all ahead.
 */
final class MetaArguments {

  private static final List<Integer> TYPES =
      List.of(
          ResultSet.TYPE_FORWARD_ONLY,
          ResultSet.TYPE_SCROLL_INSENSITIVE,
          ResultSet.TYPE_SCROLL_SENSITIVE);
  private static final List<Integer> CONCURRENCIES =
      List.of(ResultSet.CONCUR_READ_ONLY, ResultSet.CONCUR_UPDATABLE);
  private static final List<Integer> HOLDABILITIES =
      List.of(ResultSet.HOLD_CURSORS_OVER_COMMIT, ResultSet.CLOSE_CURSORS_AT_COMMIT);
  private static final List<Integer> ISOLATIONS =
      List.of(
          Connection.TRANSACTION_NONE,
          Connection.TRANSACTION_READ_UNCOMMITTED,
          Connection.TRANSACTION_READ_COMMITTED,
          Connection.TRANSACTION_REPEATABLE_READ,
          Connection.TRANSACTION_SERIALIZABLE);

  private MetaArguments() {}

  /** The arguments of a question with one int argument; empty if the server cannot know them. */
  static List<Integer> single(String method) {
    return switch (method) {
      case "supportsTransactionIsolationLevel" -> ISOLATIONS;
      case "supportsResultSetHoldability" -> HOLDABILITIES;
      case "supportsResultSetType",
          "ownUpdatesAreVisible",
          "ownDeletesAreVisible",
          "ownInsertsAreVisible",
          "othersUpdatesAreVisible",
          "othersDeletesAreVisible",
          "othersInsertsAreVisible",
          "updatesAreDetected",
          "deletesAreDetected",
          "insertsAreDetected" ->
          TYPES;
      default -> List.of();
    };
  }

  /** The argument pairs of a question with two int arguments. */
  static List<int[]> pairs(String method) {
    if (!method.equals("supportsResultSetConcurrency")) {
      return List.of(); // supportsConvert: asked of the server's own driver, not ahead
    }
    return TYPES.stream().flatMap(t -> CONCURRENCIES.stream().map(c -> new int[] {t, c})).toList();
  }
}
