package dev.shale.jdbc.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The server's users, from a text file of one user per line, written by {@code java -jar … passwd}:
 *
 * <pre>
 * # name:role:pbkdf2-sha256:iterations:salt:hash   (salt and hash in Base64)
 * alice:admin:pbkdf2-sha256:210000:3q2+7w==:…
 * </pre>
 *
 * Role {@code admin} may also shut the server down; {@code user} may only use the database.
 * Passwords are never stored, only their PBKDF2-HMAC-SHA256 hash with a random salt. Checking a
 * password costs a fraction of a second on purpose, so a password that checked once is remembered
 * (as a SHA-256 of user and password) and later requests of the same client are not slowed down.
 */
public final class Users {

  /** What a user may do. */
  public enum Role {
    USER,
    ADMIN
  }

  private static final String SCHEME = "pbkdf2-sha256";
  private static final int ITERATIONS = 210_000;
  private static final int REMEMBERED = 10_000;

  private record Entry(Role role, int iterations, byte[] salt, byte[] hash) {}

  private final Map<String, Entry> entries;
  private final Map<String, Role> checked = new ConcurrentHashMap<>();

  private Users(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /** The users of {@code file}; an error names the line that is not a user. */
  public static Users load(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, Entry> entries = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(":", -1);
      try {
        if (f.length != 6 || !f[2].equals(SCHEME)) {
          throw new IllegalArgumentException(
              "expected name:role:" + SCHEME + ":iterations:salt:hash");
        }
        Role role = Role.valueOf(f[1].toUpperCase(java.util.Locale.ROOT));
        Base64.Decoder b64 = Base64.getDecoder();
        entries.put(
            f[0], new Entry(role, Integer.parseInt(f[3]), b64.decode(f[4]), b64.decode(f[5])));
      } catch (IllegalArgumentException e) {
        throw new IOException(
            file + " line " + (i + 1) + " is not a user (" + e.getMessage() + ")", e);
      }
    }
    if (entries.isEmpty()) {
      throw new IOException(file + " names no user: add one with java -jar … passwd");
    }
    return new Users(entries);
  }

  /** A line of the users file for {@code name} with {@code password}. */
  public static String line(String name, Role role, char[] password) {
    if (name.isEmpty() || name.contains(":") || name.strip().length() != name.length()) {
      throw new IllegalArgumentException("a user name is not empty and has no ':' or edge blanks");
    }
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return name
        + ":"
        + role.name().toLowerCase(java.util.Locale.ROOT)
        + ":"
        + SCHEME
        + ":"
        + ITERATIONS
        + ":"
        + b64.encodeToString(salt)
        + ":"
        + b64.encodeToString(pbkdf2(password, salt, ITERATIONS));
  }

  /** The role of {@code name} if {@code password} is theirs, else null. */
  public Role check(String name, String password) {
    String token = remembered(name, password);
    Role known = checked.get(token);
    if (known != null) {
      return known;
    }
    Entry e = entries.get(name);
    if (e == null
        || !MessageDigest.isEqual(e.hash, pbkdf2(password.toCharArray(), e.salt, e.iterations))) {
      return null;
    }
    if (checked.size() < REMEMBERED) {
      checked.put(token, e.role);
    }
    return e.role;
  }

  private static String remembered(String name, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return Base64.getEncoder()
          .encodeToString(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password, salt, iterations, 256))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    }
  }
}
