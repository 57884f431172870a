package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.DbIterator;
import dev.shale.engine.ReadTrace;
import dev.shale.engine.ValueReader;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import dev.shale.engine.version.ReadSamples;
import java.util.Arrays;

/**
 * The user's view of an {@link InternalIterator}: for each user key, the newest version at or below
 * a sequence number, with deleted keys and older versions hidden, within the bounds.
 *
 * <p>Invariants, by direction:
 *
 * <ul>
 *   <li>forward: when valid, the internal iterator is on the entry that is {@link #key()} and
 *       {@link #value()};
 *   <li>reverse: when valid, the internal iterator is on the last entry before every version of
 *       {@link #key()} (or invalid if there is none), and the current entry is in {@code savedKey}
 *       and {@code savedValue}.
 * </ul>
 */
final class SnapshotIterator implements DbIterator {

  private enum Direction {
    FORWARD,
    REVERSE
  }

  private final DbImpl db;
  private final InternalIterator iter;
  private final SnapshotList.LiveSnapshot pin;
  private final long sequence;
  private final byte[] lowerBound;
  private final byte[] upperBound;
  private final RangeTombstoneSet tombstones;

  private Direction direction = Direction.FORWARD;
  private boolean valid;
  private byte[] savedKey;
  private byte[] savedValue;
  private boolean closed;

  /** Entries to step over before the next key is sampled for read-driven compaction. */
  private int untilSample = ReadSamples.period();

  /**
   * Reads {@code iter} at {@code pin}'s sequence and closes {@code pin} on {@link #close()}. Either
   * bound may be null.
   */
  SnapshotIterator(
      DbImpl db,
      InternalIterator iter,
      SnapshotList.LiveSnapshot pin,
      byte[] lowerBound,
      byte[] upperBound,
      RangeTombstoneSet tombstones) {
    this.db = db;
    this.tombstones = tombstones;
    this.iter = iter;
    this.pin = pin;
    this.sequence = pin.sequence();
    this.lowerBound = lowerBound;
    this.upperBound = upperBound;
  }

  @Override
  public void seekToFirst() {
    checkOpen();
    direction = Direction.FORWARD;
    ReadTrace trace = traced(lowerBound, false);
    if (lowerBound != null) {
      iter.seek(InternalKey.seekKey(lowerBound, sequence));
    } else {
      iter.seekToFirst();
    }
    findNextUserEntry(false, null, trace);
  }

  @Override
  public void seekToLast() {
    checkOpen();
    direction = Direction.REVERSE;
    ReadTrace trace = traced(null, true);
    if (upperBound != null) {
      iter.seekForPrev(InternalKey.beforeAllVersions(upperBound));
    } else {
      iter.seekToLast();
    }
    findPrevUserEntry(trace);
  }

  @Override
  public void seek(byte[] target) {
    checkOpen();
    if (lowerBound != null && compare(target, lowerBound) < 0) {
      target = lowerBound;
    }
    direction = Direction.FORWARD;
    ReadTrace trace = traced(target, false);
    iter.seek(InternalKey.seekKey(target, sequence));
    findNextUserEntry(false, null, trace);
  }

  @Override
  public void seekForPrev(byte[] target) {
    checkOpen();
    if (upperBound != null && compare(target, upperBound) >= 0) {
      seekToLast();
      return;
    }
    direction = Direction.REVERSE;
    ReadTrace trace = traced(target, true);
    iter.seekForPrev(InternalKey.afterAllVersions(target));
    findPrevUserEntry(trace);
  }

  @Override
  public boolean isValid() {
    return valid;
  }

  @Override
  public void next() {
    checkOpen();
    requireValid();
    ReadTrace trace = ReadTrace.current();
    if (trace != null) {
      trace.step();
    }
    if (direction == Direction.REVERSE) {
      direction = Direction.FORWARD;
      // The internal iterator is just before the versions of savedKey: step into them and let
      // the skipping below pass over them.
      if (iter.isValid()) {
        iter.next();
      } else {
        iter.seekToFirst();
      }
    } else {
      savedKey = iter.key().userKey();
      iter.next();
    }
    if (!iter.isValid()) {
      invalidate();
      return;
    }
    findNextUserEntry(true, savedKey, trace);
  }

  @Override
  public void prev() {
    checkOpen();
    requireValid();
    ReadTrace trace = ReadTrace.current();
    if (trace != null) {
      trace.step();
    }
    if (direction == Direction.FORWARD) {
      // Step back to the last entry before every version of the current key.
      savedKey = iter.key().userKey();
      do {
        iter.prev();
        if (!iter.isValid()) {
          invalidate();
          return;
        }
      } while (compare(iter.key().userKey(), savedKey) >= 0);
      direction = Direction.REVERSE;
    }
    findPrevUserEntry(trace);
  }

  @Override
  public byte[] key() {
    requireValid();
    return direction == Direction.FORWARD ? iter.key().userKey() : savedKey;
  }

  @Override
  public byte[] value() {
    requireValid();
    return direction == Direction.FORWARD ? iter.value() : savedValue;
  }

  @Override
  public <T> T readValue(ValueReader<T> reader) {
    requireValid();
    if (direction == Direction.FORWARD) {
      return iter.readValue(reader);
    }
    return reader.read(savedValue, 0, savedValue.length);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      iter.close();
      valid = false;
      pin.close();
    }
  }

  /**
   * Moves forward from the internal iterator's entry to the first visible live entry, passing over
   * user keys at or below {@code skip} while {@code skipping}.
   */
  private void findNextUserEntry(boolean skipping, byte[] skip, ReadTrace trace) {
    while (iter.isValid()) {
      InternalKey ikey = iter.key();
      if (upperBound != null && compare(ikey.userKey(), upperBound) >= 0) {
        break;
      }
      if (--untilSample <= 0) {
        sample(ikey);
      }
      if (ikey.sequence() <= sequence) {
        if (visibleType(ikey) == ValueType.DELETION) {
          // Every older version of this key is hidden by the deletion.
          if (trace != null) {
            countDeletion(trace, ikey, skipping && compare(ikey.userKey(), skip) == 0);
          }
          skip = ikey.userKey();
          skipping = true;
        } else if (!skipping || compare(ikey.userKey(), skip) > 0) {
          valid = true;
          savedKey = null;
          savedValue = null;
          return;
        } else if (trace != null) {
          trace.skipVersion();
        }
      } else if (trace != null) {
        trace.skipVersion();
      }
      iter.next();
    }
    invalidate();
  }

  /**
   * Moves backward from the internal iterator's entry, collecting the newest visible version of
   * each user key, until it holds a live one in savedKey/savedValue and the iterator has stepped
   * past all its versions.
   */
  private void findPrevUserEntry(ReadTrace trace) {
    ValueType type = ValueType.DELETION;
    while (iter.isValid()) {
      InternalKey ikey = iter.key();
      if (lowerBound != null && compare(ikey.userKey(), lowerBound) < 0) {
        break;
      }
      if (--untilSample <= 0) {
        sample(ikey);
      }
      if (ikey.sequence() <= sequence) {
        if (type != ValueType.DELETION && compare(ikey.userKey(), savedKey) < 0) {
          // A smaller key: savedKey is complete and live.
          break;
        }
        // Versions of one key are met oldest first, so the last one met is the newest.
        if (trace != null && savedKey != null && compare(ikey.userKey(), savedKey) == 0) {
          trace.skipVersion(); // an older version, met before this one
        }
        type = visibleType(ikey);
        if (trace != null && type == ValueType.DELETION) {
          countDeletion(trace, ikey, false);
        }
        if (type == ValueType.DELETION) {
          savedKey = null;
          savedValue = null;
        } else {
          savedKey = ikey.userKey();
          savedValue = iter.value();
        }
      }
      iter.prev();
    }
    if (type == ValueType.DELETION) {
      invalidate();
    } else {
      valid = true;
    }
  }

  /**
   * Reports the entry's key to read-driven compaction ({@link ReadSamples}) and draws the next
   * period.
   */
  private void sample(InternalKey ikey) {
    untilSample = ReadSamples.period();
    db.readSampled(ikey.userKey());
  }

  /** The trace of this thread, with a seek to {@code target} counted in it; null if none. */
  private ReadTrace traced(byte[] target, boolean backward) {
    ReadTrace trace = ReadTrace.current();
    if (trace != null) {
      trace.seek(target, backward ? null : upperBound, backward);
    }
    return trace;
  }

  /**
   * Counts a deletion passed over: a point deletion, or a value a range deletion hides (then an
   * older version if {@code older}, already hidden by a newer deletion of its key).
   */
  private static void countDeletion(ReadTrace trace, InternalKey ikey, boolean older) {
    if (older) {
      trace.skipVersion();
    } else if (ikey.type() == ValueType.DELETION) {
      trace.skipDeletion();
    } else {
      trace.skipRangeDeleted();
    }
  }

  /** The entry's type, or DELETION when a range tombstone this snapshot sees covers it. */
  private ValueType visibleType(InternalKey ikey) {
    ValueType type = ikey.type();
    if (type == ValueType.VALUE && tombstones.covers(ikey.userKey(), ikey.sequence())) {
      return ValueType.DELETION;
    }
    return type;
  }

  private void invalidate() {
    valid = false;
    savedKey = null;
    savedValue = null;
    direction = Direction.FORWARD;
  }

  private void checkOpen() {
    if (closed) {
      throw new DbException(DbException.Kind.CLOSED, "iterator is closed");
    }
    db.checkOpen();
  }

  private void requireValid() {
    if (!valid) {
      throw new IllegalStateException("iterator is not on an entry");
    }
  }

  private static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }
}
