package dev.shale.sql.exec;

import dev.shale.sql.store.KvCursor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How a kv row becomes engine bytes.
 *
 * <p>Keys are CESU-8: every UTF-16 code unit (surrogates included, one at a time) is written as
 * UTF-8 would write a code point of that value, and U+0000 as a single zero byte. Unsigned byte
 * order of the result is exactly {@link String#compareTo} order (UTF-16 code units), which is the
 * order SQL compares VARCHAR in, so pushed-down key ranges and {@code ORDER BY key} agree with the
 * SQL semantics even for characters beyond U+FFFF, where plain UTF-8 would not.
 *
 * <p>Values are one tag byte followed by the CESU-8 text: {@code 0x00} for SQL NULL (no text),
 * {@code 0x01} for a string, {@code 0x02} for a string whose characters are all below U+0080 (its
 * bytes are its characters). The tag keeps NULL apart from {@code ''}; the ASCII tag lets a read
 * make the string with one copy and no look at its bytes. Values written before the ASCII tag carry
 * {@code 0x01} and read as before; a reader that knows only {@code 0x01} decodes a {@code 0x02}
 * value the same way, as ASCII is valid CESU-8.
 */
public final class KvEncoding {

  private static final byte NULL_TAG = 0;
  private static final byte STRING_TAG = 1;
  private static final byte ASCII_TAG = 2;

  /**
   * {@link #decodeValue(byte[], int, int)} as a cursor's value decoder, reading a value where it
   * lies. A class rather than a method reference: the first scan of a fresh JVM spins no lambda.
   */
  public static final KvCursor.ValueDecoder<String> VALUES =
      new KvCursor.ValueDecoder<>() {
        @Override
        public String read(byte[] buf, int off, int len) {
          return decodeValue(buf, off, len);
        }
      };

  private KvEncoding() {}

  /** The CESU-8 bytes of {@code s}; order-preserving, lossless for any Java string. */
  public static byte[] encodeKey(String s) {
    return encode(s, 0);
  }

  public static String decodeKey(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  public static byte[] encodeValue(String value) {
    if (value == null) {
      return new byte[] {NULL_TAG};
    }
    byte[] out = encode(value, 1);
    // One byte per character exactly when every character is below U+0080.
    out[0] = out.length - 1 == value.length() ? ASCII_TAG : STRING_TAG;
    return out;
  }

  public static String decodeValue(byte[] bytes) {
    return decodeValue(bytes, 0, bytes.length);
  }

  /** The value encoded in {@code b[off, off + len)}; a {@code ValueReader} of values. */
  public static String decodeValue(byte[] b, int off, int len) {
    if (len == 0 || b[off] == NULL_TAG) {
      return null;
    }
    if (b[off] == ASCII_TAG) {
      return new String(b, off + 1, len - 1, StandardCharsets.ISO_8859_1);
    }
    return decode(b, off + 1, off + len);
  }

  /** The number of bytes {@link #encodeKey} makes of {@code s}, without making them. */
  public static int encodedLength(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return n;
  }

  private static byte[] encode(String s, int offset) {
    byte[] out = new byte[offset + encodedLength(s)];
    int p = offset;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[p++] = (byte) c;
      } else if (c < 0x800) {
        out[p++] = (byte) (0xC0 | (c >> 6));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      } else {
        out[p++] = (byte) (0xE0 | (c >> 12));
        out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return out;
  }

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Whether no byte of {@code b[from, end)} has its top bit set; eight at a time. */
  private static boolean isAscii(byte[] b, int from, int end) {
    int i = from;
    for (; i + 8 <= end; i += 8) {
      if (((long) LONG_LE.get(b, i) & 0x8080808080808080L) != 0) {
        return false;
      }
    }
    for (; i < end; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * A character's bytes end at {@code next}, within the text: the text may be a slice of a larger
   * array (a table's block), whose next bytes are not its own.
   */
  private static void checkRoom(int next, int end) {
    if (next > end) {
      throw new IllegalArgumentException("text ends inside a character: not CESU-8");
    }
  }

  /** The CESU-8 text {@code b[from, end)}. */
  private static String decode(byte[] b, int from, int end) {
    if (isAscii(b, from, end)) {
      // All ASCII, the common case: one copy into a one-byte-per-char string, where the general
      // path below makes a char array, copies it and compresses it again.
      return new String(b, from, end - from, StandardCharsets.ISO_8859_1);
    }
    char[] chars = new char[end - from];
    int n = 0;
    int p = from;
    while (p < end) {
      int x = b[p] & 0xFF;
      if (x < 0x80) {
        chars[n++] = (char) x;
        p += 1;
      } else if (x < 0xE0) {
        checkRoom(p + 2, end);
        chars[n++] = (char) (((x & 0x1F) << 6) | (b[p + 1] & 0x3F));
        p += 2;
      } else {
        checkRoom(p + 3, end);
        chars[n++] = (char) (((x & 0x0F) << 12) | ((b[p + 1] & 0x3F) << 6) | (b[p + 2] & 0x3F));
        p += 3;
      }
    }
    return new String(Arrays.copyOf(chars, n));
  }
}
