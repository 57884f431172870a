package dev.shale.jdbc.remote;

import dev.shale.sql.error.SqlExceptionTranslator;
import dev.shale.sql.error.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;

/**
 * Opens a connection through a Shale server: Avatica's remote driver (protobuf over HTTP, in
 * Calcite's Avatica, already on the class path) with the URL's credentials and trust, faced by
 * {@link RemoteObjects} so that it fails, reports metadata and cancels as an embedded one does.
 */
public final class RemoteConnector {

  private static final org.apache.calcite.avatica.remote.Driver AVATICA =
      new org.apache.calcite.avatica.remote.Driver();

  private RemoteConnector() {}

  public static Connection connect(RemoteUrl url) throws SQLException {
    Properties avatica = new Properties();
    avatica.setProperty("url", url.base());
    avatica.setProperty("serialization", "PROTOBUF");
    avatica.setProperty("httpclient_impl", ShaleHttpClient.class.getName());
    if (url.password() != null) {
      avatica.setProperty("authentication", "BASIC");
      avatica.setProperty("avatica_user", url.user() == null ? "" : url.user());
      avatica.setProperty("avatica_password", url.password());
    }
    if (url.trustStore() != null) {
      avatica.setProperty("truststore", url.trustStore().toString());
      // Avatica hands the trust store on only with a password; an empty one opens an unsealed store
      avatica.setProperty(
          "truststore_password", url.trustStorePassword() == null ? "" : url.trustStorePassword());
    }
    avatica.putAll(url.serverSettings());
    ControlClient control = new ControlClient(url);
    Connection connection;
    try {
      connection = AVATICA.connect("jdbc:avatica:remote:", avatica);
    } catch (SQLException | RuntimeException e) {
      throw RemoteObjects.translate(e, url.base());
    }
    if (connection == null) {
      throw new SQLException("Avatica refused " + url.url(), SqlStates.CANNOT_CONNECT);
    }
    try {
      return RemoteObjects.connection(connection.unwrap(AvaticaConnection.class), control, url);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw SqlExceptionTranslator.translate(e);
    }
  }
}
