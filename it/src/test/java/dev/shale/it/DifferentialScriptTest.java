package dev.shale.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs differential.sql on Shale and on H2 and requires the same outcome for every statement. */
class DifferentialScriptTest {

  @BothModes
  void shaleAgreesWithH2(Mode mode) throws Exception {
    List<String> statements = statements("/differential.sql");
    assertTrue(statements.size() > 40, "script parsed into " + statements.size() + " statements");
    try (Connection shale = DriverManager.getConnection(mode.url("differential"));
        Connection h2 =
            DriverManager.getConnection("jdbc:h2:mem:differential;NON_KEYWORDS=KEY,VALUE");
        Statement s = shale.createStatement();
        Statement h = h2.createStatement()) {
      h.execute("CREATE TABLE kv (key VARCHAR NOT NULL PRIMARY KEY, value VARCHAR)");
      int errors = 0;
      for (String sql : statements) {
        Outcome expected = Outcome.of(h, sql);
        Outcome actual = Outcome.of(s, sql);
        assertEquals(expected, actual, sql);
        errors += expected.errorClass() != null ? 1 : 0;
      }
      assertTrue(errors >= 8, "the script exercises errors too: " + errors);
    }
  }

  static List<String> statements(String resource) throws IOException {
    String text;
    try (InputStream in = DifferentialScriptTest.class.getResourceAsStream(resource)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.startsWith("--") || line.isBlank()) {
        continue;
      }
      current.append(line).append('\n');
      if (line.stripTrailing().endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    return statements;
  }
}
