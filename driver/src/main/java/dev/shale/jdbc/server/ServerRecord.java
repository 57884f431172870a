package dev.shale.jdbc.server;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * The file {@code server.properties} a server writes into its database directory while it runs:
 * where it listens (a loopback address), its secret and its process. The admin commands and
 * automatic mixed mode read it; only who can read the directory can read it (mode 600 where the
 * file system has modes). The engine never touches it: it is not one of its file names.
 *
 * @param url the server's base URL on loopback, e.g. {@code http://127.0.0.1:8765}
 * @param secret the password that makes a client (or an admin command) trusted
 * @param pid the process that serves
 * @param directory the real path of the directory the record was written into, or null before it is
 *     written: a record copied along with its directory names the original, and automatic mixed
 *     mode does not trust it for the copy
 */
public record ServerRecord(String url, String secret, long pid, String directory) {

  public ServerRecord(String url, String secret, long pid) {
    this(url, secret, pid, null);
  }

  /** The file's name inside the database directory. */
  public static final String FILE = "server.properties";

  /** The record in {@code dir}, or null if there is none. */
  public static ServerRecord read(Path dir) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return null;
    }
    String url = p.getProperty("url");
    String secret = p.getProperty("secret");
    String pid = p.getProperty("pid", "0");
    if (url == null || secret == null) {
      throw new IOException(dir.resolve(FILE) + " is not a server record (no url or secret)");
    }
    try {
      return new ServerRecord(url, secret, Long.parseLong(pid), p.getProperty("directory"));
    } catch (NumberFormatException e) {
      throw new IOException(dir.resolve(FILE) + " is not a server record (pid " + pid + ")", e);
    }
  }

  /** Writes this record into {@code dir}, replacing any, atomically. */
  void write(Path dir) throws IOException {
    Properties p = new Properties();
    p.setProperty("url", url);
    p.setProperty("secret", secret);
    p.setProperty("pid", Long.toString(pid));
    p.setProperty("directory", dir.toRealPath().toString());
    Path tmp = dir.resolve(FILE + ".tmp");
    Files.deleteIfExists(tmp);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(out, "Shale server of this directory; removed when it stops");
    }
    try {
      Files.move(
          tmp,
          dir.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes the record from {@code dir} if it is still this one. */
  void remove(Path dir) throws IOException {
    ServerRecord now = read(dir);
    if (now != null && now.url.equals(url) && now.secret.equals(secret) && now.pid == pid) {
      Files.deleteIfExists(dir.resolve(FILE));
    }
  }
}
