package dev.shale.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A child JVM of {@link AutoServerTest}: one process that opens a URL, driven line by line on
 * stdin, answering one line per command on stdout (JDBC only; whether it serves is read from the
 * directory's {@code server.properties}, as any user could).
 *
 * <pre>
 * open        a new connection (the newest is the one the commands use) → served | joined
 * put k v     UPSERT                                                    → ok
 * get k       the value, or "none"                                      → the value
 * count       rows in kv                                                → the count
 * close       closes every connection                                   → closed
 * exit        System.exit(0) with the connections still open            → (nothing)
 * </pre>
 *
 * A failing command answers {@code error <SQLState> <message>}. Usage: {@code AutoServerChild <url>
 * <dir>}.
 */
public final class AutoServerChild {

  private AutoServerChild() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path dir = Path.of(args[1]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    List<Connection> connections = new ArrayList<>();
    out.println("ready");
    for (String line; (line = in.readLine()) != null; ) {
      String[] words = line.trim().split(" ");
      if (words[0].equals("exit")) {
        System.exit(0);
      }
      // The answer is printed once the command is over, its statements closed: a close that
      // fails is the command's answer, never a line the next command would read.
      String answer;
      try {
        answer = run(words, url, dir, connections);
      } catch (SQLException e) {
        StringBuilder causes = new StringBuilder();
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
          causes.append(" <- ").append(c);
        }
        answer = "error " + e.getSQLState() + " " + (e.getMessage() + causes).replace('\n', ' ');
      }
      out.println(answer);
    }
  }

  private static String run(String[] words, String url, Path dir, List<Connection> connections)
      throws SQLException, java.io.IOException {
    Connection newest = connections.isEmpty() ? null : connections.get(connections.size() - 1);
    switch (words[0]) {
      case "open" -> {
        connections.add(DriverManager.getConnection(url));
        return servedBy(dir) == ProcessHandle.current().pid() ? "served" : "joined";
      }
      case "put" -> {
        try (PreparedStatement p = newest.prepareStatement("UPSERT INTO kv VALUES (?, ?)")) {
          p.setString(1, words[1]);
          p.setString(2, words[2]);
          p.executeUpdate();
        }
        return "ok";
      }
      case "get" -> {
        String value;
        try (PreparedStatement p = newest.prepareStatement("SELECT value FROM kv WHERE key = ?")) {
          p.setString(1, words[1]);
          try (ResultSet rs = p.executeQuery()) {
            value = rs.next() ? rs.getString(1) : "none";
          }
        }
        return value;
      }
      case "count" -> {
        long count;
        try (Statement s = newest.createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
          rs.next();
          count = rs.getLong(1);
        }
        return Long.toString(count);
      }
      case "close" -> {
        int failed = 0;
        for (Connection c : connections) {
          try {
            c.close();
          } catch (SQLException e) {
            failed++; // a connection through a server that has stopped
          }
        }
        connections.clear();
        return "closed" + (failed == 0 ? "" : " " + failed + " failed");
      }
      default -> {
        return "error ? unknown command " + String.join(" ", words);
      }
    }
  }

  /** The pid in the directory's server record, or 0. */
  static long servedBy(Path dir) throws java.io.IOException {
    Path record = dir.resolve("server.properties");
    if (!Files.exists(record)) {
      return 0;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return Long.parseLong(p.getProperty("pid", "0"));
  }
}
