package dev.shale.sql.sys;

import dev.shale.sql.exec.KvEncoding;
import dev.shale.sql.session.Session;
import dev.shale.sql.store.Introspection;
import dev.shale.sql.store.OpenSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The read-only schema {@code sys} of one connection: the engine's counters, levels, tables and
 * settings, and the sessions open on the database, each table computed when it is scanned. Writes
 * to it are refused before planning (see {@code front.SysWrites}).
 */
public final class SysSchema extends AbstractSchema {

  private final Map<String, Table> tables;

  public SysSchema(Session session) {
    Introspection engine = session.database().introspection();
    this.tables =
        Map.of(
            SysTables.STATS.name(), new SysTable(SysTables.STATS, () -> stats(engine)),
            SysTables.LEVELS.name(), new SysTable(SysTables.LEVELS, () -> levels(engine)),
            SysTables.SSTABLES.name(), new SysTable(SysTables.SSTABLES, () -> sstables(engine)),
            SysTables.SETTINGS.name(),
                new SysTable(SysTables.SETTINGS, () -> settings(engine, session)),
            SysTables.CONNECTIONS.name(),
                new SysTable(SysTables.CONNECTIONS, () -> connections(session)),
            SysTables.TRANSACTIONS.name(),
                new SysTable(SysTables.TRANSACTIONS, () -> transactions(session)));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  /** A stored key as text; bytes that are no key SQL wrote, in hex. */
  public static String key(byte[] key) {
    if (key == null) {
      return null;
    }
    try {
      return KvEncoding.decodeKey(key);
    } catch (RuntimeException e) {
      return "x'" + HexFormat.of().formatHex(key) + "'";
    }
  }

  private static List<Object[]> stats(Introspection engine) {
    List<Object[]> rows = new ArrayList<>();
    for (Introspection.Stat s : engine.stats()) {
      rows.add(new Object[] {s.name(), s.value(), s.unit(), s.description()});
    }
    return rows;
  }

  private static List<Object[]> levels(Introspection engine) {
    List<Object[]> rows = new ArrayList<>();
    for (Introspection.Level l : engine.levels()) {
      rows.add(
          new Object[] {
            l.level(),
            l.files(),
            l.bytes(),
            l.targetBytes(),
            l.score(),
            key(l.smallestKey()),
            key(l.largestKey())
          });
    }
    return rows;
  }

  private static List<Object[]> sstables(Introspection engine) {
    List<Object[]> rows = new ArrayList<>();
    for (Introspection.Table t : engine.tables()) {
      rows.add(
          new Object[] {
            t.number(),
            t.level(),
            t.bytes(),
            key(t.smallestKey()),
            key(t.largestKey()),
            t.smallestSequence(),
            t.largestSequence(),
            t.rangeTombstones()
          });
    }
    return rows;
  }

  private static List<Object[]> settings(Introspection engine, Session session) {
    List<Object[]> rows = new ArrayList<>();
    for (Introspection.Setting s : engine.settings()) {
      rows.add(new Object[] {s.name(), s.value(), s.description(), s.source()});
    }
    for (Map.Entry<String, String> e : session.settings().entrySet()) {
      rows.add(
          new Object[] {
            "connection." + e.getKey(), e.getValue(), connectionSetting(e.getKey()), "connection"
          });
    }
    return rows;
  }

  private static String connectionSetting(String name) {
    return switch (name) {
      case "sync" -> "this connection's writes fsync the log before they return";
      case "transactionMaxBytes" -> "the uncommitted writes one transaction may hold";
      case "autoCommit" -> "every statement commits when it returns";
      case "readOnly" -> "writes are refused with 25006";
      case "maxKeyBytes" -> "the longest key, bytes (CESU-8)";
      case "maxValueBytes" -> "the longest value, bytes (CESU-8)";
      default -> name;
    };
  }

  private static List<Object[]> connections(Session self) {
    List<Object[]> rows = new ArrayList<>();
    for (OpenSession s : self.database().sessions().list()) {
      rows.add(
          new Object[] {
            s.id(),
            Instant.ofEpochMilli(s.openedAtMillis()).toString(),
            s.statements(),
            s.autoCommit(),
            s.readOnly(),
            s.isolation(),
            s.id() == self.id()
          });
    }
    return rows;
  }

  private static List<Object[]> transactions(Session self) {
    List<Object[]> rows = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (OpenSession s : self.database().sessions().list()) {
      long begun = s.transactionBegunAtMillis();
      if (begun != 0) {
        rows.add(
            new Object[] {
              s.id(),
              Instant.ofEpochMilli(begun).toString(),
              Math.max(0, now - begun),
              s.transactionWriteBytes(),
              s.isolation()
            });
      }
    }
    return rows;
  }
}
