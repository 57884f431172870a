package dev.shale.bench;

import java.nio.file.Path;
import java.util.Locale;

/** The engines the engine benchmark knows, by the names {@code --engines} takes. */
enum EngineKind {
  SHALE("Shale") {
    @Override
    KvEngine open(Path dir, boolean sync) {
      return ShaleKvEngine.open(dir, sync);
    }

    @Override
    String settings(boolean sync) {
      return "engine " + ShaleKvEngine.options(sync);
    }
  },
  ROCKSDB("RocksDB") {
    @Override
    KvEngine open(Path dir, boolean sync) throws Exception {
      return RocksKvEngine.open(dir, sync);
    }

    @Override
    String settings(boolean sync) {
      return "rocksdbjni " + RocksKvEngine.version() + "; " + RocksKvEngine.SETTINGS;
    }
  },
  LEVELDB("LevelDB") {
    @Override
    KvEngine open(Path dir, boolean sync) throws Exception {
      return LevelKvEngine.open(dir, sync);
    }

    @Override
    String settings(boolean sync) {
      return "iq80 leveldb " + LevelKvEngine.version() + "; " + LevelKvEngine.SETTINGS;
    }
  };

  private final String displayName;

  EngineKind(String displayName) {
    this.displayName = displayName;
  }

  String displayName() {
    return displayName;
  }

  /** The name on the command line. */
  String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  abstract KvEngine open(Path dir, boolean sync) throws Exception;

  /** The settings that matter for comparing, as one line for the report. */
  abstract String settings(boolean sync);

  static EngineKind fromOption(String name) {
    for (EngineKind kind : values()) {
      if (kind.optionName().equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "Unknown engine '" + name + "'; known: shale,rocksdb,leveldb");
  }
}
