package io.dbfilter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the figures ran on, and how much of the machine other processes took while they ran: on a
 * shared machine a busy neighbour lowers both variants of a pair, and the alternation cancels
 * much of it but not all. Linux only (/proc), as the benchmark's memory figures are.
 */
final class Machine {
    private final long[] pids;
    private final long[] machineStart;
    private final long oursStart;

    /** Starts counting CPU time of the whole machine and of the given processes (this JVM and the server). */
    Machine(long... pids) throws IOException {
        this.pids = pids;
        this.machineStart = machineTicks();
        this.oursStart = ticksOf(pids);
    }

    /** The share of all cores that other processes used since the start, in percent. */
    double othersPercent() throws IOException {
        long[] machine = machineTicks();
        long busy = machine[0] - machineStart[0];
        long all = machine[1] - machineStart[1];
        long ours = ticksOf(pids) - oursStart;
        return all == 0 ? 0 : 100.0 * Math.max(0, busy - ours) / all;
    }

    /**
     * Waits until the whole machine was at most {@code percent} busy over one second, looking for
     * at most {@code limit}, and returns the busy share of the last second. A cold start timed while
     * the database server still writes out what the benchmark left it measures the neighbour.
     */
    static double awaitQuiet(double percent, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        double busy;
        do {
            long[] before = machineTicks();
            Thread.sleep(1_000);
            long[] after = machineTicks();
            busy = 100.0 * (after[0] - before[0]) / Math.max(1, after[1] - before[1]);
        } while (busy > percent && System.nanoTime() < deadline);
        return busy;
    }

    /** Busy and all ticks of every core, from the first line of /proc/stat. */
    private static long[] machineTicks() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        long all = 0;
        // user nice system idle iowait irq softirq steal; guest time, after them, is already in user.
        for (int i = 1; i < Math.min(cpu.length, 9); i++) {
            long value = Long.parseLong(cpu[i]);
            all += value;
            if (i != 4 && i != 5) {
                busy += value;
            }
        }
        return new long[] {busy, all};
    }

    private static long ticksOf(long... pids) throws IOException {
        long sum = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return sum;
    }

    /** One line on the hardware and the JVM: cores, CPU model, memory, Java version. */
    static String describe() throws IOException {
        String model = "unknown CPU";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).strip();
                break;
            }
        }
        long memory = 0;
        List<String> meminfo = Files.readAllLines(Path.of("/proc/meminfo"));
        for (String line : meminfo) {
            if (line.startsWith("MemTotal:")) {
                memory = Long.parseLong(line.replaceAll("\\D", "")) >> 20;
            }
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), " + memory + " GB memory, Java "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.vendor") + ")";
    }
}
