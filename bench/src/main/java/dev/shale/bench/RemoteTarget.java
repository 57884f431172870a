package dev.shale.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The network servers the load test knows: each a child JVM serving one database on a loopback
 * port, and the client URL that reaches it. Both hold the table {@code kv(key VARCHAR NOT NULL
 * PRIMARY KEY, value VARCHAR)} and run with their own default durability, unless {@code
 * --shale-sync} chooses Shale's.
 */
enum RemoteTarget {
  SHALE("Shale", "dev.shale.jdbc.ShaleDriver") {
    @Override
    List<String> serverMainAndArgs(Path dir, int port, String shaleSync) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "dev.shale.jdbc.Main",
                  "serve",
                  "--dir",
                  dir.toAbsolutePath().toString(),
                  "--port",
                  Integer.toString(port)));
      if (!shaleSync.isEmpty()) {
        // Durability is the opener's choice, so it goes to the server, never on a client's URL.
        command.add("--sync=" + shaleSync);
      }
      return command;
    }

    @Override
    String url(int port) {
      return "jdbc:shale:remote:127.0.0.1:" + port;
    }

    @Override
    Properties properties() {
      return new Properties();
    }

    @Override
    void createTable(Connection connection) {
      // The one table exists in every Shale database.
    }

    @Override
    String durability(String shaleSync) {
      if (shaleSync.equals("false")) {
        return "server opened with sync=false: a write is in the WAL (handed to the OS) when it"
            + " returns, no fsync";
      }
      return (shaleSync.isEmpty() ? "server defaults (sync=true)" : "server opened with sync=true")
          + ": the WAL is fsynced before each write returns";
    }
  },
  H2("H2", "org.h2.Driver") {
    @Override
    List<String> serverMainAndArgs(Path dir, int port, String shaleSync) {
      return List.of(
          "org.h2.tools.Server",
          "-tcp",
          "-tcpPort",
          Integer.toString(port),
          "-ifNotExists",
          "-baseDir",
          dir.toAbsolutePath().toString());
    }

    @Override
    String url(int port) {
      // KEY and VALUE are keywords in H2 2.x; the setting is per session, so every client sends it.
      return "jdbc:h2:tcp://127.0.0.1:" + port + "/bench;NON_KEYWORDS=KEY,VALUE";
    }

    @Override
    Properties properties() {
      Properties properties = new Properties();
      properties.setProperty("user", "sa");
      properties.setProperty("password", "");
      return properties;
    }

    @Override
    void createTable(Connection connection) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE kv(key VARCHAR NOT NULL PRIMARY KEY, value VARCHAR)");
      }
    }

    @Override
    String durability(String shaleSync) {
      return "H2 defaults (no fsync-per-commit setting): the TCP server's MVStore writes commits"
          + " to the file in the background within WRITE_DELAY = 500 ms, no fsync per commit";
    }
  };

  private final String displayName;
  private final String driverClass;

  RemoteTarget(String displayName, String driverClass) {
    this.displayName = displayName;
    this.driverClass = driverClass;
  }

  String displayName() {
    return displayName;
  }

  String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The server's main class and its arguments, serving the database kept in {@code dir} on {@code
   * port}; {@code shaleSync} is "", "true" or "false".
   */
  abstract List<String> serverMainAndArgs(Path dir, int port, String shaleSync);

  /** The client URL of the server on {@code port} of the loopback address. */
  abstract String url(int port);

  abstract Properties properties();

  /** Creates the kv table in the new database. */
  abstract void createTable(Connection connection) throws SQLException;

  abstract String durability(String shaleSync);

  /** Connects through the driver class itself, as {@link JdbcTarget#connect} does. */
  Connection connect(int port) throws SQLException {
    Driver driver;
    try {
      driver = (Driver) Class.forName(driverClass).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new SQLException("Cannot load JDBC driver " + driverClass, e);
    }
    String url = url(port);
    Connection connection = driver.connect(url, properties());
    if (connection == null) {
      throw new SQLException(driverClass + " does not accept " + url);
    }
    return connection;
  }

  static RemoteTarget fromOption(String name) {
    for (RemoteTarget target : values()) {
      if (target.optionName().equals(name)) {
        return target;
      }
    }
    throw new IllegalArgumentException("Unknown server '" + name + "'; known: shale,h2");
  }
}
