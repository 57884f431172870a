package dev.shale.engine;

import dev.shale.engine.env.Env;
import dev.shale.engine.env.WritableFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An {@link Env} whose log syncs take at least {@code syncMillis}, as on a slow device: writers
 * that arrive meanwhile queue behind the leader, which is what group commit is for.
 */
final class SlowSyncEnv extends ForwardingEnv {

  private final long syncMillis;

  SlowSyncEnv(Env base, long syncMillis) {
    super(base);
    this.syncMillis = syncMillis;
  }

  @Override
  public WritableFile newWritableFile(Path file) throws IOException {
    WritableFile f = base.newWritableFile(file);
    if (!file.getFileName().toString().endsWith(".log")) {
      return f;
    }
    return new WritableFile() {
      @Override
      public void append(byte[] b, int off, int len) throws IOException {
        f.append(b, off, len);
      }

      @Override
      public void sync() throws IOException {
        try {
          Thread.sleep(syncMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted in a slow sync", e);
        }
        f.sync();
      }

      @Override
      public void close() throws IOException {
        f.close();
      }
    };
  }
}
