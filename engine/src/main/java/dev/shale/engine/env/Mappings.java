package dev.shale.engine.env;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Unmapping a memory-mapped file now rather than when the garbage collector finds its buffer: the
 * JDK has no public call for it, so this uses {@code sun.misc.Unsafe.invokeCleaner} (module
 * jdk.unsupported) where it is there, and leaves the mapping to the collector where it is not.
 */
public final class Mappings {

  /** {@code invokeCleaner} bound to the instance; null where unavailable. */
  private static final MethodHandle UNMAPPER;

  static {
    MethodHandle unmapper;
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field f = unsafeClass.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      unmapper =
          MethodHandles.lookup()
              .findVirtual(
                  unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
              .bindTo(f.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      unmapper = null;
    }
    UNMAPPER = unmapper;
  }

  private Mappings() {}

  /**
   * Unmaps {@code map}, a mapped buffer nobody touches again (a touch after this crashes the JVM);
   * false if it is left to the garbage collector.
   */
  public static boolean unmap(ByteBuffer map) {
    if (map == null || !map.isDirect() || UNMAPPER == null) {
      return false;
    }
    try {
      UNMAPPER.invokeExact(map);
      return true;
    } catch (Throwable e) {
      return false;
    }
  }
}
