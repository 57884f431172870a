package dev.shale.jdbc;

import dev.shale.jdbc.cli.ShaleCommand;

/**
 * {@code java -jar shale-jdbc-<version>-all.jar [command]}: with no command, the SQL shell on the
 * embedded default database {@code ./shale-data}; else one of {@link ShaleCommand}'s commands (sql,
 * serve, shutdown, passwd, verify, salvage, stats, load, dump, backup, compact, help).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(ShaleCommand.run(args));
  }
}
