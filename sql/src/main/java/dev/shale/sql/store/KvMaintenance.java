package dev.shale.sql.store;

import dev.shale.engine.CheckpointReport;
import dev.shale.engine.Db;
import dev.shale.engine.Ingest;
import dev.shale.engine.Stats;
import java.nio.file.Path;

/**
 * The engine operations that bulk load, backup and compaction need beyond {@link KvStore}: an
 * ingest straight into tables, a compaction of a key range, a checkpoint, and the counters that
 * show which of them ran. Only the tools reach for it ({@code sql.bulk}, the command line);
 * statements go through {@link KvStore}.
 */
public final class KvMaintenance {

  private final Db db;

  KvMaintenance(Db db) {
    this.db = db;
  }

  /** A new ingest of rows in ascending key order (engine bytes: see {@code exec.KvEncoding}). */
  public Ingest newIngest() {
    return db.newIngest();
  }

  /** Compacts [{@code begin}, {@code end}) (null: unbounded) to the deepest level; waits. */
  public void compactRange(byte[] begin, byte[] end) {
    db.compactRange(begin, end);
  }

  /** An online backup of the database's state now into {@code target}, which must not exist. */
  public CheckpointReport checkpoint(Path target) {
    return db.checkpoint(target);
  }

  /** The engine's live counters. */
  public Stats stats() {
    return db.stats();
  }
}
