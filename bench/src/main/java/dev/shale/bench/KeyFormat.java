package dev.shale.bench;

import java.nio.charset.StandardCharsets;

/**
 * The keys of every benchmark: the index in decimal, zero-padded to 16 ASCII digits, so byte order,
 * string order and index order agree. A missing key is an existing key whose last digit is replaced
 * by a letter: absent from every database, yet it sorts between existing keys, so a lookup cannot
 * be answered from the key range of a file alone.
 */
final class KeyFormat {

  static final int KEY_BYTES = 16;

  private KeyFormat() {}

  /** The key of {@code index}, as a new array (engines may keep it). */
  static byte[] key(long index) {
    byte[] key = new byte[KEY_BYTES];
    long rest = index;
    for (int i = KEY_BYTES - 1; i >= 0; i--) {
      key[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    if (rest != 0 || index < 0) {
      throw new IllegalArgumentException("Key index out of range: " + index);
    }
    return key;
  }

  /** A 16-byte key that no benchmark ever writes, next to {@code key(index)}. */
  static byte[] missingKey(long index) {
    byte[] key = key(index);
    key[KEY_BYTES - 1] = (byte) ('a' + (key[KEY_BYTES - 1] - '0'));
    return key;
  }

  static String keyString(long index) {
    return new String(key(index), StandardCharsets.US_ASCII);
  }
}
