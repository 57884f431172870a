package dev.shale.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.NClob;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * Every {@link Connection} method as a call to Calcite's connection, after {@link #open} has
 * checked that this one is open; what Calcite throws comes out as {@link SqlErrors#translate}d.
 * {@link ShaleConnection} overrides what Shale answers itself.
 */
abstract class ForwardingConnection implements Connection {

  /**
   * Calcite's connection, once this connection is known to be open (08003 if it is closed); opened
   * on first use.
   */
  abstract Connection open() throws SQLException;

  /** Calcite's connection, open or not: for unwrapping. */
  abstract Connection target() throws SQLException;

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    return SqlErrors.call(() -> open().prepareCall(sql));
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    return SqlErrors.call(() -> open().nativeSQL(sql));
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    SqlErrors.run(() -> open().setReadOnly(readOnly));
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return SqlErrors.call(() -> open().isReadOnly());
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    SqlErrors.run(() -> open().setCatalog(catalog));
  }

  @Override
  public String getCatalog() throws SQLException {
    return SqlErrors.call(() -> open().getCatalog());
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    SqlErrors.run(() -> open().setTransactionIsolation(level));
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    return SqlErrors.call(() -> open().getTransactionIsolation());
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return SqlErrors.call(() -> open().getWarnings());
  }

  @Override
  public void clearWarnings() throws SQLException {
    SqlErrors.run(() -> open().clearWarnings());
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return SqlErrors.call(() -> open().prepareCall(sql, resultSetType, resultSetConcurrency));
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    return SqlErrors.call(() -> open().getTypeMap());
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    SqlErrors.run(() -> open().setHoldability(holdability));
  }

  @Override
  public int getHoldability() throws SQLException {
    return SqlErrors.call(() -> open().getHoldability());
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return SqlErrors.call(() -> open().setSavepoint());
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return SqlErrors.call(() -> open().setSavepoint(name));
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    SqlErrors.run(() -> open().rollback(savepoint));
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    SqlErrors.run(() -> open().releaseSavepoint(savepoint));
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return SqlErrors.call(
        () -> open().prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public Clob createClob() throws SQLException {
    return SqlErrors.call(() -> open().createClob());
  }

  @Override
  public Blob createBlob() throws SQLException {
    return SqlErrors.call(() -> open().createBlob());
  }

  @Override
  public NClob createNClob() throws SQLException {
    return SqlErrors.call(() -> open().createNClob());
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return SqlErrors.call(() -> open().createSQLXML());
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    return SqlErrors.call(() -> open().getClientInfo(name));
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    return SqlErrors.call(() -> open().getClientInfo());
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    return SqlErrors.call(() -> open().createArrayOf(typeName, elements));
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    return SqlErrors.call(() -> open().createStruct(typeName, attributes));
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    SqlErrors.run(() -> open().setSchema(schema));
  }

  @Override
  public String getSchema() throws SQLException {
    return SqlErrors.call(() -> open().getSchema());
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    SqlErrors.run(() -> open().abort(executor));
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    SqlErrors.run(() -> open().setNetworkTimeout(executor, milliseconds));
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    return SqlErrors.call(() -> open().getNetworkTimeout());
  }

  @Override
  public void beginRequest() throws SQLException {
    SqlErrors.run(() -> open().beginRequest());
  }

  @Override
  public void endRequest() throws SQLException {
    SqlErrors.run(() -> open().endRequest());
  }

  @Override
  public boolean setShardingKeyIfValid(
      ShardingKey shardingKey, ShardingKey superShardingKey, int timeout) throws SQLException {
    return SqlErrors.call(
        () -> open().setShardingKeyIfValid(shardingKey, superShardingKey, timeout));
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
    return SqlErrors.call(() -> open().setShardingKeyIfValid(shardingKey, timeout));
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey)
      throws SQLException {
    SqlErrors.run(() -> open().setShardingKey(shardingKey, superShardingKey));
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey) throws SQLException {
    SqlErrors.run(() -> open().setShardingKey(shardingKey));
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    SqlErrors.run(() -> open().setTypeMap(map));
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    try {
      open().setClientInfo(name, value);
    } catch (SQLException | RuntimeException | Error e) {
      throw clientInfo(e);
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    try {
      open().setClientInfo(properties);
    } catch (SQLException | RuntimeException | Error e) {
      throw clientInfo(e);
    }
  }

  /** The one subclass of SQLException that setClientInfo may throw, with the translated state. */
  private static SQLClientInfoException clientInfo(Throwable thrown) {
    if (thrown instanceof SQLClientInfoException e) {
      return e;
    }
    SQLException e = SqlErrors.translate(thrown);
    return new SQLClientInfoException(
        e.getMessage(), e.getSQLState(), e.getErrorCode(), Map.of(), e);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return SqlErrors.call(() -> target().unwrap(iface));
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || SqlErrors.call(() -> target().isWrapperFor(iface));
  }
}
