package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.Options;
import dev.shale.engine.Stats;
import dev.shale.engine.Stats.Counter;
import dev.shale.engine.WriteBatch;
import dev.shale.engine.coding.Varint;
import java.util.Arrays;

/**
 * Checks a write batch against the limits of {@link Options} (key 1..maxKeyBytes, value up to
 * maxValueBytes, a range's begin not above its end, the encoded batch within one log record) before
 * anything of it is written, and counts what it writes in {@link Stats}.
 */
final class BatchValidator {

  private final int maxKey;
  private final int maxValue;
  private final Stats stats;

  BatchValidator(Options options, Stats stats) {
    this.maxKey = options.maxKeyBytes();
    this.maxValue = options.maxValueBytes();
    this.stats = stats;
  }

  /**
   * Checks every op of {@code batch} against the limits before anything is written, in one pass
   * that also sums the bytes its ops take in a log record (returned) and what the stats count; the
   * stats are added only once the whole batch is valid.
   */
  long validate(WriteBatch batch) {
    int maxKey = this.maxKey;
    int maxValue = this.maxValue;
    int n = batch.count();
    long bytes = 0;
    long userBytes = 0;
    int puts = 0;
    int deletes = 0;
    for (int i = 0; i < n; i++) {
      WriteBatch.Op op = batch.op(i);
      byte[] key = op.key();
      checkKey(key, maxKey);
      bytes += 1 + Varint.length32(key.length) + key.length;
      userBytes += key.length;
      switch (op.type()) {
        case PUT -> {
          int v = op.value().length;
          if (v > maxValue) {
            throw new DbException(
                DbException.Kind.INVALID_ARGUMENT,
                "value is " + v + " bytes; values must be at most " + maxValue + " bytes");
          }
          bytes += Varint.length32(v) + v;
          userBytes += v;
          puts++;
        }
        case DELETE -> deletes++;
        case DELETE_RANGE -> {
          byte[] end = op.value();
          checkKey(end, maxKey);
          if (Arrays.compareUnsigned(key, end) > 0) {
            throw new DbException(
                DbException.Kind.INVALID_ARGUMENT,
                "range deletion begins after it ends; begin must not be above end");
          }
          bytes += Varint.length32(end.length) + end.length;
          userBytes += end.length;
        }
      }
    }
    long max = WriteBatchCodec.MAX_RECORD_BYTES - WriteBatchCodec.HEADER_SIZE;
    if (bytes > max) {
      throw new DbException(
          DbException.Kind.INVALID_ARGUMENT,
          "write batch is " + bytes + " bytes encoded; a batch must be at most " + max + " bytes");
    }
    for (int i = 0; i < n; i++) {
      WriteBatch.Op op = batch.op(i);
      stats.keySizes().record(op.key().length);
      if (op.type() == WriteBatch.Op.Type.PUT) {
        stats.valueSizes().record(op.value().length);
      }
    }
    if (puts > 0) {
      stats.add(Counter.PUTS, puts);
    }
    if (deletes > 0) {
      stats.add(Counter.DELETES, deletes);
    }
    if (n - puts - deletes > 0) {
      stats.add(Counter.RANGE_DELETES, n - puts - deletes);
    }
    stats.add(Counter.USER_BYTES_WRITTEN, userBytes);
    return bytes;
  }

  private static void checkKey(byte[] key, int maxKey) {
    int k = key.length;
    if (k < 1 || k > maxKey) {
      throw new DbException(
          DbException.Kind.INVALID_ARGUMENT,
          "key is " + k + " bytes; keys must be 1.." + maxKey + " bytes");
    }
  }
}
