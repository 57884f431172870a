package dev.shale.jdbc.remote;

import dev.shale.jdbc.MetaDataHost;
import dev.shale.sql.error.SqlExceptionTranslator;
import dev.shale.sql.error.SqlStates;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * The faces a remote connection's objects show: Avatica's connection, statements, result sets and
 * metadata, each behind a proxy of its JDBC interface that
 *
 * <ul>
 *   <li>rebuilds every failure as the SQLException the embedded driver throws (its SQLState, its
 *       message, its JDBC subclass), and a lost server as 08006;
 *   <li>answers {@link DatabaseMetaData}'s flags, names and limits as the server's embedded
 *       connection does (fetched once per connection), and its catalog queries through Avatica;
 *   <li>cancels and times out statements on the server ({@link ControlClient}), which Avatica's
 *       protocol cannot;
 *   <li>returns its own faces from {@code getConnection()}, {@code getStatement()}, {@code
 *       getMetaData()} and the statement and result set factories.
 * </ul>
 */
final class RemoteObjects implements InvocationHandler {

  private static final List<Class<?>> FACES =
      List.of(
          CallableStatement.class,
          PreparedStatement.class,
          Statement.class,
          ResultSet.class,
          DatabaseMetaData.class);

  /** What the objects of one remote connection share. */
  private static final class Shared {
    final AvaticaConnection avatica;
    final ControlClient control;
    final RemoteUrl url;
    Connection face;
    volatile Properties metadata;

    Shared(AvaticaConnection avatica, ControlClient control, RemoteUrl url) {
      this.avatica = avatica;
      this.control = control;
      this.url = url;
    }

    Properties metadata() throws SQLException {
      Properties m = metadata;
      if (m == null) {
        m = control.metadata(avatica.id);
        metadata = m;
      }
      return m;
    }
  }

  private final Object target;
  private final Class<?> face;
  private final Shared shared;
  private final Object parent; // the statement of a result set

  private RemoteObjects(Object target, Class<?> face, Shared shared, Object parent) {
    this.target = target;
    this.face = face;
    this.shared = shared;
    this.parent = parent;
  }

  static Connection connection(AvaticaConnection avatica, ControlClient control, RemoteUrl url) {
    Shared shared = new Shared(avatica, control, url);
    shared.face = (Connection) proxy(avatica, Connection.class, shared, null);
    return shared.face;
  }

  private static Object proxy(Object target, Class<?> face, Shared shared, Object parent) {
    return Proxy.newProxyInstance(
        RemoteObjects.class.getClassLoader(),
        new Class<?>[] {face},
        new RemoteObjects(target, face, shared, parent));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "Remote" + face.getSimpleName() + "[" + shared.url.url() + "]";
      };
    }
    int arity = args == null ? 0 : args.length;
    try {
      if (name.equals("unwrap") && ((Class<?>) args[0]).isInstance(proxy)) {
        return proxy;
      }
      if (name.equals("isWrapperFor") && ((Class<?>) args[0]).isInstance(proxy)) {
        return true;
      }
      if (name.equals("getConnection") && arity == 0) {
        return shared.face;
      }
      if (face == ResultSet.class && name.equals("getStatement")) {
        return parent;
      }
      if (Statement.class.isAssignableFrom(face)) {
        if (name.equals("cancel")) {
          shared.control.cancel(shared.avatica.id, handle());
          return null;
        }
        if (name.equals("setQueryTimeout")) {
          method.invoke(target, args);
          shared.control.timeout(shared.avatica.id, handle(), (Integer) args[0]);
          return null;
        }
      }
      if (face == Connection.class && name.equals("getMetaData")) {
        DatabaseMetaData avatica = (DatabaseMetaData) method.invoke(target, args);
        return MetaDataHost.metaData(
            new Host(shared),
            (DatabaseMetaData) proxy(avatica, DatabaseMetaData.class, shared, null));
      }
      if (face == DatabaseMetaData.class) {
        Object answer = metadata(method, args);
        if (answer != null) {
          return answer;
        }
      }
      Object result = method.invoke(target, args);
      return face(result, method.getReturnType(), proxy);
    } catch (InvocationTargetException e) {
      throw translate(e.getCause(), shared.url.base());
    }
  }

  /** The remote connection as its metadata sees it: limits from the server's answers. */
  private record Host(Shared shared) implements MetaDataHost {
    @Override
    public Connection connection() {
      return shared.face;
    }

    @Override
    public String url() {
      return shared.url.url();
    }

    @Override
    public int maxKeyBytes() throws SQLException {
      return limit("shale.maxKeyBytes");
    }

    @Override
    public int maxValueBytes() throws SQLException {
      return limit("shale.maxValueBytes");
    }

    private int limit(String key) throws SQLException {
      if (shared.avatica.isClosed()) {
        throw new java.sql.SQLNonTransientConnectionException(
            "The connection is closed", SqlStates.CONNECTION_CLOSED);
      }
      return Integer.parseInt(shared.metadata().getProperty(key, "0"));
    }

    @Override
    public ResultSet resultSet(Statement statement, ResultSet rows) {
      return rows;
    }
  }

  private int handle() throws SQLException {
    return ((Statement) target).unwrap(AvaticaStatement.class).handle.id;
  }

  /** The server's answer to a metadata question that is no catalog query, or null. */
  private Object metadata(Method method, Object[] args) throws SQLException {
    Class<?> type = method.getReturnType();
    if (ResultSet.class.isAssignableFrom(type)) {
      return null;
    }
    switch (method.getName()) {
      case "getURL":
        return shared.url.url();
      case "getUserName":
        return shared.url.user();
      default:
        break;
    }
    StringBuilder key = new StringBuilder(method.getName());
    if (args != null && args.length > 0) {
      key.append('(');
      for (int i = 0; i < args.length; i++) {
        if (!(args[i] instanceof Integer)) {
          return null;
        }
        key.append(i > 0 ? "," : "").append(args[i]);
      }
      key.append(')');
    }
    String value = shared.metadata().getProperty(key.toString());
    if (value == null) {
      return null;
    }
    if (type == boolean.class) {
      return Boolean.parseBoolean(value);
    } else if (type == int.class) {
      return Integer.parseInt(value);
    } else if (type == long.class) {
      return Long.parseLong(value);
    }
    return type == String.class ? value : null;
  }

  /** {@code result} behind its face if it is a statement, result set or metadata. */
  private Object face(Object result, Class<?> declared, Object proxy) {
    if (result == null) {
      return null;
    }
    for (Class<?> f : FACES) {
      if (declared == f && f.isInstance(result)) {
        Object parentOf = f == ResultSet.class && face != DatabaseMetaData.class ? proxy : null;
        return proxy(result, f, shared, parentOf);
      }
    }
    return result;
  }

  private static boolean known(String state) {
    return state != null && !state.equals("00000");
  }

  /** The server's message without what Avatica's client put before it. */
  private static String serverMessage(String message) {
    String prefix = "Remote driver error: ";
    int at = message == null ? -1 : message.indexOf(prefix);
    return at < 0 ? message : message.substring(at + prefix.length());
  }

  /** What Avatica's client threw, as the embedded driver would have thrown it. */
  static SQLException translate(Throwable thrown, String base) {
    for (Throwable c = thrown; c != null; c = c.getCause()) {
      if (c instanceof AvaticaClientRuntimeException r && known(r.getSqlState())) {
        return SqlExceptionTranslator.fromState(
            r.getSqlState(), serverMessage(r.getMessage()), thrown);
      }
    }
    if (thrown instanceof AvaticaSqlException a && known(a.getSQLState())) {
      return SqlExceptionTranslator.fromState(
          a.getSQLState(), serverMessage(a.getErrorMessage()), a);
    }
    for (Throwable c = thrown; c != null; c = c.getCause()) {
      String message = String.valueOf(c.getMessage());
      if (message.contains("got HTTP/401") || message.contains("got HTTP/403")) {
        return SqlExceptionTranslator.fromState(
            SqlStates.INVALID_AUTHORIZATION,
            "The Shale server at " + base + " did not accept the user name and password",
            thrown);
      }
      if (c instanceof ConnectException
          || c instanceof java.net.UnknownHostException
          || c instanceof java.net.SocketException
          || c.getClass().getSimpleName().equals("HttpHostConnectException")
          || c.getClass().getSimpleName().equals("NoHttpResponseException")) {
        return SqlExceptionTranslator.fromState(
            SqlStates.CONNECTION_FAILURE,
            "The Shale server at " + base + " cannot be reached: " + c.getMessage(),
            thrown);
      }
    }
    return SqlExceptionTranslator.translate(thrown);
  }
}
