package io.rslc.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the CLI in-process or as a separate JVM (for kill tests and concurrent runs). */
final class Cli {

    record Result(int exit, String out, String err) {
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(exit, out.toString(), err.toString());
    }

    /** Starts {@code rslc args...} in a new JVM with the test classpath; output goes to files in {@code dir}. */
    static Process start(Path dir, List<String> jvmOptions, String... args) throws IOException {
        return start(dir, jvmOptions, java.util.Map.of(), args);
    }

    /** As {@link #start(Path, List, String...)} with extra environment variables. */
    static Process start(Path dir, List<String> jvmOptions, java.util.Map<String, String> env, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    static int await(Process p) throws InterruptedException {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("rslc did not finish in 120 s");
        }
        return p.exitValue();
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    static String classpathSeparator() {
        return File.pathSeparator;
    }
}
