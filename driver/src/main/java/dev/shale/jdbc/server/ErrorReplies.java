package dev.shale.jdbc.server;

import dev.shale.sql.error.SqlExceptionTranslator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;

/**
 * A {@link Service} whose failures reach the client with their SQLState and message: Avatica's
 * {@code JdbcMeta} wraps the driver's SQLException in a RuntimeException, which Avatica would send
 * as state 00000 and a chain of class names. Here every failure of every request becomes the
 * SQLException the embedded driver would have thrown, sent as Avatica's error with its state.
 */
final class ErrorReplies {

  private ErrorReplies() {}

  static Service around(Service service) {
    return (Service)
        Proxy.newProxyInstance(
            Service.class.getClassLoader(),
            new Class<?>[] {Service.class},
            (proxy, method, args) -> {
              try {
                return method.invoke(service, args);
              } catch (InvocationTargetException e) {
                throw reply(e.getCause());
              }
            });
  }

  /** {@code failure} as the error Avatica sends: its SQLState, its message, severity ERROR. */
  static RuntimeException reply(Throwable failure) {
    if (failure instanceof AvaticaRuntimeException
        || failure instanceof NoSuchConnectionException) {
      return (RuntimeException) failure; // Avatica's own: the client knows what to do with it
    }
    SQLException sql = sqlCause(failure);
    if (sql == null) {
      sql = SqlExceptionTranslator.translate(failure);
    }
    return new AvaticaRuntimeException(
        sql.getMessage(), sql.getErrorCode(), sql.getSQLState(), AvaticaSeverity.ERROR);
  }

  private static SQLException sqlCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException s && s.getSQLState() != null) {
        return s;
      }
    }
    return null;
  }
}
