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
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * The half of {@link ResultSet} a forward-only, read-only result set refuses: moving anywhere but
 * forward and changing rows. Each refuses as Avatica's forward-only result set does (an {@link
 * SQLFeatureNotSupportedException} without a message), so that the direct executor's result sets
 * ({@link DirectResultSet}) fail where the planned path's do, with the same error.
 */
@SuppressWarnings("deprecation") // refuses the deprecated methods too
abstract class ForwardOnlyResultSet implements ResultSet {

  /** What Avatica throws for a call its forward-only, read-only result sets do not take. */
  static SQLException refused() {
    return SqlErrors.translate(new SQLFeatureNotSupportedException()); // as the planned path's
  }

  @Override
  public boolean absolute(int column) throws SQLException {
    throw refused();
  }

  @Override
  public void afterLast() throws SQLException {
    throw refused();
  }

  @Override
  public void beforeFirst() throws SQLException {
    throw refused();
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    throw refused();
  }

  @Override
  public void deleteRow() throws SQLException {
    throw refused();
  }

  @Override
  public boolean first() throws SQLException {
    throw refused();
  }

  @Override
  public void insertRow() throws SQLException {
    throw refused();
  }

  @Override
  public boolean last() throws SQLException {
    throw refused();
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    throw refused();
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    throw refused();
  }

  @Override
  public boolean previous() throws SQLException {
    throw refused();
  }

  @Override
  public void refreshRow() throws SQLException {
    throw refused();
  }

  @Override
  public boolean relative(int column) throws SQLException {
    throw refused();
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    throw refused();
  }

  @Override
  public boolean rowInserted() throws SQLException {
    throw refused();
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    throw refused();
  }

  @Override
  public void updateArray(String label, Array x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateArray(int column, Array x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateAsciiStream(String label, InputStream x, int length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateAsciiStream(String label, InputStream x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateAsciiStream(String label, InputStream x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateAsciiStream(int column, InputStream x, int length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateAsciiStream(int column, InputStream x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateAsciiStream(int column, InputStream x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBigDecimal(String label, BigDecimal x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBigDecimal(int column, BigDecimal x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBinaryStream(String label, InputStream x, int length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBinaryStream(String label, InputStream x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBinaryStream(String label, InputStream x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBinaryStream(int column, InputStream x, int length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBinaryStream(int column, InputStream x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBinaryStream(int column, InputStream x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBlob(String label, InputStream x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBlob(String label, InputStream x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBlob(String label, Blob x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBlob(int column, InputStream x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBlob(int column, InputStream x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBlob(int column, Blob x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBoolean(String label, boolean x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBoolean(int column, boolean x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateByte(String label, byte x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateByte(int column, byte x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBytes(String label, byte[] x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateBytes(int column, byte[] x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateCharacterStream(String label, Reader x, int length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateCharacterStream(String label, Reader x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateCharacterStream(String label, Reader x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateCharacterStream(int column, Reader x, int length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateCharacterStream(int column, Reader x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateCharacterStream(int column, Reader x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateClob(String label, Reader x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateClob(String label, Reader x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateClob(String label, Clob x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateClob(int column, Reader x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateClob(int column, Reader x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateClob(int column, Clob x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateDate(String label, Date x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateDate(int column, Date x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateDouble(String label, double x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateDouble(int column, double x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateFloat(String label, float x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateFloat(int column, float x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateInt(String label, int x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateInt(int column, int x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateLong(String label, long x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateLong(int column, long x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNCharacterStream(String label, Reader x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNCharacterStream(String label, Reader x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNCharacterStream(int column, Reader x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNCharacterStream(int column, Reader x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNClob(String label, Reader x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNClob(String label, Reader x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNClob(String label, NClob x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNClob(int column, Reader x, long length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNClob(int column, Reader x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNClob(int column, NClob x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNString(String label, String x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNString(int column, String x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNull(String label) throws SQLException {
    throw refused();
  }

  @Override
  public void updateNull(int column) throws SQLException {
    throw refused();
  }

  @Override
  public void updateObject(String label, Object x, int length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateObject(String label, Object x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateObject(int column, Object x, int length) throws SQLException {
    throw refused();
  }

  @Override
  public void updateObject(int column, Object x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateRef(String label, Ref x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateRef(int column, Ref x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateRow() throws SQLException {
    throw refused();
  }

  @Override
  public void updateRowId(String label, RowId x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateRowId(int column, RowId x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateSQLXML(String label, SQLXML x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateSQLXML(int column, SQLXML x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateShort(String label, short x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateShort(int column, short x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateString(String label, String x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateString(int column, String x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateTime(String label, Time x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateTime(int column, Time x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateTimestamp(String label, Timestamp x) throws SQLException {
    throw refused();
  }

  @Override
  public void updateTimestamp(int column, Timestamp x) throws SQLException {
    throw refused();
  }
}
