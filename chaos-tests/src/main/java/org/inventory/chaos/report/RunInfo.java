package org.inventory.chaos.report;

import java.time.Duration;
import java.time.Instant;

/**
 * The facts about a run that the history itself does not carry, for the report's header.
 *
 * @param run       the run's name (its directory under {@code target/chaos/})
 * @param seed      the seed that drove the workload and the fault schedule
 * @param nodes     cluster size
 * @param duration  the configured length of the faulty phase
 * @param startedAt when the run started (wall clock)
 * @param reproduce a shell command that runs the same schedule again
 */
public record RunInfo(String run, long seed, int nodes, Duration duration, Instant startedAt, String reproduce) {
}
