package dev.shale.engine.keys;

import dev.shale.engine.coding.LittleEndian;
import java.util.Arrays;

/**
 * A user key tagged with the sequence number and type of one write: the key under which every
 * version of a user key is stored.
 *
 * <pre>
 * encoded:  user key | tag (8 bytes, little-endian)
 * tag:      sequence (high 56 bits) | type (low 8 bits)
 * </pre>
 *
 * <p>Order: user key ascending in unsigned byte order, then tag descending, so the newest version
 * of a user key comes first and a seek to {@code (key, s)} lands on the newest version at or below
 * sequence {@code s}.
 */
public final class InternalKey implements Comparable<InternalKey> {

  public static final long MAX_SEQUENCE = (1L << 56) - 1;

  /** Length of the tag that follows the user key in the encoded form. */
  public static final int TAG_SIZE = 8;

  /**
   * Above every real type: {@code (key, s, TYPE_FOR_SEEK)} sorts before every entry of {@code key}
   * at sequence {@code s}.
   */
  private static final int TYPE_FOR_SEEK = 0xff;

  private final byte[] userKey;
  private final long tag;

  public InternalKey(byte[] userKey, long sequence, ValueType type) {
    this(userKey, tag(sequence, type.code));
  }

  private InternalKey(byte[] userKey, long tag) {
    this.userKey = userKey;
    this.tag = tag;
  }

  /** The key of {@code userKey} with {@code tag} (as {@link #tag} gives it), not checked. */
  public static InternalKey ofTag(byte[] userKey, long tag) {
    return new InternalKey(userKey, tag);
  }

  /** The {@link #tag} of an entry of {@code type} at {@code sequence}. */
  public static long tag(long sequence, ValueType type) {
    return tag(sequence, type.code);
  }

  /** The first position among the versions of {@code userKey} visible at {@code sequence}. */
  public static InternalKey seekKey(byte[] userKey, long sequence) {
    return new InternalKey(userKey, tag(sequence, TYPE_FOR_SEEK));
  }

  /** A position after every version of {@code userKey} and before any larger user key. */
  public static InternalKey afterAllVersions(byte[] userKey) {
    // Sequence 0 is never assigned, so no stored entry equals this key.
    return new InternalKey(userKey, 0);
  }

  /** A position before every version of {@code userKey} and after any smaller user key. */
  public static InternalKey beforeAllVersions(byte[] userKey) {
    return seekKey(userKey, MAX_SEQUENCE);
  }

  private static long tag(long sequence, int type) {
    if (sequence < 0 || sequence > MAX_SEQUENCE) {
      throw new IllegalArgumentException("sequence out of range: " + sequence);
    }
    return sequence << 8 | type;
  }

  public byte[] userKey() {
    return userKey;
  }

  public long sequence() {
    return tag >>> 8;
  }

  /**
   * The sequence and the type code packed into one number ({@code sequence << 8 | type}): of two
   * keys with the same user key, the one with the larger tag sorts first.
   */
  public long tag() {
    return tag;
  }

  /** The entry's type; null only for the positioning keys made by the static factories. */
  public ValueType type() {
    return ValueType.ofCode((int) (tag & 0xff));
  }

  public byte[] encode() {
    byte[] out = Arrays.copyOf(userKey, userKey.length + 8);
    for (int i = 0; i < 8; i++) {
      out[userKey.length + i] = (byte) (tag >>> (8 * i));
    }
    return out;
  }

  public static InternalKey decode(byte[] encoded) {
    return decode(encoded, 0, encoded.length);
  }

  /** Length of {@link #encode()}'s result. */
  public int encodedLength() {
    return userKey.length + TAG_SIZE;
  }

  /**
   * Writes the encoded key into {@code dst} at {@code off}; returns the offset just past it.
   *
   * @throws IndexOutOfBoundsException if it does not fit
   */
  public int encodeTo(byte[] dst, int off) {
    System.arraycopy(userKey, 0, dst, off, userKey.length);
    LittleEndian.LONG.set(dst, off + userKey.length, tag);
    return off + userKey.length + TAG_SIZE;
  }

  /**
   * Decodes the encoded key in {@code buf[off, off + len)}; the user key is copied.
   *
   * @throws IllegalArgumentException if {@code len} is shorter than the tag
   */
  public static InternalKey decode(byte[] buf, int off, int len) {
    if (len < TAG_SIZE) {
      throw new IllegalArgumentException("internal key shorter than its 8-byte tag");
    }
    int n = len - TAG_SIZE;
    long tag = (long) LittleEndian.LONG.get(buf, off + n);
    return new InternalKey(Arrays.copyOfRange(buf, off, off + n), tag);
  }

  /**
   * Compares two encoded internal keys, {@code a[aOff, aOff + aLen)} and {@code b[bOff, bOff +
   * bLen)}, in the order of {@link #compareTo}, without decoding them. Both lengths must be at
   * least {@link #TAG_SIZE}.
   */
  public static int compareEncoded(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
    int aUser = aLen - TAG_SIZE;
    int bUser = bLen - TAG_SIZE;
    int c = Arrays.compareUnsigned(a, aOff, aOff + aUser, b, bOff, bOff + bUser);
    if (c != 0) {
      return c;
    }
    return Long.compareUnsigned(
        (long) LittleEndian.LONG.get(b, bOff + bUser),
        (long) LittleEndian.LONG.get(a, aOff + aUser));
  }

  /**
   * The order of {@link #compare}, for user keys given with their first two {@link
   * dev.shale.engine.coding.KeyWords#word words} (bytes 0-7 and 8-15, zero-padded): the words
   * first, and the arrays only where both words tie. Past two equal words, two keys of at most 16
   * bytes differ only in length (the shorter is a prefix of the longer, which has zeros where it
   * was padded), and a key of at most 16 bytes is a prefix of a longer one; two longer keys compare
   * on the rest of their bytes.
   */
  public static int compareWithWords(
      byte[] a, long a0, long a1, long aTag, byte[] b, long b0, long b1, long bTag) {
    if (a0 != b0) {
      return Long.compareUnsigned(a0, b0);
    }
    if (a1 != b1) {
      return Long.compareUnsigned(a1, b1);
    }
    int c =
        a.length <= 16 || b.length <= 16
            ? Integer.compare(a.length, b.length)
            : Arrays.compareUnsigned(a, 16, a.length, b, 16, b.length);
    return c != 0 ? c : Long.compareUnsigned(bTag, aTag);
  }

  @Override
  public int compareTo(InternalKey other) {
    return compare(userKey, tag, other.userKey, other.tag);
  }

  /**
   * The order of internal keys, given as their parts: user keys as unsigned bytes, then the larger
   * {@link #tag} first (newer versions before older ones).
   */
  public static int compare(byte[] aUserKey, long aTag, byte[] bUserKey, long bTag) {
    int c = Arrays.compareUnsigned(aUserKey, bUserKey);
    return c != 0 ? c : Long.compareUnsigned(bTag, aTag);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InternalKey k && tag == k.tag && Arrays.equals(userKey, k.userKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(userKey) * 31 + Long.hashCode(tag);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (byte b : userKey) {
      s.append(String.format("%02x", b & 0xff));
    }
    return s.append('@').append(sequence()).append('/').append(tag & 0xff).toString();
  }
}
