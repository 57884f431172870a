package dev.shale.engine;

import dev.shale.engine.env.Env;
import dev.shale.engine.env.ReadableFile;
import dev.shale.engine.env.WritableFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An {@link Env} whose log syncs take at least {@code syncMillis}, as on a slow device: writers
 * that arrive meanwhile queue behind the leader, which is what group commit is for.
 */
final class SlowSyncEnv implements Env {

  private final Env base;
  private final long syncMillis;

  SlowSyncEnv(Env base, long syncMillis) {
    this.base = base;
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

  @Override
  public InputStream newSequentialFile(Path file) throws IOException {
    return base.newSequentialFile(file);
  }

  @Override
  public ReadableFile newReadableFile(Path file) throws IOException {
    return base.newReadableFile(file);
  }

  @Override
  public List<String> children(Path dir) throws IOException {
    return base.children(dir);
  }

  @Override
  public boolean deleteIfExists(Path file) throws IOException {
    return base.deleteIfExists(file);
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    base.rename(from, to);
  }

  @Override
  public long size(Path file) throws IOException {
    return base.size(file);
  }

  @Override
  public boolean exists(Path file) {
    return base.exists(file);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    base.syncDirectory(dir);
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    base.createDirectories(dir);
  }

  @Override
  public Closeable lock(Path lockFile, Duration timeout) {
    return base.lock(lockFile, timeout);
  }
}
