package dev.shale.engine.memtable;

import dev.shale.engine.coding.KeyHash;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bloom filter over the user keys written to one memtable, so that a get of a key the memtable
 * never saw skips the skip-list search (a cache miss per level in a large memtable), as RocksDB's
 * memtable whole-key filtering does. Blocked: all of a key's probes fall in one 64-byte line, one
 * cache miss at most.
 *
 * <p>One writer at a time (the memtable's), readers without locks. The writer adds a key before the
 * entry goes into the skip list, and a reader reads at a sequence published after that, so it sees
 * the key's bits: a word it reads is the one written with them or a later one, which only adds bits
 * (that holds for each half of a word, too). A false "maybe" costs the search it would have cost
 * anyway; there are no false "no"s.
 *
 * <p>So the writer sets bits with plain stores, and readers read with opaque loads: what a reader
 * must see is ordered by the publication of the sequence, and a word read torn or mid-update only
 * has more bits. (Opaque stores ran through the method-handle adapters in a cold run's first
 * writes, until the JIT had compiled the write path: twelve calls per key added.)
 */
final class KeyBloom {

  /** Bits of one line: eight longs, a cache line. */
  private static final int LINE_BITS = 512;

  private static final int PROBES = 6;
  private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] words;
  private final int lines;

  /** A filter of about {@code bytes} bytes (whole 64-byte lines, at least one). */
  KeyBloom(long bytes) {
    long n = Math.max(1, Math.min(bytes / 64, 1 << 20));
    this.lines = (int) n;
    this.words = new long[lines * 8];
  }

  void add(byte[] key) {
    long h = KeyHash.hash(key, 0, key.length);
    int base = line(h) * 8;
    long bits = probeBits(h);
    for (int i = 0; i < PROBES; i++, bits >>>= 9) {
      int b = (int) (bits & (LINE_BITS - 1));
      int w = base + (b >>> 6);
      words[w] |= 1L << b; // plain: see the class comment
    }
  }

  /** False if {@code key} was never added; true if it may have been. */
  boolean mayContain(byte[] key) {
    long h = KeyHash.hash(key, 0, key.length);
    int base = line(h) * 8;
    long bits = probeBits(h);
    for (int i = 0; i < PROBES; i++, bits >>>= 9) {
      int b = (int) (bits & (LINE_BITS - 1));
      if (((long) WORDS.getOpaque(words, base + (b >>> 6)) & 1L << b) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The filter's heap bytes. */
  long sizeInBytes() {
    return 8L * words.length;
  }

  /**
   * 54 bits for six probes of nine, from the high bits of {@code h} remixed by a multiply (they
   * depend on all of its bits, so on other bits than the line's).
   */
  private static long probeBits(long h) {
    return ((h ^ h >>> 29) * 0x9e3779b97f4a7c15L) >>> 10;
  }

  /** The line of hash {@code h}: its low 32 bits scaled onto the lines. */
  private int line(long h) {
    return (int) (((h & 0xffffffffL) * lines) >>> 32);
  }
}
