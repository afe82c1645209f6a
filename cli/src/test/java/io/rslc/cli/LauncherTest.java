package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rslc} launcher's class-data sharing must never cost a run: a copy of the launcher runs a tiny stand-in
 * jar (prints "ok"; {@code exit N} exits with N; {@code sleep MS} sleeps), so only the launcher is under test.
 */
class LauncherTest {

    @TempDir
    Path tmp;
    Path home;
    Path target;

    @BeforeEach
    void layout() throws Exception {
        home = tmp.resolve("home");
        target = Files.createDirectories(home.resolve("cli/target"));
        Files.createDirectories(home.resolve("sample"));
        Files.writeString(home.resolve("sample/test_configuration.csv"), "schema_name,table_name\n");
        Files.copy(Path.of(System.getProperty("user.dir")).getParent().resolve("rslc"), home.resolve("rslc"));
        Path src = Files.createDirectories(tmp.resolve("src")).resolve("Main.java");
        Files.writeString(src, "public class Main { public static void main(String[] a) throws Exception {"
                + " System.out.println(\"ok\"); System.out.flush();"
                + " if (a.length > 1 && a[0].equals(\"sleep\")) Thread.sleep(Long.parseLong(a[1]));"
                + " if (a.length > 1 && a[0].equals(\"exit\")) System.exit(Integer.parseInt(a[1])); } }");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", tmp.resolve("src").toString(),
                src.toString())).isZero();
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Main");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target.resolve("rslc.jar")), m)) {
            jar.putNextEntry(new JarEntry("Main.class"));
            jar.write(Files.readAllBytes(tmp.resolve("src/Main.class")));
            jar.closeEntry();
        }
        for (Path p : List.of(tmp, home, home.resolve("cli"), target, home.resolve("sample"), tmp.resolve("src"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(home.resolve("rslc"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(home.resolve("sample/test_configuration.csv"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(target.resolve("rslc.jar"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    record Result(int exit, String out, String err) {
    }

    Result launch(Map<String, String> env, List<String> prefix, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add("bash");
        cmd.add(home.resolve("rslc").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().remove("RSLC_JAVA_OPTS");
        pb.environment().remove("RSLC_CDS");
        pb.environment().putAll(env);
        File out = tmp.resolve("out.txt").toFile();
        File err = tmp.resolve("err.txt").toFile();
        Files.deleteIfExists(out.toPath());
        Files.deleteIfExists(err.toPath());
        Process p = pb.redirectOutput(out).redirectError(err).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    @Test
    void recordsTheClassArchiveOnceAndPassesTheExitCodeThrough() throws Exception {
        Result first = launch(Map.of(), List.of(), "exit", "3");
        assertThat(first.out()).as("stderr: %s", first.err()).isEqualTo("ok\n");
        assertThat(first.exit()).isEqualTo(3);
        Path jsa = target.resolve("rslc.jsa");
        assertThat(jsa).isNotEmptyFile();
        long recorded = Files.getLastModifiedTime(jsa).toMillis();

        Result second = launch(Map.of(), List.of(), "run", "--config", "a b.csv");
        assertThat(second.out()).isEqualTo("ok\n");
        assertThat(second.exit()).isZero();
        assertThat(Files.getLastModifiedTime(jsa).toMillis()).as("not recorded again").isEqualTo(recorded);
        try (var files = Files.list(target)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("rslc.jar", "rslc.jsa");
        }
    }

    /** A JVM without a base archive (-Xshare:off, some jlink images) cannot record one: the command runs anyway. */
    @Test
    void runsWhenTheJvmCannotRecordAClassArchive() throws Exception {
        Result r = launch(Map.of("RSLC_JAVA_OPTS", "-Xshare:off -Xmx256m"), List.of(), "run");
        assertThat(r.out()).as("stdout; stderr: %s", r.err()).isEqualTo("ok\n");
        assertThat(r.exit()).isZero();
        assertThat(target.resolve("rslc.jsa")).doesNotExist();
        assertThat(target.resolve("rslc.jsa.failed")).as("no retry before the next build").exists();
    }

    /** Installed by root, run by a service user: the folder is read-only, the command runs without an archive. */
    @Test
    void runsWhenTheArchiveCannotBeWritten() throws Exception {
        List<String> asOther = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv to drop root");
            asOther = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx")); // out.txt, err.txt
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r-xr-xr-x"));
        Result r = launch(Map.of(), asOther, "run");
        assertThat(r.out()).as("stdout; stderr: %s", r.err()).isEqualTo("ok\n");
        assertThat(r.exit()).isZero();
        assertThat(target.resolve("rslc.jsa")).doesNotExist();
    }

    /** The launcher becomes the JVM (exec): a SIGTERM to the launcher's pid reaches the run itself. */
    @Test
    void sigtermToTheLauncherStopsTheRun() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("rslc").toString(), "sleep", "60000")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().remove("RSLC_JAVA_OPTS");
        pb.environment().remove("RSLC_CDS");
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(tmp.resolve("out.txt")).contains("ok")) {
            assertThat(System.nanoTime()).as("the stand-in started").isLessThan(deadline);
            Thread.sleep(100);
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy(); // SIGTERM to the launcher's pid
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("the run stopped").isTrue();
        for (ProcessHandle child : children) {
            assertThat(child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).get().isAlive())
                    .as("%s outlived the launcher", child.info().commandLine().orElse("?")).isFalse();
        }
    }
}
