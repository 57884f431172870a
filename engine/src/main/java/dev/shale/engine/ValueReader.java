package dev.shale.engine;

/**
 * Makes something of a value where it lies (in a table's block; a memtable's iterator unpacks it
 * into a buffer of its own), so that a reader that only decodes it, into a string say, spares the
 * copy {@link DbIterator#value()} makes.
 */
@FunctionalInterface
public interface ValueReader<T> {

  /**
   * Reads the value {@code buf[off, off + len)}. The bytes are valid only during the call and must
   * not be changed.
   */
  T read(byte[] buf, int off, int len);
}
