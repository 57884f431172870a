package dev.shale.jdbc.cli;

import dev.shale.jdbc.server.Users;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code passwd --users <file> <name>}: adds a user to a server's users file, or changes their
 * password; the password is read from the terminal (twice), or as one line from stdin.
 */
@Command(
    name = "passwd",
    mixinStandardHelpOptions = true,
    description =
        "Add or change a user of a users file (for 'serve --users'); only a salted hash is kept.")
final class PasswdCommand implements Callable<Integer> {

  @Option(names = "--users", required = true, description = "the users file (created if missing)")
  Path file;

  @Option(
      names = "--role",
      defaultValue = "user",
      description = "user or admin (admin may shut the server down)")
  String role;

  @Parameters(paramLabel = "<name>")
  String name;

  @Override
  public Integer call() throws Exception {
    Users.Role r;
    try {
      r = Users.Role.valueOf(role.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("passwd: --role is user or admin, not " + role);
      return 2;
    }
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("Password for %s: ", name);
      char[] again = console.readPassword("Again: ");
      if (password == null || !Arrays.equals(password, again)) {
        System.err.println("passwd: the passwords differ");
        return 1;
      }
    } else {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password.length < 8) {
      System.err.println("passwd: a password has at least 8 characters");
      return 1;
    }
    String entry;
    try {
      entry = Users.line(name, r, password);
    } catch (IllegalArgumentException e) {
      System.err.println("passwd: " + e.getMessage());
      return 2;
    }
    List<String> lines = new ArrayList<>();
    if (Files.exists(file)) {
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!l.startsWith(name + ":")) {
          lines.add(l);
        }
      }
    } else {
      lines.add("# Shale server users: name:role:pbkdf2-sha256:iterations:salt:hash");
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
    }
    lines.add(entry);
    Files.write(file, lines, StandardCharsets.UTF_8);
    System.out.println(
        "User " + name + " (" + r.name().toLowerCase(java.util.Locale.ROOT) + ") saved in " + file);
    return 0;
  }
}
