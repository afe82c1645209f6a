package io.rslc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one contender as a whole process and measures its wall time (start to exit, as seen by the harness) and,
 * when asked, its peak resident set size: from {@code /usr/bin/time -f %M} (the kernel's maxrss of the child) when
 * that exists, else by polling VmHWM in {@code /proc/<pid>/status} every 10 ms.
 */
final class Proc {

    private static final Path TIME = Path.of("/usr/bin/time");

    /**
     * @param rssKb      peak RSS in KiB, or -1 if not measured
     * @param cpuSeconds user + system CPU seconds of the process, or -1 if not measured (needs /usr/bin/time)
     */
    record Result(int exit, double seconds, long rssKb, double cpuSeconds, Path log) {
    }

    private Proc() {
    }

    static Result run(List<String> command, Path log, boolean measureRss, long timeoutSeconds)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Path rssFile = log.resolveSibling(log.getFileName() + ".maxrss");
        Files.deleteIfExists(rssFile);
        boolean viaTime = measureRss && Files.isExecutable(TIME);
        List<String> full = new ArrayList<>();
        if (viaTime) {
            full.addAll(List.of(TIME.toString(), "-f", "maxrss %M cpu %U %S", "-o", rssFile.toString()));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        AtomicLong hwm = new AtomicLong(-1);
        Thread poller = null;
        if (measureRss && !viaTime) {
            long pid = p.pid();
            poller = new Thread(() -> {
                while (p.isAlive()) {
                    long v = vmHwmKb(pid);
                    if (v > hwm.get()) {
                        hwm.set(v);
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-poller");
            poller.setDaemon(true);
            poller.start();
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                    + " (log: " + log + ")");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (poller != null) {
            poller.join();
        }
        long rss = -1;
        double cpu = -1;
        if (viaTime && Files.exists(rssFile)) {
            for (String l : Files.readAllLines(rssFile)) {
                String[] f = l.trim().split("\\s+");
                if (f.length == 5 && f[0].equals("maxrss") && f[2].equals("cpu")) {
                    rss = Long.parseLong(f[1]);
                    cpu = Double.parseDouble(f[3]) + Double.parseDouble(f[4]);
                }
            }
        } else if (measureRss) {
            rss = hwm.get();
        }
        return new Result(p.exitValue(), seconds, rss, cpu, log);
    }

    static long vmHwmKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone
        }
        return -1;
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
