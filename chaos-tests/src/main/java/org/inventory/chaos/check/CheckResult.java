package org.inventory.chaos.check;

import java.util.List;

/**
 * What one check concluded about a history. UNKNOWN means the check could not decide (a search budget ran out,
 * the evidence it needs is missing); the report says why, and the run does not pass on it silently.
 *
 * @param name     short name, e.g. "no-oversell"
 * @param verdict  PASS, FAIL or UNKNOWN
 * @param summary  one line for the report's table
 * @param problems each violation (or reason for UNKNOWN), precise enough to find it in history.jsonl
 */
public record CheckResult(String name, Verdict verdict, String summary, List<String> problems) {

    public enum Verdict { PASS, FAIL, UNKNOWN }

    public static CheckResult pass(String name, String summary) {
        return new CheckResult(name, Verdict.PASS, summary, List.of());
    }

    public static CheckResult of(String name, String summary, List<String> problems) {
        return new CheckResult(name, problems.isEmpty() ? Verdict.PASS : Verdict.FAIL, summary, List.copyOf(problems));
    }
}
