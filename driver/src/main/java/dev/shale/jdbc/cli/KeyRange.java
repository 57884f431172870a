package dev.shale.jdbc.cli;

import picocli.CommandLine.Option;

/** The {@code --from}/{@code --to} key range of the commands that take one (dump, compact). */
final class KeyRange {

  @Option(names = "--from", description = "the first key (inclusive)")
  String from;

  @Option(names = "--to", description = "the key to stop before (exclusive)")
  String to;
}
