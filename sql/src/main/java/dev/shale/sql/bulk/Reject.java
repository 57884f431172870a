package dev.shale.sql.bulk;

/**
 * A row a load did not take: the physical line of the file it starts on (1-based, the header
 * counted), the SQLState an INSERT of it would have given, and why, naming the limit or rule.
 */
public record Reject(long line, String sqlState, String reason) {

  @Override
  public String toString() {
    return "line " + line + ": " + reason + " (" + sqlState + ")";
  }
}
