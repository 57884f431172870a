package dev.shale.jdbc.remote;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The update counts of a failed batch, carried over Avatica's protocol, which sends an error as a
 * message, a state, a code and the server's stack traces but has no room for a {@link
 * BatchUpdateException}'s counts. The server puts them in the message of an exception it chains to
 * the error ({@link #carrier}), so they travel in the stack traces; the client finds them there
 * ({@link #find}) and throws the BatchUpdateException the embedded driver throws.
 *
 * <p>Counts are run-length encoded, {@code count*times} separated by commas: {@code
 * shale-batch-counts[1*99999]} for 99,999 rows inserted before the failing one.
 */
public final class BatchCounts {

  private static final String OPEN = "shale-batch-counts[";
  private static final Pattern COUNTS = Pattern.compile(Pattern.quote(OPEN) + "([-0-9*,]*)\\]");

  private BatchCounts() {}

  /** An exception whose message holds {@code counts}, to chain to the error sent. */
  public static RuntimeException carrier(long[] counts) {
    StringBuilder text = new StringBuilder(OPEN);
    for (int i = 0; i < counts.length; ) {
      int j = i;
      while (j < counts.length && counts[j] == counts[i]) {
        j++;
      }
      text.append(i > 0 ? "," : "").append(counts[i]).append('*').append(j - i);
      i = j;
    }
    return new RuntimeException(text.append(']').toString(), null, false, false) {};
  }

  /** The counts in the server's stack traces, or null when the error was no batch's. */
  static long[] find(List<String> traces) {
    if (traces == null) {
      return null;
    }
    for (String trace : traces) {
      Matcher m = COUNTS.matcher(trace == null ? "" : trace);
      if (m.find()) {
        List<Long> counts = new ArrayList<>();
        if (!m.group(1).isEmpty()) {
          for (String run : m.group(1).split(",")) {
            int star = run.indexOf('*');
            long count = Long.parseLong(run.substring(0, star));
            for (long n = Long.parseLong(run.substring(star + 1)); n > 0; n--) {
              counts.add(count);
            }
          }
        }
        return counts.stream().mapToLong(Long::longValue).toArray();
      }
    }
    return null;
  }

  /** {@code failure} as the embedded driver's BatchUpdateException with {@code counts}. */
  static BatchUpdateException rebuild(SQLException failure, long[] counts) {
    return new BatchUpdateException(
        failure.getMessage(),
        failure.getSQLState(),
        failure.getErrorCode(),
        counts,
        failure.getCause() != null ? failure.getCause() : failure);
  }
}
