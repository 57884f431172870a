package dev.shale.engine.db;

/*
 * Write batch record: the payload of one log record, carrying one or more write batches that
 * were committed together. All fixed-width integers are little-endian.
 *
 *   +--------------+-----------+-------+-------+-----+
 *   | sequence (8) | count (4) | op[0] | op[1] | ... |
 *   +--------------+-----------+-------+-------+-----+
 *
 *   sequence  the sequence number of op[0]; op[i] has sequence + i
 *   count     the number of ops
 *
 *   op, a put:     type 1 (1) | key length (varint32) | key | value length (varint32) | value
 *   op, a delete:  type 0 (1) | key length (varint32) | key
 *   op, a range deletion of [begin, end):
 *                  type 2 (1) | begin length (varint32) | begin | end length (varint32) | end
 *
 * The record holds exactly count ops and nothing after them.
 */

import dev.shale.engine.DbException;
import dev.shale.engine.WriteBatch;
import dev.shale.engine.coding.LittleEndian;
import dev.shale.engine.coding.Varint;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Turns write batches into the log's write batch record and back (layout above). */
final class WriteBatchCodec {

  static final int HEADER_SIZE = 12;

  /** Largest record a Java array holds. */
  static final long MAX_RECORD_BYTES = Integer.MAX_VALUE - 8;

  /** Receives the ops of a decoded record, in order, with their sequence numbers. */
  interface Handler {
    void put(long sequence, byte[] key, byte[] value);

    void delete(long sequence, byte[] key);

    void deleteRange(long sequence, byte[] begin, byte[] end);
  }

  private WriteBatchCodec() {}

  /** The bytes {@code batch}'s ops take in a record, without the record header. */
  static long encodedSize(WriteBatch batch) {
    long size = 0;
    for (int i = 0, n = batch.count(); i < n; i++) {
      int k = batch.key(i).length;
      size += 1 + Varint.length32(k) + k;
      if (batch.type(i) != WriteBatch.Op.Type.DELETE) {
        int v = batch.value(i).length;
        size += Varint.length32(v) + v;
      }
    }
    return size;
  }

  /**
   * Encodes {@code batches}, in order, as one record whose first op has sequence {@code
   * firstSequence}. The caller has checked that the total fits {@link #MAX_RECORD_BYTES}.
   */
  static byte[] encode(long firstSequence, List<WriteBatch> batches) {
    long opsBytes = 0;
    for (WriteBatch batch : batches) {
      opsBytes += encodedSize(batch);
    }
    byte[] out = new byte[Math.toIntExact(HEADER_SIZE + opsBytes)];
    checkLength(encodeInto(firstSequence, batches, out), out.length);
    return out;
  }

  /**
   * As {@link #encode(long, List)}, into the first {@code HEADER_SIZE + opsBytes} bytes of {@code
   * out} (at least that long), where {@code opsBytes} is the sum of the batches' {@link
   * #encodedSize}: the commit leader encodes into one buffer it keeps. Returns the record's length.
   */
  static int encodeInto(long firstSequence, List<WriteBatch> batches, byte[] out) {
    int count = 0;
    for (int b = 0, batchCount = batches.size(); b < batchCount; b++) { // no iterator per record
      count += batches.get(b).count();
    }
    LittleEndian.putLong(out, 0, firstSequence);
    LittleEndian.putInt(out, 8, count);
    int pos = HEADER_SIZE;
    for (int b = 0, batchCount = batches.size(); b < batchCount; b++) {
      WriteBatch batch = batches.get(b);
      for (int i = 0, n = batch.count(); i < n; i++) {
        WriteBatch.Op.Type type = batch.type(i);
        out[pos++] = (byte) typeOf(type).code;
        pos = putBytes(out, pos, batch.key(i));
        if (type != WriteBatch.Op.Type.DELETE) {
          pos = putBytes(out, pos, batch.value(i));
        }
      }
    }
    return pos;
  }

  /** Throws if a record came out {@code encoded} bytes long when {@code expected} were counted. */
  static void checkLength(int encoded, long expected) {
    if (encoded != expected) {
      throw new IllegalStateException("encoded " + encoded + " bytes, expected " + expected);
    }
  }

  /** Writes {@code b}'s length (varint32) and bytes at {@code out[pos]}; returns the end. */
  private static int putBytes(byte[] out, int pos, byte[] b) {
    pos = Varint.put32(out, pos, b.length);
    System.arraycopy(b, 0, out, pos, b.length);
    return pos + b.length;
  }

  private static ValueType typeOf(WriteBatch.Op.Type type) {
    return switch (type) {
      case PUT -> ValueType.VALUE;
      case DELETE -> ValueType.DELETION;
      case DELETE_RANGE -> ValueType.RANGE_DELETION;
    };
  }

  /**
   * Decodes {@code record}, handing each op to {@code handler} with copies of its bytes. Returns
   * the sequence of the last op ({@code sequence - 1} for an empty record).
   *
   * @throws DbException CORRUPTION if the record does not parse; ops before the bad one have
   *     already been handed over
   */
  static long decode(byte[] record, Handler handler) {
    ByteBuffer in = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
    if (record.length < HEADER_SIZE) {
      throw corrupt("record of " + record.length + " bytes is shorter than its header");
    }
    long sequence = in.getLong();
    int count = in.getInt();
    if (sequence < 1 || count < 0 || sequence + count - 1 > InternalKey.MAX_SEQUENCE) {
      throw corrupt("bad header: sequence " + sequence + ", count " + count);
    }
    try {
      for (int i = 0; i < count; i++) {
        int type = in.get() & 0xff;
        byte[] key = bytes(in);
        if (type == ValueType.VALUE.code) {
          handler.put(sequence + i, key, bytes(in));
        } else if (type == ValueType.DELETION.code) {
          handler.delete(sequence + i, key);
        } else if (type == ValueType.RANGE_DELETION.code) {
          handler.deleteRange(sequence + i, key, bytes(in));
        } else {
          throw corrupt("op " + i + " has unknown type " + type);
        }
      }
    } catch (BufferUnderflowException e) {
      throw corrupt("ops run past the end of the record (count " + count + ")");
    } catch (IllegalArgumentException e) {
      throw corrupt(e.getMessage());
    }
    if (in.hasRemaining()) {
      throw corrupt(in.remaining() + " bytes after the last of " + count + " ops");
    }
    return sequence + count - 1;
  }

  private static byte[] bytes(ByteBuffer in) {
    int length = Varint.get32(in);
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("length " + length + " exceeds the bytes left");
    }
    byte[] b = new byte[length];
    in.get(b);
    return b;
  }

  private static DbException corrupt(String message) {
    return new DbException(DbException.Kind.CORRUPTION, "write batch record: " + message);
  }
}
