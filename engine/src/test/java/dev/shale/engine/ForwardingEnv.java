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

/** An {@link Env} that does what {@code base} does; tests override the operations they change. */
abstract class ForwardingEnv implements Env {

  protected final Env base;

  ForwardingEnv(Env base) {
    this.base = base;
  }

  @Override
  public WritableFile newWritableFile(Path file) throws IOException {
    return base.newWritableFile(file);
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
  public long usableSpace(Path dir) {
    return base.usableSpace(dir);
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
