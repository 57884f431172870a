package dev.shale.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What one engine benchmark run does: {@code num} keys, {@code reads} point reads per read
 * workload, {@code seeks} seeks (each followed by {@link EngineWorkload#SEEK_NEXTS} nexts); {@code
 * threads} writers at once in fillrandom, overwrite and deleterandom.
 */
record EngineBenchConfig(
    int num,
    int reads,
    int seeks,
    long seed,
    boolean sync,
    int threads,
    List<EngineKind> engines,
    List<EngineWorkload> workloads,
    Path dir,
    Path out) {}
