package dev.shale.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

/**
 * The embedded databases the JDBC benchmark knows, each as a file database with the table {@code
 * kv(key VARCHAR NOT NULL PRIMARY KEY, value VARCHAR)} and durability as close to the others' as it
 * offers.
 */
enum JdbcTarget {
  SHALE("Shale", "dev.shale.jdbc.ShaleDriver") {
    @Override
    String url(Path dir, boolean sync) {
      return "jdbc:shale:" + dir.toAbsolutePath() + ";sync=" + sync;
    }

    @Override
    void createTable(Connection connection, boolean sync) {
      // The one table exists in every Shale database.
    }

    @Override
    String durability(boolean sync) {
      return sync
          ? "sync=true: the WAL is fsynced before each statement returns"
          : "sync=false: each statement is in the WAL (handed to the OS) when it returns, no fsync";
    }
  },
  H2("H2", "org.h2.Driver") {
    @Override
    String url(Path dir, boolean sync) {
      return "jdbc:h2:" + dir.toAbsolutePath().resolve("h2") + ";NON_KEYWORDS=KEY,VALUE";
    }

    @Override
    void createTable(Connection connection, boolean sync) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE kv(key VARCHAR NOT NULL PRIMARY KEY, value VARCHAR)");
      }
    }

    @Override
    String durability(boolean sync) {
      return "H2 defaults (it has no fsync-per-commit setting): MVStore writes commits to the file"
          + " in the background within WRITE_DELAY = 500 ms, no fsync; a process crash can lose"
          + " up to the last 0.5 s";
    }
  },
  SQLITE("SQLite", "org.sqlite.JDBC") {
    @Override
    String url(Path dir, boolean sync) {
      return "jdbc:sqlite:" + dir.toAbsolutePath().resolve("kv.db");
    }

    @Override
    void createTable(Connection connection, boolean sync) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute(
            "CREATE TABLE kv(key VARCHAR NOT NULL PRIMARY KEY, value VARCHAR) WITHOUT ROWID");
      }
    }

    @Override
    void configure(Connection connection, boolean sync) throws SQLException {
      // synchronous is per connection; journal_mode=WAL is stored in the file.
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA synchronous=" + synchronous(sync));
      }
    }

    @Override
    String durability(boolean sync) {
      return "journal_mode=WAL, synchronous="
          + synchronous(sync)
          + (sync
              ? ": the WAL is fsynced at each commit"
              : ": each commit is in the WAL (handed to the OS), fsync only at checkpoints; the"
                  + " match of Shale's sync=false");
    }

    private static String synchronous(boolean sync) {
      return sync ? "FULL" : "NORMAL";
    }
  };

  private final String displayName;
  private final String driverClass;

  JdbcTarget(String displayName, String driverClass) {
    this.displayName = displayName;
    this.driverClass = driverClass;
  }

  String displayName() {
    return displayName;
  }

  String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The URL of the database kept in {@code dir}. */
  abstract String url(Path dir, boolean sync);

  /** Creates the kv table in a new database and sets what the file keeps. */
  abstract void createTable(Connection connection, boolean sync) throws SQLException;

  /** Sets what each new connection must set; called after {@link #createTable}. */
  void configure(Connection connection, boolean sync) throws SQLException {}

  abstract String durability(boolean sync);

  /**
   * Connects through the driver class itself rather than DriverManager, which would load every
   * driver on the classpath and charge that to whichever database connects first.
   */
  Connection connect(String url) throws SQLException {
    Driver driver;
    try {
      driver = (Driver) Class.forName(driverClass).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new SQLException("Cannot load JDBC driver " + driverClass, e);
    }
    Connection connection = driver.connect(url, new Properties());
    if (connection == null) {
      throw new SQLException(driverClass + " does not accept " + url);
    }
    return connection;
  }

  static JdbcTarget fromOption(String name) {
    for (JdbcTarget target : values()) {
      if (target.optionName().equals(name)) {
        return target;
      }
    }
    throw new IllegalArgumentException("Unknown database '" + name + "'; known: shale,h2,sqlite");
  }
}
