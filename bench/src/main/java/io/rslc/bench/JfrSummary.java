package io.rslc.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's time went, from a JFR recording taken with {@code settings=profile}: Java execution samples
 * (threads running Java code, every 10 ms) by top frame and by the innermost {@code io.rslc} frame, native
 * samples (threads inside native code, mostly blocked in socket reads waiting for PostgreSQL) by top frame,
 * and GC pauses and heap peaks.
 */
final class JfrSummary {

    private JfrSummary() {
    }

    static String summarize(Path recording, int top) throws IOException {
        Map<String, Integer> byTop = new HashMap<>();
        Map<String, Integer> byRslc = new HashMap<>();
        Map<String, Integer> nativeTop = new HashMap<>();
        Map<String, Integer> nativeRslc = new HashMap<>();
        Map<String, Integer> byThread = new HashMap<>();
        int samples = 0;
        int nativeSamples = 0;
        double gcPauseMs = 0;
        int gcs = 0;
        long heapUsedMax = 0;
        long heapCommittedMax = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    samples++;
                    RecordedStackTrace st = e.getStackTrace();
                    if (st != null && !st.getFrames().isEmpty()) {
                        byTop.merge(frame(st.getFrames().get(0)), 1, Integer::sum);
                        byRslc.merge(innermostRslc(st), 1, Integer::sum);
                    }
                    if (e.getThread("sampledThread") != null) {
                        byThread.merge(String.valueOf(e.getThread("sampledThread").getJavaName()), 1, Integer::sum);
                    }
                }
                case "jdk.NativeMethodSample" -> {
                    nativeSamples++;
                    RecordedStackTrace st = e.getStackTrace();
                    if (st != null && !st.getFrames().isEmpty()) {
                        nativeTop.merge(frame(st.getFrames().get(0)), 1, Integer::sum);
                        nativeRslc.merge(innermostRslc(st), 1, Integer::sum);
                    }
                }
                case "jdk.GarbageCollection" -> {
                    gcs++;
                    gcPauseMs += e.getDuration("sumOfPauses").toNanos() / 1e6;
                }
                case "jdk.GCHeapSummary" -> {
                    heapUsedMax = Math.max(heapUsedMax, e.getLong("heapUsed"));
                    Object space = e.getValue("heapSpace");
                    if (space instanceof jdk.jfr.consumer.RecordedObject o) {
                        heapCommittedMax = Math.max(heapCommittedMax, o.getLong("committedSize"));
                    }
                }
                default -> {
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "JFR: %d Java samples (one per 10 ms of a thread running Java: ~%.1f s), "
                        + "%d native samples (one per 20 ms in native code: ~%.1f s), %d GCs, %.0f ms total GC pause, "
                        + "heap used max %d MiB, heap committed max %d MiB%n",
                samples, samples / 100.0, nativeSamples, nativeSamples / 50.0, gcs, gcPauseMs, heapUsedMax >> 20,
                heapCommittedMax >> 20));
        append(out, "Java samples by thread", byThread, samples, top);
        append(out, "Java samples by top frame", byTop, samples, top);
        append(out, "Java samples by innermost io.rslc frame", byRslc, samples, top);
        append(out, "native samples by top frame (threads in native code, e.g. waiting on the socket)",
                nativeTop, nativeSamples, top);
        append(out, "native samples by innermost io.rslc frame", nativeRslc, nativeSamples, top);
        return out.toString();
    }

    /** Prints the summary of a recording: {@code java -cp ... io.rslc.bench.JfrSummary rec.jfr [top]}. */
    public static void main(String[] args) throws IOException {
        System.out.print(summarize(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 15));
    }

    private static String innermostRslc(RecordedStackTrace st) {
        for (RecordedFrame f : st.getFrames()) {
            if (f.getMethod() != null && f.getMethod().getType().getName().startsWith("io.rslc.")) {
                return frame(f);
            }
        }
        return "(no io.rslc frame)";
    }

    private static String frame(RecordedFrame f) {
        if (f.getMethod() == null) {
            return "?";
        }
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void append(StringBuilder out, String title, Map<String, Integer> counts, int total, int top) {
        out.append("  ").append(title).append(":\n");
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, Integer> e : sorted.entrySet()) {
            out.append(String.format(Locale.ROOT, "    %5.1f%%  %6d  %s%n", total == 0 ? 0 : 100.0 * e.getValue() / total,
                    e.getValue(), e.getKey()));
        }
    }

    static List<String> jvmOptions(Path recording) {
        return List.of("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
    }
}
