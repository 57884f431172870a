package dev.shale.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What one JDBC benchmark run does: {@code rows} rows loaded, then up to {@code ops} operations per
 * read workload (after {@code warmup} untimed ones), each workload stopped after {@code
 * maxSeconds}; {@code firstQueryRuns} fresh JVMs per database.
 */
record JdbcBenchConfig(
    int rows,
    int ops,
    int warmup,
    long maxSeconds,
    int firstQueryRuns,
    long seed,
    boolean sync,
    List<JdbcTarget> targets,
    List<JdbcWorkload> workloads,
    Path dir,
    Path out) {}
