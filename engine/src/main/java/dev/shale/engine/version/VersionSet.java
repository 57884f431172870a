package dev.shale.engine.version;

import dev.shale.engine.DbException;
import dev.shale.engine.env.Env;
import dev.shale.engine.env.FileNames;
import dev.shale.engine.env.WritableFile;
import dev.shale.engine.wal.LogReader;
import dev.shale.engine.wal.LogWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link Version} and its history on disk: the MANIFEST log of {@link VersionEdit}s,
 * named by the file {@code CURRENT}. Every open starts a new manifest holding one edit with the
 * whole state, then appends an edit per flush or compaction, synced before the change is used.
 *
 * <p>Also hands out file numbers, and knows which versions are still read, so that only files no
 * live version lists are deleted. Which compaction runs next is its {@link CompactionPicker}'s
 * choice, made on the current version.
 */
public final class VersionSet implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(VersionSet.class);

  private final Env env;
  private final Path dir;
  private final CompactionPicker picker;
  private final Runnable onVersionReleased;
  private final ReadSamples readSamples = new ReadSamples();

  // Guarded by this.
  private final Set<Version> live = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final Set<Compaction> running =
      Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private volatile Version current; // written under this, read without
  private long nextFileNumber;
  private long logNumber;
  private long lastSequence;
  private long manifestNumber;
  private LogWriter manifest;

  private VersionSet(Env env, Path dir, CompactionPicker picker, Runnable onVersionReleased) {
    this.env = env;
    this.dir = dir;
    this.picker = picker;
    this.onVersionReleased = onVersionReleased;
  }

  /**
   * Reads {@code CURRENT} and its manifest (an empty state if there is none), then starts a new
   * manifest with the whole state. {@code onVersionReleased} runs when a version no reader holds
   * any more is dropped: its files may have become obsolete. File numbers handed out from now on
   * are at least {@code minNextFileNumber}: above every numbered file in the directory, including
   * logs and tables no edit recorded before a crash.
   */
  public static VersionSet recover(
      Env env,
      Path dir,
      CompactionPicker picker,
      Runnable onVersionReleased,
      long minNextFileNumber)
      throws IOException {
    VersionSet set = new VersionSet(env, dir, picker, onVersionReleased);
    List<List<FileMetaData>> levels = emptyLevels();
    set.nextFileNumber = 2;
    Path currentFile = FileNames.currentFile(dir);
    if (env.exists(currentFile)) {
      String name = readCurrent(env, currentFile);
      Path manifestFile = dir.resolve(name);
      int edits = 0;
      try (LogReader reader = LogReader.open(env, manifestFile, true)) {
        // A crash while appending an edit tears the last record, which the reader drops: that edit
        // was never acted on. Damage with intact edits after it fails the reader instead.
        for (byte[] r = reader.readRecord(); r != null; r = reader.readRecord()) {
          set.apply(levels, VersionEdit.decode(r, manifestFile.toString()));
          edits++;
        }
      } catch (NoSuchFileException e) {
        throw new DbException(
            DbException.Kind.CORRUPTION, currentFile + " names " + name + ", which is missing", e);
      }
      if (edits == 0) {
        // CURRENT names a manifest only once its first edit (the whole state) is synced.
        throw new DbException(
            DbException.Kind.CORRUPTION,
            "manifest " + manifestFile + " has no intact edit: its first record is damaged");
      }
      set.checkFilesExist(levels, manifestFile);
    }
    set.current = set.newVersion(levels);
    set.nextFileNumber =
        Math.max(Math.max(set.nextFileNumber, set.maxFileNumber() + 1), minNextFileNumber);
    set.startManifest();
    return set;
  }

  /** The manifest name in {@code CURRENT}: a strict UTF-8 line naming a manifest. */
  private static String readCurrent(Env env, Path currentFile) throws IOException {
    byte[] bytes;
    try (InputStream in = env.newSequentialFile(currentFile)) {
      bytes = in.readAllBytes();
    }
    String name;
    try {
      name =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString()
              .strip();
    } catch (CharacterCodingException e) {
      throw new DbException(
          DbException.Kind.CORRUPTION, currentFile + " is damaged: its bytes are not a name", e);
    }
    if (!FileNames.isManifestName(name)) {
      throw new DbException(
          DbException.Kind.CORRUPTION, currentFile + " does not name a manifest: '" + name + "'");
    }
    return name;
  }

  /**
   * Checks that the state read from {@code manifest} is not older than the directory: the log it
   * names as the oldest still needed exists (a log is deleted only after a later edit no longer
   * needs it), and so does every table it lists (inputs of a compaction are deleted only after the
   * edit replacing them). Either one missing means edits were lost — the manifest is damaged in a
   * way no checksum caught, such as its last edit, which looks torn — and deleting the files that
   * the older state does not list would lose their data.
   */
  private void checkFilesExist(List<List<FileMetaData>> levels, Path manifest) throws IOException {
    if (logNumber > 0 && !env.exists(FileNames.logFile(dir, logNumber))) {
      throw new DbException(
          DbException.Kind.CORRUPTION,
          "manifest "
              + manifest
              + " needs log "
              + FileNames.logName(logNumber)
              + ", which is missing: edits after the ones read are lost");
    }
    for (int level = 0; level < levels.size(); level++) {
      for (FileMetaData f : levels.get(level)) {
        Path table = FileNames.tableFile(dir, f.number());
        if (!env.exists(table)) {
          throw new DbException(
              DbException.Kind.CORRUPTION,
              "manifest "
                  + manifest
                  + " lists table "
                  + table
                  + " at level "
                  + level
                  + ", which is missing");
        }
      }
    }
  }

  /** A new version from {@code base} with {@code edit}, counters taken from {@code edit}. */
  private void apply(List<List<FileMetaData>> levels, VersionEdit edit) {
    if (edit.logNumber() != null) {
      logNumber = edit.logNumber();
    }
    if (edit.nextFileNumber() != null) {
      nextFileNumber = edit.nextFileNumber();
    }
    if (edit.lastSequence() != null) {
      // Never back: an edit made before an ingest's may be recorded after it.
      lastSequence = Math.max(lastSequence, edit.lastSequence());
    }
    for (VersionEdit.NewFile n : edit.newFiles()) {
      lastSequence = Math.max(lastSequence, n.file().globalSequence());
    }
    for (VersionEdit.DeletedFile d : edit.deletedFiles()) {
      levels.get(d.level()).removeIf(f -> f.number() == d.number());
    }
    for (VersionEdit.NewFile n : edit.newFiles()) {
      levels.get(n.level()).add(n.file());
    }
    levels.get(0).sort(Version.NEWEST_FIRST);
    for (int level = 1; level < Version.NUM_LEVELS; level++) {
      levels.get(level).sort(Version.BY_SMALLEST);
    }
  }

  private Version newVersion(List<List<FileMetaData>> levels) {
    List<List<FileMetaData>> frozen = new ArrayList<>(Version.NUM_LEVELS);
    for (List<FileMetaData> files : levels) {
      frozen.add(List.copyOf(files));
    }
    Version[] holder = new Version[1];
    holder[0] =
        new Version(
            frozen,
            () -> {
              synchronized (this) {
                live.remove(holder[0]);
              }
              onVersionReleased.run();
            });
    live.add(holder[0]);
    return holder[0];
  }

  private void startManifest() throws IOException {
    long number = nextFileNumber++;
    Path file = FileNames.manifestFile(dir, number);
    LogWriter writer = LogWriter.create(env, file);
    try {
      VersionEdit snapshot = new VersionEdit();
      for (int level = 0; level < Version.NUM_LEVELS; level++) {
        for (FileMetaData f : current.files(level)) {
          snapshot.addFile(level, f);
        }
      }
      snapshot.setLogNumber(logNumber).setNextFileNumber(nextFileNumber);
      snapshot.setLastSequence(lastSequence);
      writer.addRecord(snapshot.encode());
      writer.sync();
      setCurrent(file.getFileName().toString(), number);
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw e;
    }
    if (manifest != null) {
      manifest.close();
    }
    manifest = writer;
    manifestNumber = number;
  }

  /** Points CURRENT at {@code name} atomically: a synced temporary file renamed over it. */
  private void setCurrent(String name, long number) throws IOException {
    Path temp = FileNames.tempFile(dir, number);
    env.deleteIfExists(temp); // left by a crash: rewritten from the start
    try (WritableFile out = env.newWritableFile(temp)) {
      byte[] line = (name + "\n").getBytes(StandardCharsets.UTF_8);
      out.append(line, 0, line.length);
      out.sync();
    }
    env.rename(temp, FileNames.currentFile(dir));
    env.syncDirectory(dir);
  }

  /**
   * Records {@code edit} in the manifest (synced) and makes the resulting version current. Sets the
   * edit's next file number and, if given, its log number and last sequence.
   */
  public synchronized void logAndApply(VersionEdit edit) throws IOException {
    List<List<FileMetaData>> levels = new ArrayList<>(Version.NUM_LEVELS);
    for (int level = 0; level < Version.NUM_LEVELS; level++) {
      levels.add(new ArrayList<>(current.files(level)));
    }
    edit.setNextFileNumber(nextFileNumber);
    long savedLog = logNumber;
    long savedSequence = lastSequence;
    apply(levels, edit);
    try {
      manifest.addRecord(edit.encode());
      manifest.sync();
    } catch (IOException e) {
      logNumber = savedLog;
      lastSequence = savedSequence;
      throw e;
    }
    Version old = current;
    current = newVersion(levels);
    old.unref();
  }

  /** The current version, with a reference the caller must give back with {@link Version#unref}. */
  public Version current() {
    while (true) {
      Version v = current;
      if (v.tryRef()) {
        return v;
      }
      // Released between the read and the ref: a newer version is current by now.
    }
  }

  /**
   * The current version, referenced, and in {@code firstLog[0]} the first log it needs (the logs
   * holding writes in none of its tables), read together.
   */
  public synchronized Version current(long[] firstLog) {
    firstLog[0] = logNumber;
    return current();
  }

  /** The number of level-0 files in the current version. */
  public int level0Files() {
    return current.level0Count();
  }

  public synchronized long newFileNumber() {
    return nextFileNumber++;
  }

  public synchronized long logNumber() {
    return logNumber;
  }

  public synchronized long lastSequence() {
    return lastSequence;
  }

  public synchronized long manifestNumber() {
    return manifestNumber;
  }

  /** The numbers of every table some live version lists. */
  public synchronized Set<Long> liveFiles() {
    Set<Long> files = new HashSet<>();
    for (Version v : live) {
      for (int level = 0; level < Version.NUM_LEVELS; level++) {
        for (FileMetaData f : v.files(level)) {
          files.add(f.number());
        }
      }
    }
    return files;
  }

  /** What chooses compactions; its scores are pure functions of a version. */
  public CompactionPicker picker() {
    return picker;
  }

  /**
   * Charges {@code userKey}, a key an iterator read, to the current version's tables ({@link
   * ReadSamples}); true when that made a table due for compaction, which should then be scheduled.
   * Takes no lock: a sample that lands on a version just replaced is lost, which is harmless.
   */
  public boolean recordReadSample(byte[] userKey) {
    return current.recordReadSample(userKey, readSamples);
  }

  /** The allowances of {@link #recordReadSample}; a deleted table's is forgotten. */
  public ReadSamples readSamples() {
    return readSamples;
  }

  /** The score of the level most in need of compaction; below 1 nothing needs it. */
  public synchronized double compactionScore() {
    return picker.score(current);
  }

  /**
   * The next compaction to run, or null if no level needs one. The returned compaction holds a
   * reference on its version; the caller gives it back when done, and reports it {@link
   * #compactionDone}.
   */
  public synchronized Compaction pickCompaction() {
    return running(picker.pick(current));
  }

  /**
   * A manual compaction of the tables of {@code level} holding keys in [{@code begin}, {@code end}]
   * (null: unbounded) with what they overlap in the level below, or null if none does. In level 0,
   * whose files overlap, the range grows until no file left out overlaps a file taken (LevelDB's
   * {@code GetOverlappingInputs}), so every version of a key is merged or none. Like {@link
   * #pickCompaction}, it holds a reference on its version and is reported done.
   */
  public synchronized Compaction rangeCompaction(int level, byte[] begin, byte[] end) {
    Version v = current;
    List<FileMetaData> inputs = v.overlapping(level, begin, end);
    while (level == 0 && !inputs.isEmpty()) {
      byte[][] span = Compaction.manual(v, 0, inputs, List.of()).span();
      byte[] lo = begin == null || Arrays.compareUnsigned(span[0], begin) >= 0 ? begin : span[0];
      byte[] hi = end == null || Arrays.compareUnsigned(span[1], end) <= 0 ? end : span[1];
      List<FileMetaData> grown = v.overlapping(0, lo, hi);
      if (grown.size() == inputs.size()) {
        break;
      }
      inputs = grown;
      begin = lo;
      end = hi;
    }
    if (inputs.isEmpty()) {
      return null;
    }
    byte[][] span = Compaction.manual(v, level, inputs, List.of()).span();
    v.tryRef();
    return running(Compaction.manual(v, level, inputs, v.overlapping(level + 1, span[0], span[1])));
  }

  /**
   * Installs the tables of an ingest, whose entries read as {@code sequence} (the newest), at the
   * deepest level where neither a table of that level nor of any level above holds a key in their
   * range (level 0 if level 0 does), and no running compaction may write an overlapping table into
   * that level (RocksDB's {@code IngestedFileOverlapWithLevel} and its check of running
   * compactions). {@code files} are in key order, disjoint, and their bounds carry {@code
   * sequence}. Records it (synced) and returns the level.
   */
  public synchronized int installIngest(List<FileMetaData> files, long sequence)
      throws IOException {
    byte[] lo = files.get(0).smallest().userKey();
    byte[] hi = files.get(files.size() - 1).largest().userKey();
    int level = 0;
    if (current.overlapping(0, lo, hi).isEmpty()) {
      while (level + 1 < Version.NUM_LEVELS && current.overlapping(level + 1, lo, hi).isEmpty()) {
        level++;
      }
      // A running compaction's outputs span its inputs, which may straddle the range without
      // holding a key in it: its output level must not get the ingest. The level above is free
      // too (no level down to the one found overlaps the range).
      for (boolean moved = true; moved && level > 0; ) {
        moved = false;
        for (Compaction c : running) {
          byte[][] span = c.span();
          if (c.outputLevel() == level
              && Arrays.compareUnsigned(span[0], hi) <= 0
              && Arrays.compareUnsigned(span[1], lo) >= 0) {
            level--;
            moved = true;
            break;
          }
        }
      }
    }
    VersionEdit edit = new VersionEdit().setLastSequence(sequence);
    for (FileMetaData f : files) {
      edit.addFile(level, f);
    }
    logAndApply(edit);
    return level;
  }

  /** The deepest level with a table holding keys in [{@code begin}, {@code end}], or -1. */
  public synchronized int deepestLevelWith(byte[] begin, byte[] end) {
    int deepest = -1;
    for (int level = 0; level < Version.NUM_LEVELS; level++) {
      if (!current.overlapping(level, begin, end).isEmpty()) {
        deepest = level;
      }
    }
    return deepest;
  }

  private Compaction running(Compaction c) {
    if (c != null) {
      running.add(c);
    }
    return c;
  }

  /** {@code c} is installed or abandoned: it no longer writes its output level. */
  public synchronized void compactionDone(Compaction c) {
    running.remove(c);
  }

  private long maxFileNumber() {
    long max = 0;
    for (int level = 0; level < Version.NUM_LEVELS; level++) {
      for (FileMetaData f : current.files(level)) {
        max = Math.max(max, f.number());
      }
    }
    return Math.max(max, logNumber);
  }

  private static List<List<FileMetaData>> emptyLevels() {
    List<List<FileMetaData>> levels = new ArrayList<>(Version.NUM_LEVELS);
    for (int level = 0; level < Version.NUM_LEVELS; level++) {
      levels.add(new ArrayList<>());
    }
    return levels;
  }

  @Override
  public synchronized void close() throws IOException {
    if (manifest != null) {
      manifest.close();
      manifest = null;
    }
  }

  @Override
  public synchronized String toString() {
    return current.toString();
  }
}
