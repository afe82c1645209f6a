package io.rslc.reliability;

import io.rslc.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the rslc command line: in this JVM (fast; what it prints, logs included, is captured and kept in a file)
 * or as a separate JVM to be killed, optionally under a file-size limit ({@code ulimit -f}).
 */
final class Rslc {

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Rslc() {
    }

    /**
     * Runs {@code rslc args} in this JVM with System.out and System.err captured (the command's log lines go to
     * System.err); the output is also written to {@code dir/<name>.out|.err} for the campaign's searches.
     */
    static synchronized Result inProcess(Path dir, String name, List<String> args) throws IOException {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintStream o = new PrintStream(capturedOut, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(capturedErr, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            try {
                exit = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
        Result r = new Result(exit, out + capturedOut.toString(StandardCharsets.UTF_8),
                err + capturedErr.toString(StandardCharsets.UTF_8));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".out"), r.out());
        Files.writeString(dir.resolve(name + ".err"), r.err());
        return r;
    }

    /** A child JVM's launch. */
    static final class Launch {
        final Path dir;
        final List<String> jvm = new ArrayList<>();
        final Map<String, String> env = new java.util.HashMap<>();
        final java.util.Set<String> unset = new java.util.HashSet<>();
        Long fileSizeLimitKb;
        String umask;
        boolean asNobody;
        String mainClass = Main.class.getName();
        Path input;

        Launch(Path dir) {
            this.dir = dir;
        }

        Launch jvm(List<String> options) {
            jvm.addAll(options);
            return this;
        }

        Launch crashAt(String point) {
            if (point != null) {
                jvm.add("-Drslc.crashAt=" + point);
            }
            return this;
        }

        Launch env(Map<String, String> vars) {
            env.putAll(vars);
            return this;
        }

        /** Starts another main class than the CLI's (e.g. the Lambda handler's), with the same classpath. */
        Launch mainClass(String name) {
            mainClass = name;
            return this;
        }

        /** The child's standard input: this file's bytes (e.g. a Lambda event). */
        Launch input(Path file) {
            input = file;
            return this;
        }

        /** Removes these variables from the environment the child would inherit from this JVM. */
        Launch unsetEnv(String... names) {
            unset.addAll(List.of(names));
            return this;
        }

        /** Starts the child under this umask (e.g. 077), as an operator's shell would. */
        Launch umask(String mask) {
            umask = mask;
            return this;
        }

        /**
         * Runs the child as the unprivileged user {@code nobody} ({@code setpriv}), from the runnable jar
         * ({@code cli/target/rslc.jar}: the test classpath under /root is not readable by others).
         */
        Launch asNobody() {
            asNobody = true;
            return this;
        }

        /** The runnable jar a child of another user starts from, or null if the build has not made it. */
        static Path runnableJar() {
            Path jar = Path.of("..", "cli", "target", "rslc.jar").toAbsolutePath().normalize();
            return Files.isReadable(jar) && Files.exists(Path.of("/usr/bin/setpriv")) ? jar : null;
        }

        Launch fileSizeLimitKb(long kb) {
            fileSizeLimitKb = kb;
            return this;
        }

        /** Starts {@code rslc args} (or the main class chosen) with the test classpath; stdout and stderr go to {@code dir/out.txt|err.txt}. */
        Process start(List<String> args) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // a short-lived JVM: C1 only, serial GC, no perf-data file (starts faster on two shared cores)
            cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                    "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true"));
            cmd.addAll(jvm);
            cmd.add("-cp");
            cmd.add(asNobody ? runnableJar().toString() : System.getProperty("java.class.path"));
            cmd.add(mainClass);
            cmd.addAll(args);
            if (asNobody) {
                List<String> setpriv = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                        "--clear-groups"));
                setpriv.addAll(cmd);
                cmd = setpriv;
            }
            if (fileSizeLimitKb != null || umask != null) {
                String limits = (fileSizeLimitKb == null ? "" : "ulimit -f " + fileSizeLimitKb + " && ")
                        + (umask == null ? "" : "umask " + umask + " && ");
                List<String> shell = new ArrayList<>(List.of("bash", "-c", limits + "exec \"$@\"", "rslc"));
                shell.addAll(cmd);
                cmd = shell;
            }
            Files.createDirectories(dir);
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectOutput(dir.resolve("out.txt").toFile())
                    .redirectError(dir.resolve("err.txt").toFile());
            pb.environment().keySet().removeAll(unset);
            pb.environment().putAll(env);
            if (input != null) {
                pb.redirectInput(input.toFile());
            }
            return pb.start();
        }
    }

    /** Waits for a child to end (at most {@code seconds}); returns its exit code. */
    static int await(Process p, int seconds) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("rslc did not finish in " + seconds + " s");
        }
        return p.exitValue();
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
