package dev.shale.bench;

import java.nio.file.Path;
import java.util.List;

/** The settings of one {@link RemoteLoadBench} run. */
record RemoteLoadConfig(
    int rows,
    List<Integer> clients,
    long opsPerClient,
    long seconds,
    long warmupSeconds,
    long seed,
    String serverHeap,
    String shaleSync,
    long startTimeoutSeconds,
    List<RemoteTarget> targets,
    Path dir,
    Path out) {}
