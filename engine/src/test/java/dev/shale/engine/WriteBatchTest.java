package dev.shale.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shale.engine.WriteBatch.Op.Type;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class WriteBatchTest {

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void opsReadBackInTheOrderAddedFirstAndRest() {
    byte[] k0 = b("a");
    byte[] v0 = b("1");
    WriteBatch batch = new WriteBatch().put(k0, v0).delete(b("b")).deleteRange(b("c"), b("d"));
    batch.put(b("e"), b("5"));

    assertEquals(4, batch.count());
    assertSame(k0, batch.key(0), "the caller's array");
    assertSame(v0, batch.value(0));
    assertEquals(Type.PUT, batch.type(0));
    assertEquals(Type.DELETE, batch.type(1));
    assertArrayEquals(b("b"), batch.key(1));
    assertNull(batch.value(1));
    assertEquals(Type.DELETE_RANGE, batch.type(2));
    assertArrayEquals(b("d"), batch.value(2));
    assertEquals(Type.PUT, batch.type(3));
    assertArrayEquals(b("e"), batch.key(3));
    assertArrayEquals(b("5"), batch.value(3));
  }

  @Test
  void anIndexOutsideTheBatchThrowsForEveryAccessor() {
    WriteBatch empty = new WriteBatch();
    WriteBatch one = new WriteBatch().put(b("k"), b("v"));
    WriteBatch three = new WriteBatch().put(b("k"), b("v")).delete(b("x")).delete(b("y"));
    for (WriteBatch batch : new WriteBatch[] {empty, one, three}) {
      for (IntFunction<?> accessor :
          new IntFunction<?>[] {batch::type, batch::key, batch::value, batch::op}) {
        int n = batch.count();
        assertThrows(IndexOutOfBoundsException.class, () -> accessor.apply(n), "index " + n);
        assertThrows(IndexOutOfBoundsException.class, () -> accessor.apply(-1), "index -1");
      }
    }
  }

  @Test
  void aClearedBatchHoldsNothingAndRefills() {
    WriteBatch batch = new WriteBatch().put(b("k"), b("v")).delete(b("x"));
    batch.clear();
    assertEquals(0, batch.count());
    assertEquals(0, batch.approximateBytes());
    assertThrows(IndexOutOfBoundsException.class, () -> batch.key(0));
    assertThrows(IndexOutOfBoundsException.class, () -> batch.type(0));
    batch.delete(b("z"));
    assertEquals(Type.DELETE, batch.type(0));
    assertArrayEquals(b("z"), batch.key(0));
    assertThrows(IndexOutOfBoundsException.class, () -> batch.key(1));
  }
}
