package dev.shale.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * The updating half of {@link ResultSet} (Calcite's result sets are read-only and refuse these),
 * each a call to Calcite's result set with what it throws {@link SqlErrors#translate}d. {@link
 * ForwardingResultSet} adds the reading half.
 */
abstract class ResultSetUpdates implements ResultSet {

  /** Calcite's result set. */
  protected final ResultSet target;

  ResultSetUpdates(ResultSet target) {
    this.target = target;
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    return SqlErrors.call(() -> target.rowUpdated());
  }

  @Override
  public boolean rowInserted() throws SQLException {
    return SqlErrors.call(() -> target.rowInserted());
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    return SqlErrors.call(() -> target.rowDeleted());
  }

  @Override
  public void updateNull(int columnIndex) throws SQLException {
    SqlErrors.run(() -> target.updateNull(columnIndex));
  }

  @Override
  public void updateBoolean(int columnIndex, boolean x) throws SQLException {
    SqlErrors.run(() -> target.updateBoolean(columnIndex, x));
  }

  @Override
  public void updateByte(int columnIndex, byte x) throws SQLException {
    SqlErrors.run(() -> target.updateByte(columnIndex, x));
  }

  @Override
  public void updateShort(int columnIndex, short x) throws SQLException {
    SqlErrors.run(() -> target.updateShort(columnIndex, x));
  }

  @Override
  public void updateInt(int columnIndex, int x) throws SQLException {
    SqlErrors.run(() -> target.updateInt(columnIndex, x));
  }

  @Override
  public void updateLong(int columnIndex, long x) throws SQLException {
    SqlErrors.run(() -> target.updateLong(columnIndex, x));
  }

  @Override
  public void updateFloat(int columnIndex, float x) throws SQLException {
    SqlErrors.run(() -> target.updateFloat(columnIndex, x));
  }

  @Override
  public void updateDouble(int columnIndex, double x) throws SQLException {
    SqlErrors.run(() -> target.updateDouble(columnIndex, x));
  }

  @Override
  public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
    SqlErrors.run(() -> target.updateBigDecimal(columnIndex, x));
  }

  @Override
  public void updateString(int columnIndex, String x) throws SQLException {
    SqlErrors.run(() -> target.updateString(columnIndex, x));
  }

  @Override
  public void updateDate(int columnIndex, Date x) throws SQLException {
    SqlErrors.run(() -> target.updateDate(columnIndex, x));
  }

  @Override
  public void updateTime(int columnIndex, Time x) throws SQLException {
    SqlErrors.run(() -> target.updateTime(columnIndex, x));
  }

  @Override
  public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
    SqlErrors.run(() -> target.updateTimestamp(columnIndex, x));
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
    SqlErrors.run(() -> target.updateAsciiStream(columnIndex, x, length));
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
    SqlErrors.run(() -> target.updateBinaryStream(columnIndex, x, length));
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
    SqlErrors.run(() -> target.updateCharacterStream(columnIndex, x, length));
  }

  @Override
  public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException {
    SqlErrors.run(() -> target.updateObject(columnIndex, x, scaleOrLength));
  }

  @Override
  public void updateObject(int columnIndex, Object x) throws SQLException {
    SqlErrors.run(() -> target.updateObject(columnIndex, x));
  }

  @Override
  public void updateNull(String columnLabel) throws SQLException {
    SqlErrors.run(() -> target.updateNull(columnLabel));
  }

  @Override
  public void updateBoolean(String columnLabel, boolean x) throws SQLException {
    SqlErrors.run(() -> target.updateBoolean(columnLabel, x));
  }

  @Override
  public void updateByte(String columnLabel, byte x) throws SQLException {
    SqlErrors.run(() -> target.updateByte(columnLabel, x));
  }

  @Override
  public void updateShort(String columnLabel, short x) throws SQLException {
    SqlErrors.run(() -> target.updateShort(columnLabel, x));
  }

  @Override
  public void updateInt(String columnLabel, int x) throws SQLException {
    SqlErrors.run(() -> target.updateInt(columnLabel, x));
  }

  @Override
  public void updateLong(String columnLabel, long x) throws SQLException {
    SqlErrors.run(() -> target.updateLong(columnLabel, x));
  }

  @Override
  public void updateFloat(String columnLabel, float x) throws SQLException {
    SqlErrors.run(() -> target.updateFloat(columnLabel, x));
  }

  @Override
  public void updateDouble(String columnLabel, double x) throws SQLException {
    SqlErrors.run(() -> target.updateDouble(columnLabel, x));
  }

  @Override
  public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
    SqlErrors.run(() -> target.updateBigDecimal(columnLabel, x));
  }

  @Override
  public void updateString(String columnLabel, String x) throws SQLException {
    SqlErrors.run(() -> target.updateString(columnLabel, x));
  }

  @Override
  public void updateDate(String columnLabel, Date x) throws SQLException {
    SqlErrors.run(() -> target.updateDate(columnLabel, x));
  }

  @Override
  public void updateTime(String columnLabel, Time x) throws SQLException {
    SqlErrors.run(() -> target.updateTime(columnLabel, x));
  }

  @Override
  public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
    SqlErrors.run(() -> target.updateTimestamp(columnLabel, x));
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
    SqlErrors.run(() -> target.updateAsciiStream(columnLabel, x, length));
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x, int length)
      throws SQLException {
    SqlErrors.run(() -> target.updateBinaryStream(columnLabel, x, length));
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader, int length)
      throws SQLException {
    SqlErrors.run(() -> target.updateCharacterStream(columnLabel, reader, length));
  }

  @Override
  public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException {
    SqlErrors.run(() -> target.updateObject(columnLabel, x, scaleOrLength));
  }

  @Override
  public void updateObject(String columnLabel, Object x) throws SQLException {
    SqlErrors.run(() -> target.updateObject(columnLabel, x));
  }

  @Override
  public void insertRow() throws SQLException {
    SqlErrors.run(() -> target.insertRow());
  }

  @Override
  public void updateRow() throws SQLException {
    SqlErrors.run(() -> target.updateRow());
  }

  @Override
  public void deleteRow() throws SQLException {
    SqlErrors.run(() -> target.deleteRow());
  }

  @Override
  public void refreshRow() throws SQLException {
    SqlErrors.run(() -> target.refreshRow());
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    SqlErrors.run(() -> target.cancelRowUpdates());
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    SqlErrors.run(() -> target.moveToInsertRow());
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    SqlErrors.run(() -> target.moveToCurrentRow());
  }

  @Override
  public void updateRef(int columnIndex, Ref x) throws SQLException {
    SqlErrors.run(() -> target.updateRef(columnIndex, x));
  }

  @Override
  public void updateRef(String columnLabel, Ref x) throws SQLException {
    SqlErrors.run(() -> target.updateRef(columnLabel, x));
  }

  @Override
  public void updateBlob(int columnIndex, Blob x) throws SQLException {
    SqlErrors.run(() -> target.updateBlob(columnIndex, x));
  }

  @Override
  public void updateBlob(String columnLabel, Blob x) throws SQLException {
    SqlErrors.run(() -> target.updateBlob(columnLabel, x));
  }

  @Override
  public void updateClob(int columnIndex, Clob x) throws SQLException {
    SqlErrors.run(() -> target.updateClob(columnIndex, x));
  }

  @Override
  public void updateClob(String columnLabel, Clob x) throws SQLException {
    SqlErrors.run(() -> target.updateClob(columnLabel, x));
  }

  @Override
  public void updateArray(int columnIndex, Array x) throws SQLException {
    SqlErrors.run(() -> target.updateArray(columnIndex, x));
  }

  @Override
  public void updateArray(String columnLabel, Array x) throws SQLException {
    SqlErrors.run(() -> target.updateArray(columnLabel, x));
  }

  @Override
  public void updateRowId(int columnIndex, RowId x) throws SQLException {
    SqlErrors.run(() -> target.updateRowId(columnIndex, x));
  }

  @Override
  public void updateRowId(String columnLabel, RowId x) throws SQLException {
    SqlErrors.run(() -> target.updateRowId(columnLabel, x));
  }

  @Override
  public void updateNString(int columnIndex, String nString) throws SQLException {
    SqlErrors.run(() -> target.updateNString(columnIndex, nString));
  }

  @Override
  public void updateNString(String columnLabel, String nString) throws SQLException {
    SqlErrors.run(() -> target.updateNString(columnLabel, nString));
  }

  @Override
  public void updateNClob(int columnIndex, NClob nClob) throws SQLException {
    SqlErrors.run(() -> target.updateNClob(columnIndex, nClob));
  }

  @Override
  public void updateNClob(String columnLabel, NClob nClob) throws SQLException {
    SqlErrors.run(() -> target.updateNClob(columnLabel, nClob));
  }

  @Override
  public void updateSQLXML(int columnIndex, SQLXML xmlObject) throws SQLException {
    SqlErrors.run(() -> target.updateSQLXML(columnIndex, xmlObject));
  }

  @Override
  public void updateSQLXML(String columnLabel, SQLXML xmlObject) throws SQLException {
    SqlErrors.run(() -> target.updateSQLXML(columnLabel, xmlObject));
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    SqlErrors.run(() -> target.updateNCharacterStream(columnIndex, x, length));
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader reader, long length)
      throws SQLException {
    SqlErrors.run(() -> target.updateNCharacterStream(columnLabel, reader, length));
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
    SqlErrors.run(() -> target.updateAsciiStream(columnIndex, x, length));
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
    SqlErrors.run(() -> target.updateBinaryStream(columnIndex, x, length));
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    SqlErrors.run(() -> target.updateCharacterStream(columnIndex, x, length));
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x, long length)
      throws SQLException {
    SqlErrors.run(() -> target.updateAsciiStream(columnLabel, x, length));
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x, long length)
      throws SQLException {
    SqlErrors.run(() -> target.updateBinaryStream(columnLabel, x, length));
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader, long length)
      throws SQLException {
    SqlErrors.run(() -> target.updateCharacterStream(columnLabel, reader, length));
  }

  @Override
  public void updateBlob(int columnIndex, InputStream inputStream, long length)
      throws SQLException {
    SqlErrors.run(() -> target.updateBlob(columnIndex, inputStream, length));
  }

  @Override
  public void updateBlob(String columnLabel, InputStream inputStream, long length)
      throws SQLException {
    SqlErrors.run(() -> target.updateBlob(columnLabel, inputStream, length));
  }

  @Override
  public void updateClob(int columnIndex, Reader reader, long length) throws SQLException {
    SqlErrors.run(() -> target.updateClob(columnIndex, reader, length));
  }

  @Override
  public void updateClob(String columnLabel, Reader reader, long length) throws SQLException {
    SqlErrors.run(() -> target.updateClob(columnLabel, reader, length));
  }

  @Override
  public void updateNClob(int columnIndex, Reader reader, long length) throws SQLException {
    SqlErrors.run(() -> target.updateNClob(columnIndex, reader, length));
  }

  @Override
  public void updateNClob(String columnLabel, Reader reader, long length) throws SQLException {
    SqlErrors.run(() -> target.updateNClob(columnLabel, reader, length));
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
    SqlErrors.run(() -> target.updateNCharacterStream(columnIndex, x));
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException {
    SqlErrors.run(() -> target.updateNCharacterStream(columnLabel, reader));
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
    SqlErrors.run(() -> target.updateAsciiStream(columnIndex, x));
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
    SqlErrors.run(() -> target.updateBinaryStream(columnIndex, x));
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
    SqlErrors.run(() -> target.updateCharacterStream(columnIndex, x));
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
    SqlErrors.run(() -> target.updateAsciiStream(columnLabel, x));
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
    SqlErrors.run(() -> target.updateBinaryStream(columnLabel, x));
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException {
    SqlErrors.run(() -> target.updateCharacterStream(columnLabel, reader));
  }

  @Override
  public void updateBlob(int columnIndex, InputStream inputStream) throws SQLException {
    SqlErrors.run(() -> target.updateBlob(columnIndex, inputStream));
  }

  @Override
  public void updateBlob(String columnLabel, InputStream inputStream) throws SQLException {
    SqlErrors.run(() -> target.updateBlob(columnLabel, inputStream));
  }

  @Override
  public void updateClob(int columnIndex, Reader reader) throws SQLException {
    SqlErrors.run(() -> target.updateClob(columnIndex, reader));
  }

  @Override
  public void updateClob(String columnLabel, Reader reader) throws SQLException {
    SqlErrors.run(() -> target.updateClob(columnLabel, reader));
  }

  @Override
  public void updateNClob(int columnIndex, Reader reader) throws SQLException {
    SqlErrors.run(() -> target.updateNClob(columnIndex, reader));
  }

  @Override
  public void updateNClob(String columnLabel, Reader reader) throws SQLException {
    SqlErrors.run(() -> target.updateNClob(columnLabel, reader));
  }

  @Override
  public void updateObject(int columnIndex, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    SqlErrors.run(() -> target.updateObject(columnIndex, x, targetSqlType, scaleOrLength));
  }

  @Override
  public void updateObject(String columnLabel, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    SqlErrors.run(() -> target.updateObject(columnLabel, x, targetSqlType, scaleOrLength));
  }

  @Override
  public void updateObject(int columnIndex, Object x, SQLType targetSqlType) throws SQLException {
    SqlErrors.run(() -> target.updateObject(columnIndex, x, targetSqlType));
  }

  @Override
  public void updateObject(String columnLabel, Object x, SQLType targetSqlType)
      throws SQLException {
    SqlErrors.run(() -> target.updateObject(columnLabel, x, targetSqlType));
  }

  @Override
  public void updateBytes(int columnIndex, byte[] x) throws SQLException {
    SqlErrors.run(() -> target.updateBytes(columnIndex, x));
  }

  @Override
  public void updateBytes(String columnLabel, byte[] x) throws SQLException {
    SqlErrors.run(() -> target.updateBytes(columnLabel, x));
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return SqlErrors.call(() -> target.unwrap(iface));
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || SqlErrors.call(() -> target.isWrapperFor(iface));
  }
}
