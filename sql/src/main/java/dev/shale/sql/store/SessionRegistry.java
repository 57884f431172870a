package dev.shale.sql.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The sessions open on one {@link KvDatabase} in this JVM: what {@code sys.connections} lists. */
public final class SessionRegistry {

  private static final AtomicLong IDS = new AtomicLong();

  private final ConcurrentHashMap<Long, OpenSession> open = new ConcurrentHashMap<>();

  /** A new session's number, unique in this JVM. */
  public static long nextId() {
    return IDS.incrementAndGet();
  }

  public void add(OpenSession session) {
    open.put(session.id(), session);
  }

  public void remove(OpenSession session) {
    open.remove(session.id());
  }

  /** The open sessions by number. */
  public List<OpenSession> list() {
    List<OpenSession> list = new ArrayList<>(open.values());
    list.sort(Comparator.comparingLong(OpenSession::id));
    return list;
  }
}
