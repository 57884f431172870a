package dev.shale.jdbc.server;

import dev.shale.sql.error.ShaleSqlException;
import dev.shale.sql.error.SqlStates;
import dev.shale.sql.session.Session;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatica's {@link JdbcMeta} over the embedded database, as a server must run it: a client may set
 * only the settings of its own connection ({@link #CLIENT_SETTINGS}), never one that names a class,
 * a model, a path or the database's own options; each client address has at most so many
 * connections and each connection so many statements; every connection and statement is owned by
 * the client that opened it, and only that client may cancel it.
 */
final class ShaleMeta extends JdbcMeta {

  private static final Logger LOG = LoggerFactory.getLogger(ShaleMeta.class);

  /** Who sent the request being handled on this thread (set by {@link AvaticaEndpoint}). */
  static final ThreadLocal<Client> CLIENT = new ThreadLocal<>();

  /**
   * A client: its address, the user it authenticated as (null without authentication), and whether
   * it is an admin (a user of role admin, or the directory's secret; the server's own process is
   * one).
   */
  record Client(String address, String user, boolean admin) {}

  /** Why a remote connection may not use CALL shale.load, dump or backup. */
  static final String FILE_RULE =
      "over the network server only an admin may (a user of role admin in the server's --users"
          + " file, or a mixed-mode client holding the directory's secret); this client is not one";

  /** The settings a client may give its connection; everything else is the server's. */
  static final Set<String> CLIENT_SETTINGS = Set.of("transactionMaxBytes");

  /** Settings clients send that mean nothing to the server's connection, dropped quietly. */
  private static final Set<String> IGNORED = Set.of("user", "password");

  /** StatementInfo keeps its JDBC statement in a package-private field, with no accessor. */
  private static final java.lang.reflect.Field STATEMENT;

  static {
    try {
      STATEMENT = StatementInfo.class.getDeclaredField("statement");
      STATEMENT.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(
          "Avatica's StatementInfo has no field 'statement' (a different Avatica version?): " + e);
    }
  }

  private final ServerConfig config;
  private final ConcurrentMap<String, Client> owners = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, String> statementOwners = new ConcurrentHashMap<>();

  /**
   * Every connection id opened and not closed by its client: one missing from the cache was closed
   * by the server for idleness, and is refused with 08003 saying so. Without this JdbcMeta answers
   * "no such connection", Avatica's client silently opens a new one, and a transaction's writes
   * vanish with an error of no state and a message "null".
   */
  private final Set<String> opened = ConcurrentHashMap.newKeySet();

  ShaleMeta(ServerConfig config) throws SQLException {
    super(config.databaseUrl(), cacheSettings(config), NoopMetricsSystem.getInstance());
    this.config = config;
  }

  private static Properties cacheSettings(ServerConfig config) {
    Properties p = new Properties();
    long idleSeconds = Math.max(1, config.idle().toSeconds());
    p.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(), Long.toString(idleSeconds));
    p.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), "SECONDS");
    p.setProperty(ConnectionCacheSettings.MAX_CAPACITY.key(), "100000");
    p.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), Long.toString(idleSeconds));
    p.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), "SECONDS");
    p.setProperty(StatementCacheSettings.MAX_CAPACITY.key(), "10000000");
    return p;
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    Client client = currentClient();
    Properties settings = new Properties();
    if (info != null) {
      for (Map.Entry<String, String> e : info.entrySet()) {
        if (CLIENT_SETTINGS.contains(e.getKey())) {
          settings.setProperty(e.getKey(), e.getValue());
        } else if (!IGNORED.contains(e.getKey())) {
          throw new ShaleSqlException(
              SqlStates.CONNECTION_REJECTED,
              "The server does not let a client set '"
                  + e.getKey()
                  + "': a client may set only "
                  + CLIENT_SETTINGS
                  + "; the database's own settings are the server's");
        }
      }
    }
    long open = countConnections(client);
    if (open >= config.maxConnectionsPerClient()) {
      throw new ShaleSqlException(
          SqlStates.CONNECTION_REJECTED,
          "Too many connections from "
              + client.address()
              + ": "
              + open
              + " are open, the server's limit is "
              + config.maxConnectionsPerClient()
              + " per client (--max-connections-per-client); close some first");
    }
    ConcurrentMap<String, Connection> connections = getConnectionCache().asMap();
    if (connections.containsKey(ch.id)) {
      throw new ShaleSqlException(
          SqlStates.CONNECTION_REJECTED, "Connection id " + ch.id + " is in use already");
    }
    try {
      Connection conn = createConnection(config.databaseUrl(), settings);
      if (!client.admin()) {
        conn.unwrap(Session.class).denyFileAccess(FILE_RULE);
      }
      if (connections.putIfAbsent(ch.id, conn) != null) {
        conn.close();
        throw new ShaleSqlException(
            SqlStates.CONNECTION_REJECTED, "Connection id " + ch.id + " is in use already");
      }
      owners.put(ch.id, client);
      opened.add(ch.id);
      LOG.debug("opened connection {} for {}", ch.id, client);
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    checkOwner(ch.id);
    try {
      super.closeConnection(ch);
    } finally {
      owners.remove(ch.id);
      opened.remove(ch.id);
    }
  }

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    checkStatementRoom(ch.id);
    StatementHandle h = super.createStatement(ch);
    statementOwners.put(h.id, ch.id);
    return h;
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    checkStatementRoom(ch.id);
    StatementHandle h = super.prepare(ch, sql, maxRowCount);
    statementOwners.put(h.id, ch.id);
    return h;
  }

  @Override
  public void closeStatement(StatementHandle h) {
    try {
      super.closeStatement(h);
    } finally {
      statementOwners.remove(h.id);
    }
  }

  @Override
  protected Connection getConnection(String id) throws SQLException {
    checkOwner(id);
    if (opened.contains(id) && getConnectionCache().getIfPresent(id) == null) {
      throw new ShaleSqlException(
          SqlStates.CONNECTION_CLOSED,
          "Connection "
              + id
              + " was closed by the server: it was unused for longer than the server's idle limit"
              + " ("
              + config.idle()
              + ", --idle-minutes); its transaction, if one was open, was rolled back");
    }
    return super.getConnection(id);
  }

  /** Cancels the statement {@code statementId} of connection {@code connectionId}, if running. */
  void cancel(String connectionId, int statementId) throws SQLException {
    statement(connectionId, statementId).cancel();
  }

  /** Sets the query timeout of a statement, as {@link Statement#setQueryTimeout} does. */
  void setQueryTimeout(String connectionId, int statementId, int seconds) throws SQLException {
    statement(connectionId, statementId).setQueryTimeout(seconds);
  }

  private Statement statement(String connectionId, int statementId) throws SQLException {
    getConnection(connectionId); // checks the owner, and that it is open
    StatementInfo info = getStatementCache().getIfPresent(statementId);
    if (info == null || !connectionId.equals(statementOwners.get(statementId))) {
      throw new ShaleSqlException(
          SqlStates.OBJECT_CLOSED,
          "Statement " + statementId + " of connection " + connectionId + " is not open");
    }
    return statementOf(info);
  }

  /**
   * Every flag, name and limit of the connection's {@link DatabaseMetaData} that takes no argument
   * (or one of a few small ranges of them), as {@code method=value} and {@code method(arg)=value}
   * lines, so that a remote connection answers them exactly as an embedded one.
   */
  Properties metadataAnswers(String connectionId) throws SQLException {
    DatabaseMetaData md = getConnection(connectionId).getMetaData();
    Properties answers = new Properties();
    for (Method m : DatabaseMetaData.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())
          || ResultSet.class.isAssignableFrom(m.getReturnType())) {
        continue;
      }
      Class<?>[] params = m.getParameterTypes();
      Class<?> type = m.getReturnType();
      if (type != boolean.class
          && type != int.class
          && type != String.class
          && type != long.class) {
        continue;
      }
      try {
        if (params.length == 0) {
          answer(answers, m.getName(), m.invoke(md));
        } else if (params.length == 1 && params[0] == int.class) {
          for (int arg : MetaArguments.single(m.getName())) {
            answer(answers, m.getName() + "(" + arg + ")", m.invoke(md, arg));
          }
        } else if (params.length == 2 && params[0] == int.class && params[1] == int.class) {
          for (int[] args : MetaArguments.pairs(m.getName())) {
            answer(
                answers,
                m.getName() + "(" + args[0] + "," + args[1] + ")",
                m.invoke(md, args[0], args[1]));
          }
        }
      } catch (ReflectiveOperationException e) {
        LOG.debug("metadata {} not answered: {}", m.getName(), e.getCause());
      }
    }
    try (ResultSet columns = md.getColumns(null, null, "kv", null)) {
      while (columns.next()) {
        String column = columns.getString("COLUMN_NAME");
        answers.setProperty(
            "shale.max" + (column.equals("key") ? "Key" : "Value") + "Bytes",
            Integer.toString(columns.getInt("COLUMN_SIZE")));
      }
    }
    return answers;
  }

  private static void answer(Properties answers, String key, Object value) {
    if (value != null) {
      answers.setProperty(key, value.toString());
    }
  }

  private static Statement statementOf(StatementInfo info) {
    try {
      return (Statement) STATEMENT.get(info);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Cancels every statement that runs. */
  void cancelAll() {
    for (StatementInfo info : getStatementCache().asMap().values()) {
      try {
        statementOf(info).cancel();
      } catch (SQLException | RuntimeException e) {
        LOG.debug("cancel at shutdown failed", e);
      }
    }
  }

  /** Closes every connection (rolling back its transaction) after cancelling its statements. */
  void closeAll() {
    cancelAll();
    for (Map.Entry<String, Connection> e : getConnectionCache().asMap().entrySet()) {
      try {
        e.getValue().close();
      } catch (SQLException | RuntimeException ex) {
        LOG.warn("closing connection {} at shutdown failed: {}", e.getKey(), ex.toString());
      }
    }
    getStatementCache().invalidateAll();
    getConnectionCache().invalidateAll();
    owners.clear();
    statementOwners.clear();
  }

  /** How many connections are open now. */
  int openConnections() {
    return (int) getConnectionCache().size();
  }

  private static Client currentClient() {
    Client c = CLIENT.get();
    return c != null ? c : new Client("in-process", null, true);
  }

  /** A connection is used only by the client that opened it (same address and user). */
  private void checkOwner(String connectionId) {
    Client owner = owners.get(connectionId);
    Client client = currentClient();
    if (owner != null && !sameClient(owner, client) && CLIENT.get() != null) {
      throw new ShaleSqlException(
          SqlStates.CONNECTION_CLOSED, "Connection " + connectionId + " is not open");
    }
  }

  private long countConnections(Client client) {
    ConcurrentMap<String, Connection> open = getConnectionCache().asMap();
    owners.keySet().removeIf(id -> !open.containsKey(id));
    return owners.values().stream().filter(c -> sameClient(c, client)).count();
  }

  /** The same client: address and user (the admin flag is the same credentials' answer). */
  private static boolean sameClient(Client a, Client b) {
    return a.address().equals(b.address()) && java.util.Objects.equals(a.user(), b.user());
  }

  private void checkStatementRoom(String connectionId) {
    checkOwner(connectionId);
    long mine = statementOwners.values().stream().filter(connectionId::equals).count();
    if (mine < config.maxStatementsPerConnection()) {
      return;
    }
    ConcurrentMap<Integer, StatementInfo> live = getStatementCache().asMap();
    statementOwners.keySet().removeIf(id -> !live.containsKey(id));
    mine = statementOwners.values().stream().filter(connectionId::equals).count();
    if (mine >= config.maxStatementsPerConnection()) {
      throw new ShaleSqlException(
          SqlStates.PROGRAM_LIMIT_EXCEEDED,
          "Too many open statements on connection "
              + connectionId
              + ": "
              + mine
              + " are open, the server's limit is "
              + config.maxStatementsPerConnection()
              + " per connection (--max-statements-per-connection); close statements you no"
              + " longer use");
    }
  }
}
