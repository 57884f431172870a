package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.Options;
import dev.shale.engine.WriteBatch;
import dev.shale.engine.coding.Varint;
import java.util.Arrays;

/**
 * Checks a write batch against the limits of {@link Options} (key 1..maxKeyBytes, value up to
 * maxValueBytes, a range's begin not above its end, the encoded batch within one log record) before
 * anything of it is written. (What a batch writes is counted once it commits: {@link
 * CommitQueue.Group#logAndApply}.)
 */
final class BatchValidator {

  private final int maxKey;
  private final int maxValue;

  BatchValidator(Options options) {
    this.maxKey = options.maxKeyBytes();
    this.maxValue = options.maxValueBytes();
  }

  /**
   * Checks every op of {@code batch} against the limits before anything is written, in one pass
   * that also sums the bytes its ops take in a log record (returned).
   */
  long validate(WriteBatch batch) {
    int maxKey = this.maxKey;
    int maxValue = this.maxValue;
    int n = batch.count();
    long bytes = 0;
    for (int i = 0; i < n; i++) {
      byte[] key = batch.key(i);
      checkKey(key, maxKey);
      bytes += 1 + Varint.length32(key.length) + key.length;
      switch (batch.type(i)) {
        case PUT -> {
          int v = batch.value(i).length;
          if (v > maxValue) {
            throw new DbException(
                DbException.Kind.INVALID_ARGUMENT,
                "value is " + v + " bytes; values must be at most " + maxValue + " bytes");
          }
          bytes += Varint.length32(v) + v;
        }
        case DELETE -> {}
        case DELETE_RANGE -> {
          byte[] end = batch.value(i);
          checkKey(end, maxKey);
          if (Arrays.compareUnsigned(key, end) > 0) {
            throw new DbException(
                DbException.Kind.INVALID_ARGUMENT,
                "range deletion begins after it ends; begin must not be above end");
          }
          bytes += Varint.length32(end.length) + end.length;
        }
      }
    }
    long max = WriteBatchCodec.MAX_RECORD_BYTES - WriteBatchCodec.HEADER_SIZE;
    if (bytes > max) {
      throw new DbException(
          DbException.Kind.INVALID_ARGUMENT,
          "write batch is " + bytes + " bytes encoded; a batch must be at most " + max + " bytes");
    }
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
