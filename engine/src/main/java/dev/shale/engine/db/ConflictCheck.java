package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.WriteBatch;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.RangeTombstone;
import java.util.Arrays;
import java.util.List;

/**
 * The check of {@link dev.shale.engine.Db#writeIfUnchanged}: whether any write newer than a
 * sequence touched a key a batch writes. Every version of every key newer than an open snapshot is
 * still stored (compaction drops a version only when a newer one is visible to the oldest
 * snapshot), so the newest version of each key in the memtables and tables answers it, and a range
 * deletion newer than the snapshot that overlaps a written range is a conflict too.
 */
final class ConflictCheck {

  private ConflictCheck() {}

  /**
   * The CONFLICT failure for the first op of {@code batch} whose key (or range) has a version newer
   * than {@code since} in {@code entries} or {@code tombstones}, or null if there is none.
   */
  static DbException find(
      WriteBatch batch, long since, InternalIterator entries, List<RangeTombstone> tombstones) {
    for (int i = 0, n = batch.count(); i < n; i++) {
      WriteBatch.Op op = batch.op(i);
      byte[] begin = op.key();
      boolean range = op.type() == WriteBatch.Op.Type.DELETE_RANGE;
      byte[] end = range ? op.value() : successor(begin);
      if (Arrays.compareUnsigned(begin, end) >= 0) {
        continue; // an empty range deletes nothing
      }
      for (RangeTombstone t : tombstones) {
        if (t.sequence() > since
            && Arrays.compareUnsigned(t.startUserKey(), end) < 0
            && Arrays.compareUnsigned(begin, t.endUserKeyExclusive()) < 0) {
          return conflict(op, since, "a range deletion covering it was committed");
        }
      }
      for (entries.seek(InternalKey.beforeAllVersions(begin));
          entries.isValid() && Arrays.compareUnsigned(entries.key().userKey(), end) < 0;
          entries.next()) {
        if (entries.key().sequence() > since) {
          return range
              ? conflict(
                  op, since, "key '" + printable(entries.key().userKey()) + "' in it was written")
              : conflict(op, since, "it was written");
        }
      }
    }
    return null;
  }

  /** The smallest key above {@code key}: the key followed by a zero byte. */
  private static byte[] successor(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  private static DbException conflict(WriteBatch.Op op, long since, String why) {
    String what =
        op.type() == WriteBatch.Op.Type.DELETE_RANGE
            ? "the range ['" + printable(op.key()) + "', '" + printable(op.value()) + "')"
            : "key '" + printable(op.key()) + "'";
    return new DbException(
        DbException.Kind.CONFLICT,
        "write conflict on "
            + what
            + ": "
            + why
            + " after sequence "
            + since
            + ", the point this write required unchanged since; nothing was written");
  }

  /** {@code key} as text: printable ASCII as is, any other byte as \xNN. */
  static String printable(byte[] key) {
    StringBuilder s = new StringBuilder(key.length);
    for (byte b : key) {
      int c = b & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '\\') {
        s.append((char) c);
      } else {
        s.append(String.format("\\x%02X", c));
      }
    }
    return s.toString();
  }
}
