package dev.shale.sql.session;

import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;

/**
 * Prepared statements (Calcite signatures: plan and compiled code) by the SQL text they were
 * prepared from, one cache per connection (signatures hold the connection's objects; the cache
 * lives in the connection's {@link Session} and goes with it), least recently used out. Also the
 * texts known not to prepare as templates (see the front door's templates), so they are not tried
 * again.
 */
public final class PlanCache {

  /** Cached signatures per connection. */
  public static final int CAPACITY = 256;

  private final Map<Key, CalciteSignature<?>> signatures =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CalciteSignature<?>> eldest) {
          return size() > CAPACITY;
        }
      };

  private final Set<String> refusedTemplates =
      Collections.newSetFromMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > CAPACITY;
            }
          });

  /**
   * What a statement is prepared under: its text as the parser gets it, whether it was an UPSERT
   * (the parser gets INSERT), and how its rows are wanted.
   */
  public record Key(String sql, boolean upsert, Type elementType, long maxRowCount) {}

  /** How many signatures this cache holds. */
  public synchronized int size() {
    return signatures.size();
  }

  public synchronized CalciteSignature<?> get(Key key) {
    return signatures.get(key);
  }

  public synchronized void put(Key key, CalciteSignature<?> signature) {
    signatures.put(key, signature);
  }

  /** Whether {@code template} is known not to prepare with parameters. */
  public synchronized boolean refused(String template, boolean upsert) {
    return refusedTemplates.contains(upsert + template);
  }

  public synchronized void refuse(String template, boolean upsert) {
    refusedTemplates.add(upsert + template);
  }
}
