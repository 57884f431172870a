package dev.shale.engine.memtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.keys.InternalKey;
import dev.shale.engine.keys.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemTableTest {

  private static final byte[] K = {'k'};

  @Test
  void getSeesTheNewestVersionAtOrBelowASequence() {
    MemTable mem = new MemTable();
    mem.put(3, K, new byte[] {3});
    mem.delete(5, K);
    mem.put(8, K, new byte[] {8});
    mem.put(4, new byte[] {'j'}, new byte[] {4});

    assertNull(mem.get(K, 2));
    assertArrayEquals(new byte[] {3}, mem.get(K, 3).getValue());
    assertArrayEquals(new byte[] {3}, mem.get(K, 4).getValue());
    assertEquals(ValueType.DELETION, mem.get(K, 6).getKey().type());
    assertArrayEquals(new byte[] {8}, mem.get(K, 100).getValue());
    assertNull(mem.get(new byte[] {'k', 0}, 100));
  }

  @Test
  void iteratesEveryVersionInInternalKeyOrder() {
    MemTable mem = new MemTable();
    mem.put(1, new byte[] {(byte) 0x80}, new byte[0]);
    mem.put(2, K, new byte[0]);
    mem.delete(3, K);
    List<String> seen = new ArrayList<>();
    InternalIterator it = mem.newIterator();
    for (it.seekToFirst(); it.isValid(); it.next()) {
      seen.add(it.key().toString());
    }
    assertEquals(List.of("6b@3/0", "6b@2/1", "80@1/1"), seen);
    it.seekToLast();
    it.prev();
    assertEquals("6b@2/1", it.key().toString());
    it.seekForPrev(InternalKey.afterAllVersions(K));
    assertEquals("6b@2/1", it.key().toString());
  }

  @Test
  void memoryUsageCountsKeysAndValues() {
    MemTable mem = new MemTable();
    assertEquals(0, mem.approximateMemoryUsage());
    mem.put(1, K, new byte[1000]);
    long one = mem.approximateMemoryUsage();
    assertTrue(one >= 1000 + 1 + 8, "usage " + one);
    mem.delete(2, K);
    assertTrue(mem.approximateMemoryUsage() > one);
  }
}
