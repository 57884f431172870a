package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.apache.ibatis.datasource.unpooled.UnpooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Clients that open transactions: Spring's TransactionTemplate, MyBatis, DBeaver's manual commit.
 */
class TransactionalClientsTest {

  /** A MyBatis mapper of kv. */
  public interface KvMapper {
    @Insert("INSERT INTO kv (key, value) VALUES (#{key}, #{value})")
    int insert(
        @org.apache.ibatis.annotations.Param("key") String key,
        @org.apache.ibatis.annotations.Param("value") String value);

    @Update("UPDATE kv SET value = #{value} WHERE key = #{key}")
    int update(
        @org.apache.ibatis.annotations.Param("key") String key,
        @org.apache.ibatis.annotations.Param("value") String value);

    @Select("SELECT value FROM kv WHERE key = #{key}")
    String value(String key);

    @Select("SELECT key FROM kv ORDER BY key")
    List<String> keys();
  }

  @BothModes
  void transactionTemplateCommitsAndRollsBack(Mode mode) {
    try (HikariDataSource source = PoolAndTemplateTest.pool(mode, "spring-tx", null)) {
      JdbcTemplate jdbc = new JdbcTemplate(source);
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(source));
      tx.executeWithoutResult(
          status -> {
            jdbc.update("INSERT INTO kv VALUES ('a', '1')");
            jdbc.update("INSERT INTO kv VALUES ('b', '2')");
          });
      assertThrows(
          IllegalStateException.class,
          () ->
              tx.executeWithoutResult(
                  status -> {
                    jdbc.update("UPDATE kv SET value = 'lost' WHERE key = 'a'");
                    throw new IllegalStateException("roll back");
                  }));
      tx.executeWithoutResult(
          status -> {
            jdbc.update("INSERT INTO kv VALUES ('c', '3')");
            status.setRollbackOnly();
          });
      assertEquals(
          List.of("a=1", "b=2"),
          jdbc.query(
              "SELECT key, value FROM kv ORDER BY key",
              (rs, n) -> rs.getString(1) + "=" + rs.getString(2)));
    }
  }

  /**
   * A read-only Spring transaction refuses writes (25006); a transaction that commits second on a
   * key another wrote first gets Spring's concurrency failure over 40001 and applies nothing.
   */
  @BothModes
  void springReadOnlyTransactionsAndConflicts(Mode mode) {
    try (HikariDataSource source = PoolAndTemplateTest.pool(mode, "spring-conflict", null)) {
      JdbcTemplate jdbc = new JdbcTemplate(source);
      JdbcTransactionManager manager = new JdbcTransactionManager(source);
      jdbc.update("INSERT INTO kv VALUES ('alice', '100'), ('bob', '100')");

      TransactionTemplate readOnly = new TransactionTemplate(manager);
      readOnly.setReadOnly(true);
      DataAccessException refused =
          assertThrows(
              DataAccessException.class,
              () ->
                  readOnly.executeWithoutResult(
                      status -> jdbc.update("DELETE FROM kv WHERE key = 'bob'")));
      assertEquals("25006", sqlState(refused), refused.toString());
      assertEquals(
          "100",
          readOnly.execute(
              status ->
                  jdbc.queryForObject("SELECT value FROM kv WHERE key = 'bob'", String.class)));

      TransactionTemplate tx = new TransactionTemplate(manager);
      ConcurrencyFailureException conflict =
          assertThrows(
              ConcurrencyFailureException.class,
              () ->
                  tx.executeWithoutResult(
                      status -> {
                        jdbc.update("UPDATE kv SET value = '90' WHERE key = 'alice'");
                        jdbc.update("UPDATE kv SET value = '110' WHERE key = 'bob'");
                        // Another connection of the pool, in auto-commit mode, commits first.
                        try (Connection other = source.getConnection();
                            PreparedStatement p =
                                other.prepareStatement("UPDATE kv SET value = ? WHERE key = ?")) {
                          p.setString(1, "-1");
                          p.setString(2, "alice");
                          p.executeUpdate();
                        } catch (SQLException e) {
                          throw new IllegalStateException(e);
                        }
                      }));
      assertEquals("40001", sqlState(conflict), conflict.toString());
      assertEquals(
          List.of("alice=-1", "bob=100"),
          jdbc.query(
              "SELECT key, value FROM kv ORDER BY key",
              (rs, n) -> rs.getString(1) + "=" + rs.getString(2)),
          "nothing of the conflicting transaction applied");
    }
  }

  /** The SQLState of the first SQLException in {@code e}'s causes. */
  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s.getSQLState();
      }
    }
    return null;
  }

  @BothModes
  void myBatisDefaultSessionCommitsAndRollsBack(Mode mode) {
    UnpooledDataSource source =
        new UnpooledDataSource("dev.shale.jdbc.ShaleDriver", mode.url("mybatis"), null, null);
    Configuration configuration =
        new Configuration(new Environment("it", new JdbcTransactionFactory(), source));
    configuration.addMapper(KvMapper.class);
    SqlSessionFactory factory = new SqlSessionFactoryBuilder().build(configuration);
    try (Connection held = DriverManager.getConnection(mode.url("mybatis"))) {
      try (SqlSession session = factory.openSession()) {
        KvMapper kv = session.getMapper(KvMapper.class);
        assertEquals(1, kv.insert("a", "1"));
        assertEquals(1, kv.insert("b", "2"));
        assertEquals("1", kv.value("a"), "a transaction reads its own writes");
        session.commit();
      }
      try (SqlSession session = factory.openSession()) {
        KvMapper kv = session.getMapper(KvMapper.class);
        assertEquals(1, kv.update("a", "changed"));
        session.rollback(true);
      }
      try (SqlSession session = factory.openSession()) {
        KvMapper kv = session.getMapper(KvMapper.class);
        assertEquals(List.of("a", "b"), kv.keys());
        assertEquals("1", kv.value("a"));
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  @BothModes
  void dbeaverEditsARowInManualCommitMode(Mode mode) throws Exception {
    try (Connection c = DriverManager.getConnection(mode.url("dbeaver-manual"));
        Connection other = DriverManager.getConnection(mode.url("dbeaver-manual"))) {
      try (java.sql.Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO kv VALUES ('k', 'v')");
      }
      c.setAutoCommit(false);
      assertFalse(c.getAutoCommit());
      try (PreparedStatement update =
          c.prepareStatement("UPDATE kv\n\tSET \"value\"=?\n\tWHERE \"key\"=?")) {
        update.setString(1, "edited");
        update.setString(2, "k");
        assertEquals(1, update.executeUpdate());
      }
      assertEquals(List.of("k=v"), MetadataClientsTest.rows(other), "not visible before commit");
      c.commit();
      assertEquals(List.of("k=edited"), MetadataClientsTest.rows(other));
      c.setAutoCommit(true);
    }
  }
}
