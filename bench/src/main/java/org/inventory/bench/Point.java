package org.inventory.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured point: a system running a workload at one client concurrency.
 *
 * @param ops          operations completed in the window (what "ops/s" counts: reservations, checkouts, requests)
 * @param requests     requests sent in the window (HTTP requests, transactions, commands)
 * @param failures     requests that did not succeed (any non-success answer, socket errors, timeouts)
 * @param serverCpuMs  CPU time of the server process(es) over the window (NaN when unknown)
 * @param clientCpuMs  CPU time of the load generator over its run (NaN when unknown)
 * @param extra        further figures (e.g. reads/s per node), shown in the report
 */
public record Point(String system, String workload, int concurrency, double seconds, long ops, long requests,
                    long failures, Latency latency, double serverCpuMs, double clientCpuMs, String note,
                    Map<String, Double> extra) {

    public Point {
        extra = new LinkedHashMap<>(extra);
        note = note == null ? "" : note;
    }

    double opsPerSecond() {
        return seconds > 0 ? ops / seconds : 0;
    }

    double serverCpuMsPerOp() {
        return ops > 0 ? serverCpuMs / ops : Double.NaN;
    }

    double clientCpuMsPerOp() {
        return ops > 0 ? clientCpuMs / ops : Double.NaN;
    }
}
