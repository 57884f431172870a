package dev.shale.engine.version;

import dev.shale.engine.DbException;
import dev.shale.engine.keys.InternalKey;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/*
 * A version edit: one record of the MANIFEST log, a change to the set of files. Fields are
 * tagged; each appears at most once except files, and absent fields keep their old value.
 * Integers are little-endian; keys are length-prefixed encoded internal keys.
 *
 *   tag 1  log number       (8)   logs below it are in tables and may be deleted
 *   tag 2  next file number (8)
 *   tag 3  last sequence    (8)
 *   tag 4  deleted file     level (1) | file number (8)
 *   tag 5  new file         level (1) | file number (8) | file size (8)
 *                           | smallest length (4) | smallest | largest length (4) | largest
 *                           | range tombstones (4)
 *   tag 6  ingested file    as tag 5 | global sequence (8): every entry of the table reads as
 *                           this sequence (see FileMetaData); older manifests have none
 *
 * Each field is: tag (1) | its bytes. Unknown tags are corruption: an older reader must not
 * silently drop a newer writer's meaning.
 */

/** A change from one version to the next, as recorded in the MANIFEST. */
public final class VersionEdit {

  private static final int LOG_NUMBER = 1;
  private static final int NEXT_FILE_NUMBER = 2;
  private static final int LAST_SEQUENCE = 3;
  private static final int DELETED_FILE = 4;
  private static final int NEW_FILE = 5;
  private static final int INGESTED_FILE = 6;

  /** A file leaving a level. */
  public record DeletedFile(int level, long number) {}

  /** A file joining a level. */
  public record NewFile(int level, FileMetaData file) {}

  private Long logNumber;
  private Long nextFileNumber;
  private Long lastSequence;
  private final List<DeletedFile> deletedFiles = new ArrayList<>();
  private final List<NewFile> newFiles = new ArrayList<>();

  public VersionEdit setLogNumber(long number) {
    this.logNumber = number;
    return this;
  }

  public VersionEdit setNextFileNumber(long number) {
    this.nextFileNumber = number;
    return this;
  }

  public VersionEdit setLastSequence(long sequence) {
    this.lastSequence = sequence;
    return this;
  }

  public VersionEdit deleteFile(int level, long number) {
    deletedFiles.add(new DeletedFile(level, number));
    return this;
  }

  public VersionEdit addFile(int level, FileMetaData file) {
    newFiles.add(new NewFile(level, file));
    return this;
  }

  public Long logNumber() {
    return logNumber;
  }

  public Long nextFileNumber() {
    return nextFileNumber;
  }

  public Long lastSequence() {
    return lastSequence;
  }

  public List<DeletedFile> deletedFiles() {
    return deletedFiles;
  }

  public List<NewFile> newFiles() {
    return newFiles;
  }

  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    if (logNumber != null) {
      out.write(LOG_NUMBER);
      writeLong(out, b, logNumber);
    }
    if (nextFileNumber != null) {
      out.write(NEXT_FILE_NUMBER);
      writeLong(out, b, nextFileNumber);
    }
    if (lastSequence != null) {
      out.write(LAST_SEQUENCE);
      writeLong(out, b, lastSequence);
    }
    for (DeletedFile d : deletedFiles) {
      out.write(DELETED_FILE);
      out.write(d.level());
      writeLong(out, b, d.number());
    }
    for (NewFile n : newFiles) {
      long global = n.file().globalSequence();
      out.write(global > 0 ? INGESTED_FILE : NEW_FILE);
      out.write(n.level());
      writeLong(out, b, n.file().number());
      writeLong(out, b, n.file().size());
      writeKey(out, b, n.file().smallest());
      writeKey(out, b, n.file().largest());
      b.clear();
      b.putInt(n.file().rangeTombstones());
      out.write(b.array(), 0, 4);
      if (global > 0) {
        writeLong(out, b, global);
      }
    }
    return out.toByteArray();
  }

  /** Parses a MANIFEST record; {@code source} names the file for error messages. */
  public static VersionEdit decode(byte[] record, String source) {
    ByteBuffer in = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
    VersionEdit edit = new VersionEdit();
    try {
      while (in.hasRemaining()) {
        int tag = in.get();
        switch (tag) {
          case LOG_NUMBER -> edit.logNumber = in.getLong();
          case NEXT_FILE_NUMBER -> edit.nextFileNumber = in.getLong();
          case LAST_SEQUENCE -> edit.lastSequence = in.getLong();
          case DELETED_FILE -> edit.deleteFile(level(in), in.getLong());
          case NEW_FILE, INGESTED_FILE -> {
            int level = level(in);
            long number = in.getLong();
            long size = in.getLong();
            InternalKey smallest = readKey(in);
            InternalKey largest = readKey(in);
            int tombstones = in.getInt();
            if (tombstones < 0) {
              throw new IllegalArgumentException("range tombstone count " + tombstones);
            }
            long global = tag == INGESTED_FILE ? in.getLong() : 0;
            if (global < 0
                || global > InternalKey.MAX_SEQUENCE
                || (tag == INGESTED_FILE && global == 0)) {
              throw new IllegalArgumentException("global sequence " + global);
            }
            edit.addFile(
                level, new FileMetaData(number, size, smallest, largest, tombstones, global));
          }
          default -> throw new IllegalArgumentException("unknown tag " + tag);
        }
      }
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new DbException(
          DbException.Kind.CORRUPTION, "manifest " + source + ": bad version edit: " + e, e);
    }
    return edit;
  }

  private static int level(ByteBuffer in) {
    int level = in.get();
    if (level < 0 || level >= Version.NUM_LEVELS) {
      throw new IllegalArgumentException("level " + level);
    }
    return level;
  }

  private static InternalKey readKey(ByteBuffer in) {
    int length = in.getInt();
    if (length < 8 || length > in.remaining()) {
      throw new IllegalArgumentException("key length " + length);
    }
    byte[] encoded = new byte[length];
    in.get(encoded);
    return InternalKey.decode(encoded);
  }

  private static void writeKey(ByteArrayOutputStream out, ByteBuffer b, InternalKey key) {
    byte[] encoded = key.encode();
    b.clear();
    b.putInt(encoded.length);
    out.write(b.array(), 0, 4);
    out.write(encoded, 0, encoded.length);
  }

  private static void writeLong(ByteArrayOutputStream out, ByteBuffer b, long value) {
    b.clear();
    b.putLong(value);
    out.write(b.array(), 0, 8);
  }

  @Override
  public String toString() {
    return "VersionEdit{log="
        + logNumber
        + ", nextFile="
        + nextFileNumber
        + ", lastSeq="
        + lastSequence
        + ", deleted="
        + deletedFiles
        + ", added="
        + newFiles
        + '}';
  }
}
