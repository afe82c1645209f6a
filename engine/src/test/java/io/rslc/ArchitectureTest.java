package io.rslc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the engine's package layout by reading its main sources ({@code src/main/java}, relative to the module
 * directory Maven runs tests in). The layers follow Flyway's: {@code io.rslc.api} (what callers hold: rules, plans,
 * reports, the exception), {@code io.rslc.spi} (what plug-ins implement), {@code io.rslc.internal..} (everything
 * else, free to change) and the facade {@code io.rslc.Rslc}, which wires them together.
 *
 * <p>Why a test: every public type outside {@code internal} is a promise to the people who embed rslc, so the count
 * is capped and printed, and growing it is a decision made in review, not by accident. {@code api} and {@code spi}
 * may not reach into the implementation or drag a third-party library into a caller's classpath. And packages in a
 * cycle are one room: none of them can be changed, moved or split out (as the AWS code was, into engine-aws) alone.
 *
 * <p>How dependencies are found: the {@code import} lines (static and wildcard ones too), plus every fully qualified
 * reference matching {@code io\.rslc(\.[a-z]+)*\.[A-Z]\w*} anywhere in the file. <b>Comments are not stripped</b>, on
 * purpose: a {@code {@link io.rslc.internal.x.Y}} in a Javadoc is resolved by the javadoc tool and puts the internal
 * type into the published documentation, so it is a dependency like any other; a plain-prose mention counts as well
 * (write the simple name instead). Third-party use is seen through imports only. A "public type" is a top-level
 * declaration (unindented, as the sources are formatted) whose modifiers include {@code public}; a package is a
 * {@code package} declaration that at least one source file has, so an empty directory is not one.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final int MAX_PUBLIC_TYPES = 34;
    /** A file one reads in one sitting. */
    private static final int MAX_LINES = 300;

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+?)(?:\\.\\*)?\\s*;", Pattern.MULTILINE);
    private static final Pattern RSLC_REFERENCE = Pattern.compile("\\bio\\.rslc(\\.[a-z]+)*\\.[A-Z]\\w*");
    private static final Pattern AWS_SDK = Pattern.compile("\\bsoftware\\.amazon\\.[\\w.]*");
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile("^((?:(?:public|final|abstract|sealed|non-sealed"
            + "|strictfp)\\s+)*)(?:class|interface|record|enum|@interface)\\s+(\\w+)", Pattern.MULTILINE);

    /** A main source file: path below {@code src/main/java}, package, text, imported names, {@code io.rslc..} uses. */
    record Source(String file, String pkg, String text, List<String> imports, Set<String> rslcDependencies) {}

    private static List<Source> sources;

    @BeforeAll
    static void readSources() throws IOException {
        assertThat(MAIN).as("run with the engine module as working directory").isDirectory();
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().map(ArchitectureTest::read).toList();
        }
    }

    private static Source read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String pkg = PACKAGE.matcher(text).results().map(m -> m.group(1)).findFirst().orElse("");
        List<String> imports = IMPORT.matcher(text).results().map(m -> m.group(1)).toList();
        Set<String> uses = new TreeSet<>(); // imports and qualified references (comments included), not its own package
        imports.stream().map(ArchitectureTest::packageOf).filter(i -> in(i, "io.rslc")).forEach(uses::add);
        RSLC_REFERENCE.matcher(text).results().map(m -> packageOf(m.group())).forEach(uses::add);
        uses.remove(pkg);
        return new Source(MAIN.relativize(file).toString().replace('\\', '/'), pkg, text, imports, uses);
    }

    @Test
    void noCyclesBetweenPackages() {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>(); // from -> to -> files making the edge
        for (Source s : sources) {
            if (!in(s.pkg(), "io.rslc")) continue;
            Map<String, Set<String>> edges = graph.computeIfAbsent(s.pkg(), k -> new TreeMap<>());
            for (String to : s.rslcDependencies()) {
                edges.computeIfAbsent(to, k -> new TreeSet<>()).add(s.file());
                graph.computeIfAbsent(to, k -> new TreeMap<>());
            }
        }
        List<String> cycles = new ArrayList<>();
        for (Set<String> component : new Tarjan(graph).components) {
            if (component.size() < 2) continue;
            StringBuilder cycle = new StringBuilder("cycle between " + component + ":");
            component.forEach(from -> graph.get(from).forEach((to, files) -> {
                if (component.contains(to)) cycle.append("\n    " + from + " -> " + to + "  by " + files);
            }));
            cycles.add(cycle.toString());
        }
        assertThat(cycles).withFailMessage("package cycles in io.rslc..:%n%s", String.join("\n", cycles)).isEmpty();
    }

    @Test
    void apiUsesNoImplementationAndNoLibraries() {
        List<String> violations = layerViolations("io.rslc.api",
                to -> !to.equals("io.rslc") && !in(to, "io.rslc.spi") && !in(to, "io.rslc.internal"));
        assertThat(violations).withFailMessage("io.rslc.api may not use:%n%s", String.join("\n", violations)).isEmpty();
    }

    @Test
    void spiUsesOnlyApiAndTheJdk() {
        List<String> violations = layerViolations("io.rslc.spi", to -> in(to, "io.rslc.api"));
        assertThat(violations).withFailMessage("io.rslc.spi may not use:%n%s", String.join("\n", violations)).isEmpty();
    }

    @Test
    void noAwsSdkInTheEngine() {
        List<String> uses = new ArrayList<>();
        for (Source s : sources) {
            AWS_SDK.matcher(s.text()).results().findFirst()
                    .ifPresent(m -> uses.add("  " + s.file() + ": " + m.group()));
        }
        assertThat(uses).withFailMessage("the AWS SDK belongs in engine-aws, but the engine uses it:%n%s",
                String.join("\n", uses)).isEmpty();
    }

    @Test
    void publicApiStaysSmall() {
        List<String> publicTypes = new ArrayList<>();
        for (Source s : sources) {
            if (in(s.pkg(), "io.rslc.internal")) continue;
            TOP_LEVEL_TYPE.matcher(s.text()).results().filter(m -> m.group(1).contains("public"))
                    .forEach(m -> publicTypes.add(s.pkg() + "." + m.group(2)));
        }
        String list = String.join("\n  ", publicTypes);
        System.out.printf("%d public types outside io.rslc.internal:%n  %s%n", publicTypes.size(), list);
        assertThat(publicTypes).withFailMessage("%d public types outside io.rslc.internal (at most %d):%n  %s",
                publicTypes.size(), MAX_PUBLIC_TYPES, list).hasSizeLessThanOrEqualTo(MAX_PUBLIC_TYPES);
    }

    @Test
    void noLongFileWithoutAReason() {
        List<String> long_ = new ArrayList<>();
        for (Source s : sources) {
            long lines = s.text().lines().count();
            if (lines > MAX_LINES && !s.text().contains("Why this file is long:")) {
                long_.add("  " + s.file() + ": " + lines + " lines");
            }
        }
        assertThat(long_).withFailMessage("files over %d lines need a 'Why this file is long:' paragraph at the "
                + "top of their class, or a split:%n%s", MAX_LINES, String.join("\n", long_)).isEmpty();
    }

    @Test
    void everyInternalPackageIsDocumented() {
        Set<String> missing = new TreeSet<>();
        sources.stream().map(Source::pkg).filter(p -> in(p, "io.rslc.internal")).forEach(missing::add);
        sources.stream().filter(s -> s.file().endsWith("/package-info.java")).map(Source::pkg).forEach(missing::remove);
        assertThat(missing).withFailMessage("packages without a package-info.java: %s", missing).isEmpty();
    }

    /** Each {@code io.rslc..} dependency not {@code allowed} and each import outside the JDK, by file. */
    private static List<String> layerViolations(String layer, Predicate<String> allowed) {
        List<String> violations = new ArrayList<>();
        for (Source s : sources) {
            if (!in(s.pkg(), layer)) continue;
            s.rslcDependencies().stream().filter(allowed.negate())
                    .forEach(to -> violations.add("  " + s.file() + " -> " + to));
            s.imports().stream()
                    .filter(i -> !i.startsWith("java.") && !i.startsWith("javax.") && !in(packageOf(i), "io.rslc"))
                    .forEach(i -> violations.add("  " + s.file() + " imports " + i));
        }
        return violations;
    }

    /** {@code a.b.C.D} and {@code a.b.C} to {@code a.b}; a package name (wildcard import) stays as it is. */
    static String packageOf(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("\\.")) {
            if (Character.isUpperCase(part.charAt(0))) break;
            parts.add(part);
        }
        return String.join(".", parts);
    }

    /** Whether {@code pkg} is {@code root} or a package below it. */
    static boolean in(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    /** Tarjan's strongly connected components; the graph is a handful of packages, so recursion is fine. */
    private static final class Tarjan {
        final List<Set<String>> components = new ArrayList<>();
        private final Map<String, Map<String, Set<String>>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();

        Tarjan(Map<String, Map<String, Set<String>>> graph) {
            this.graph = graph;
            graph.keySet().forEach(v -> { if (!index.containsKey(v)) visit(v); });
        }

        private void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            for (String w : graph.get(v).keySet()) {
                if (!index.containsKey(w)) visit(w);
                if (stack.contains(w)) low.put(v, Math.min(low.get(v), low.get(w)));
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    component.add(w = stack.pop());
                } while (!w.equals(v));
                components.add(component);
            }
        }
    }
}
