package dev.shale.engine.db;

import dev.shale.engine.DbException;
import dev.shale.engine.VerifyReport;
import dev.shale.engine.keys.InternalIterator;
import dev.shale.engine.sstable.BlockCache;
import dev.shale.engine.sstable.Table;
import dev.shale.engine.sstable.TableOptions;
import dev.shale.engine.version.FileMetaData;
import dev.shale.engine.version.Version;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads every table of a version whole from its file, past the block cache (whose blocks were
 * checked when they came in, but the file may have changed since): opening a table checks its
 * footer, index, filter and range-deletion blocks; iterating it checks every data block.
 */
final class TableVerifier {

  private TableVerifier() {}

  static VerifyReport verify(Version version, DbDirectory dir, TableOptions options) {
    try {
      return readAll(version, dir, options);
    } catch (IOException e) {
      throw new DbException(DbException.Kind.IO, "verifying " + dir.path() + ": " + e, e);
    }
  }

  private static VerifyReport readAll(Version version, DbDirectory dir, TableOptions options)
      throws IOException {
    TableOptions checked = options.withVerifyChecksums(true);
    BlockCache none = new BlockCache(0);
    int tables = 0;
    long entries = 0;
    long bytes = 0;
    for (int level = 0; level < Version.NUM_LEVELS; level++) {
      for (FileMetaData f : version.files(level)) {
        Path file = dir.tableFile(f.number());
        try (Table table = Table.open(dir.env(), file, f.number(), f.size(), none, checked);
            InternalIterator it = table.newIterator()) {
          for (it.seekToFirst(); it.isValid(); it.next()) {
            entries++;
          }
        }
        tables++;
        bytes += f.size();
      }
    }
    return new VerifyReport(tables, entries, bytes);
  }
}
