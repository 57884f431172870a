package dev.shale.sql.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Failures that carry no state of their own get the one that says what happened. */
class SqlExceptionTranslatorTest {

  @Test
  void aStackOverflowAnywhereInTheChainIsAStatementTooComplex() {
    SQLException e =
        SqlExceptionTranslator.translate(
            new SQLException("Error while executing SQL", new StackOverflowError()));
    assertEquals(SqlStates.STATEMENT_TOO_COMPLEX, e.getSQLState());
  }

  @Test
  void avaticasStatelessRefusalsGetTheirStates() {
    assertEquals("08003", state("Connection closed"));
    assertEquals("HY010", state("Statement closed"));
    assertEquals("HY010", state("ResultSet closed"));
    assertEquals("57014", state("Statement canceled"));
    assertEquals("HY000", state("something else"));
  }

  private static String state(String message) {
    return SqlExceptionTranslator.translate(new SQLException(message)).getSQLState();
  }
}
