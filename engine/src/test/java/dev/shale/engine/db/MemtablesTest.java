package dev.shale.engine.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shale.engine.memtable.MemTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemtablesTest {

  private static final long BUFFER = 1 << 16;

  @Test
  void freezesNewestFirstAndFlushesOldestFirst() {
    Memtables m = Memtables.empty(BUFFER);
    MemTable first = m.mem();
    m = m.freeze(11);
    MemTable second = m.mem();
    m = m.freeze(12);

    assertEquals(2, m.frozen().size());
    Memtables.Frozen oldest = m.oldestFrozen();
    assertSame(first, oldest.mem());
    assertEquals(12, m.firstLogToKeepAfter(oldest, 13)); // the newer frozen memtable's log
    assertEquals(13, m.firstLogToKeepAfter(m.frozen().get(0), 13)); // then the active log

    Memtables after = m.without(oldest);
    assertEquals(1, after.frozen().size());
    assertSame(second, after.oldestFrozen().mem());
    assertNull(after.without(after.oldestFrozen()).oldestFrozen());
  }

  /**
   * The list takes out the very entry that was flushed, found by identity: two entries equal as
   * records (which the list never holds in practice) tell identity from {@code equals}.
   */
  @Test
  void findsTheFlushedEntryByIdentity() {
    MemTable mem = new MemTable(BUFFER);
    Memtables.Frozen newer = new Memtables.Frozen(mem, 7);
    Memtables.Frozen older = new Memtables.Frozen(mem, 7);
    Memtables m = new Memtables(new MemTable(BUFFER), List.of(newer, older), BUFFER);

    assertSame(newer, m.without(older).frozen().get(0));
    assertEquals(7, m.firstLogToKeepAfter(older, 9));
    assertEquals(9, m.firstLogToKeepAfter(newer, 9));
  }
}
