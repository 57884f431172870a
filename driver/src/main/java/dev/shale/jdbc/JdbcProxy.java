package dev.shale.jdbc;

import dev.shale.sql.ShaleSql;
import dev.shale.sql.error.SqlExceptionTranslator;
import dev.shale.sql.session.BatchInsert;
import dev.shale.sql.session.Session;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The face Shale shows over Calcite's JDBC objects. Every call goes through to Calcite's object;
 * what it throws comes back as one {@link SQLException} with a standard SQLState (never another
 * Throwable), the JDBC objects it returns come back wrapped the same way, and the few calls where
 * Shale differs from Calcite (auto-commit, commit, rollback, close, product metadata) are answered
 * here.
 */
final class JdbcProxy implements InvocationHandler {

  /** What the proxies of one connection share. */
  private static final class Shared {
    final Session session;
    final String url;
    final AtomicBoolean closed = new AtomicBoolean();
    Connection connection; // the proxy

    Shared(Session session, String url) {
      this.session = session;
      this.url = url;
    }
  }

  private static final Class<?>[] WRAPPED = {
    CallableStatement.class,
    PreparedStatement.class,
    Statement.class,
    ResultSet.class,
    DatabaseMetaData.class
  };

  private final Object target;
  private final Class<?> face;
  private final Shared session;
  private final Object owner; // the proxy that made this one (statement of a result set), or null
  private final BatchRecorder batch; // a PreparedStatement whose executeBatch has a fast path

  private JdbcProxy(
      Object target, Class<?> face, Shared session, Object owner, BatchRecorder batch) {
    this.target = target;
    this.face = face;
    this.session = session;
    this.owner = owner;
    this.batch = batch;
  }

  static Connection connection(Session sqlSession, String url) {
    Shared session = new Shared(sqlSession, url);
    session.connection =
        (Connection) create(sqlSession.connection(), Connection.class, session, null, null);
    return session.connection;
  }

  private static Object create(
      Object target, Class<?> face, Shared session, Object owner, BatchRecorder batch) {
    return Proxy.newProxyInstance(
        JdbcProxy.class.getClassLoader(),
        new Class<?>[] {face},
        new JdbcProxy(target, face, session, owner, batch));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> face.getSimpleName() + "[" + target + "]";
      };
    }
    if (batch != null) {
      if (name.equals("executeBatch") && batch.usable()) {
        PreparedStatement statement = (PreparedStatement) target;
        checkOpen();
        if (statement.isClosed()) {
          throw new SQLException("The statement is closed", "HY010");
        }
        return batch.executeBatch(statement);
      }
      batch.observe(method, args);
    }
    try {
      if (face == Connection.class) {
        switch (name) {
          case "isClosed":
            return session.closed.get();
          case "isValid":
            return !session.closed.get();
          case "close":
            closeConnection();
            return null;
          case "getAutoCommit":
            checkOpen();
            return true;
          case "setAutoCommit":
            checkOpen();
            if (!(Boolean) args[0]) {
              throw new SQLFeatureNotSupportedException(
                  "Transactions are not supported yet: Shale runs in auto-commit mode, where"
                      + " every statement commits when it returns",
                  "0A000");
            }
            return null;
          case "commit":
          case "rollback":
            checkOpen();
            return null; // auto-commit: every statement has already committed
          case "unwrap":
          case "isWrapperFor":
            break;
          case "prepareStatement":
            checkOpen();
            return preparedStatement(method.invoke(target, args), (String) args[0]);
          default:
            checkOpen();
            break;
        }
      } else if (face == DatabaseMetaData.class) {
        switch (name) {
          case "getDatabaseProductName":
          case "getDriverName":
            return "Shale";
          case "getDatabaseProductVersion":
          case "getDriverVersion":
            return ShaleDriver.VERSION;
          case "getDatabaseMajorVersion":
          case "getDriverMajorVersion":
            return ShaleDriver.versionPart(0);
          case "getDatabaseMinorVersion":
          case "getDriverMinorVersion":
            return ShaleDriver.versionPart(1);
          case "getURL":
            return session.url;
          default:
            break;
        }
      }
      if (name.equals("getConnection") && method.getParameterCount() == 0) {
        return session.connection;
      }
      if (name.equals("getStatement") && face == ResultSet.class && owner != null) {
        return owner;
      }
      return wrap(method.invoke(target, args), method.getReturnType(), proxy);
    } catch (InvocationTargetException e) {
      throw rethrow(method, e.getCause());
    } catch (SQLException | RuntimeException | Error e) {
      throw rethrow(method, e);
    }
  }

  /** A proxy of {@code statement}, with a fast executeBatch when its SQL allows one. */
  private Object preparedStatement(Object statement, String sql) {
    BatchInsert insert = ShaleSql.batchInsert(session.session, sql);
    return create(
        statement,
        PreparedStatement.class,
        session,
        null,
        insert == null ? null : new BatchRecorder(insert));
  }

  private Object wrap(Object result, Class<?> declared, Object proxy) {
    if (result == null || result instanceof Proxy) {
      return result;
    }
    for (Class<?> type : WRAPPED) {
      if (declared == type) {
        return create(result, type, session, proxy instanceof Statement ? proxy : null, null);
      }
    }
    return result;
  }

  private void checkOpen() throws SQLException {
    if (session.closed.get()) {
      throw new SQLNonTransientConnectionException("The connection is closed", "08003");
    }
  }

  private void closeConnection() throws SQLException {
    if (!session.closed.compareAndSet(false, true)) {
      return;
    }
    session.session.close();
  }

  /** Only SQLException leaves a JDBC method, except from the few that declare none. */
  private static Throwable rethrow(Method method, Throwable thrown) {
    boolean declaresSqlException =
        Arrays.stream(method.getExceptionTypes()).anyMatch(SQLException.class::isAssignableFrom);
    if (declaresSqlException) {
      return SqlExceptionTranslator.translate(thrown);
    }
    return thrown instanceof RuntimeException || thrown instanceof Error
        ? thrown
        : new IllegalStateException(thrown);
  }
}
