package dev.shale.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What {@link ShaleDatabaseMetaData} needs of the connection it describes: an embedded {@link
 * ShaleConnection}, or a connection through a server ({@code dev.shale.jdbc.remote}), which so
 * describes itself exactly as an embedded one does.
 */
public interface MetaDataHost {

  /** The connection {@code getConnection()} returns. */
  Connection connection();

  /** The URL the connection was opened with. */
  String url();

  /** The longest key and value the database takes, in bytes; 08003 if the connection is closed. */
  int maxKeyBytes() throws SQLException;

  int maxValueBytes() throws SQLException;

  /** A result set of the catalog queries as the host shows them, owned by {@code statement}. */
  ResultSet resultSet(Statement statement, ResultSet rows);

  /**
   * The metadata of {@code host}: its flags and names as Shale's, its catalog queries answered from
   * the table Shale has, {@code target} asked the rest (Calcite's metadata, or the server's
   * answers).
   */
  static java.sql.DatabaseMetaData metaData(MetaDataHost host, java.sql.DatabaseMetaData target) {
    return new ShaleDatabaseMetaData(host, target);
  }
}
