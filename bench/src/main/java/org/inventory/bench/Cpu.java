package org.inventory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * CPU time from /proc: utime + stime of a process, plus cutime + cstime (its children that ended and were waited
 * for), summed over the process and every live descendant. Reading it before and after a window and dividing the
 * difference by the operations done gives CPU per operation. A process's threads are in its own utime/stime.
 */
final class Cpu {
    private static final double MS_PER_TICK = 1000.0 / clockTicks();

    private Cpu() {
    }

    /** CPU milliseconds of these processes and their live descendants; processes that are gone count 0. */
    static double treeMs(Collection<Long> pids) {
        double total = 0;
        for (long pid : pids) {
            total += consistentTreeTicks(pid) * MS_PER_TICK;
        }
        return total;
    }

    /**
     * One process tree's ticks, read so that no child is lost while it is reaped: a child's time moves into its
     * parent's cutime/cstime when the parent waits for it, so if the root's counters change or a listed child vanishes
     * while the children are read, read again.
     */
    private static long consistentTreeTicks(long pid) {
        long sum = 0;
        for (int attempt = 0; attempt < 50; attempt++) {
            long[] before = fields(pid);
            if (before == null) {
                return 0;
            }
            sum = before[0] + before[1] + before[2] + before[3];
            boolean consistent = true;
            for (ProcessHandle d : ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(java.util.List.of())) {
                long[] f = fields(d.pid());
                if (f == null) {
                    consistent = false;
                    break;
                }
                sum += f[0] + f[1] + f[2] + f[3];
            }
            long[] after = fields(pid);
            if (consistent && after != null && java.util.Arrays.equals(before, after)) {
                return sum;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sum;
            }
        }
        return sum;
    }

    /** CPU milliseconds of the children this JVM started and waited for (the load generators). */
    static double reapedChildrenMs() {
        long[] f = fields(ProcessHandle.current().pid());
        return f == null ? Double.NaN : (f[2] + f[3]) * MS_PER_TICK;
    }

    static double ownMs(long pid, boolean withReapedChildren) {
        long[] f = fields(pid);
        if (f == null) {
            return 0;
        }
        return (f[0] + f[1] + (withReapedChildren ? f[2] + f[3] : 0)) * MS_PER_TICK;
    }

    /** utime, stime, cutime, cstime in clock ticks, or null when the process is gone. */
    static long[] fields(long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static long[] parseStat(String stat) {
        // "pid (comm) state ppid ..." where comm may hold spaces and parentheses: split after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // after comm: f[0] = state (field 3), so field n is f[n - 3]; utime 14, stime 15, cutime 16, cstime 17
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }
}
