package org.inventory.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Runs the tools this suite drives as child processes; remembers the running ones so an abort can end them. */
final class Shell {
    /** What a finished command left: its exit code and everything it printed (stdout and stderr, interleaved). */
    record Result(int exit, String output) {
        Result orThrow(String what) {
            if (exit != 0) {
                throw new IllegalStateException(what + " failed (exit " + exit + "): " + tail(output, 2000));
            }
            return this;
        }
    }

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private final Path workDir;
    private final Path logDir;

    Shell(Path workDir, Path logDir) {
        this.workDir = workDir;
        this.logDir = logDir;
    }

    Path workDir() {
        return workDir;
    }

    Path logDir() {
        return logDir;
    }

    Result run(List<String> command, Duration timeout) {
        return run(command, Map.of(), timeout, null);
    }

    /**
     * Runs {@code command} in the repository root with {@code env} added, waits at most {@code timeout}, and keeps
     * its output under the log directory as {@code <logName>.txt} when a name is given.
     */
    Result run(List<String> command, Map<String, String> env, Duration timeout, String logName) {
        Started s = start(command, env, logName);
        return s.await(timeout);
    }

    Started start(List<String> command, Map<String, String> env, String logName) {
        try {
            Files.createDirectories(logDir);
            Path out = logName != null ? logDir.resolve(logName + ".txt") : Files.createTempFile(logDir, "cmd-", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            RUNNING.add(p);
            return new Started(command, p, out, logName == null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    /** A command started in the background. */
    static final class Started {
        private final List<String> command;
        private final Process process;
        private final Path out;
        private final boolean temporary;

        Started(List<String> command, Process process, Path out, boolean temporary) {
            this.command = command;
            this.process = process;
            this.out = out;
            this.temporary = temporary;
        }

        long pid() {
            return process.pid();
        }

        Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    destroyTree(process);
                    throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command)
                            + "\n" + tail(read(), 2000));
                }
                return new Result(process.exitValue(), read());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                destroyTree(process);
                throw new IllegalStateException("interrupted: " + command, e);
            } finally {
                RUNNING.remove(process);
                if (temporary) {
                    try {
                        Files.deleteIfExists(out);
                    } catch (IOException ignored) {
                        // a temp file left in target/bench/raw
                    }
                }
            }
        }

        private String read() {
            try {
                return Files.readString(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                try {
                    return new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
                } catch (IOException e2) {
                    return "";
                }
            }
        }
    }

    /** Ends every command still running (and what they started), for an abort. */
    static void destroyAll() {
        for (Process p : new ArrayList<>(RUNNING)) {
            destroyTree(p);
        }
    }

    static void destroyTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    static String tail(String s, int max) {
        return s.length() <= max ? s : "..." + s.substring(s.length() - max);
    }
}
