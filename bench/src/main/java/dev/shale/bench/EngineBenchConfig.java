package dev.shale.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What one engine benchmark run does: {@code num} keys, {@code reads} point reads per read
 * workload, {@code seeks} seeks (each followed by {@link EngineWorkload#SEEK_NEXTS} nexts); {@code
 * threads} writers at once in fillrandom, overwrite and deleterandom; {@code warmupRounds} rounds
 * of everything, their figures dropped, before the measured one.
 */
record EngineBenchConfig(
    int num,
    int reads,
    int seeks,
    long seed,
    boolean sync,
    int threads,
    int warmupRounds,
    List<EngineKind> engines,
    List<EngineWorkload> workloads,
    Path dir,
    Path out) {}
