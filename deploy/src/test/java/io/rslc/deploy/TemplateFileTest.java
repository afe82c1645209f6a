package io.rslc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The committed template ({@code deploy/cloudformation/rslc.template.json}, for users without CDK) is exactly
 * what the app synthesizes now, byte for byte. After changing the stack, regenerate it with
 * {@code mvn -q verify -pl deploy -Drslc.writeTemplate=true} and commit it with the change.
 */
class TemplateFileTest {

    static final Path COMMITTED = Path.of(System.getProperty("rslc.deploy.dir", "."), "cloudformation", "rslc.template.json");

    @Test
    void committedTemplateIsAFreshSynth() throws IOException {
        Synth synth = Synth.get();
        byte[] fresh = Files.readAllBytes(synth.templateFile);
        if (Boolean.getBoolean("rslc.writeTemplate")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.write(COMMITTED, fresh);
            System.out.println("rslc deploy: wrote " + COMMITTED.toAbsolutePath().normalize());
        }
        assertThat(COMMITTED).as("the committed template; regenerate: mvn -q verify -pl deploy -Drslc.writeTemplate=true")
                .exists();
        byte[] committed = Files.readAllBytes(COMMITTED);
        if (!java.util.Arrays.equals(committed, fresh)) {
            throw new AssertionError(COMMITTED + " is not what the app synthesizes now ("
                    + firstDifference(committed, fresh) + "). If the change is intended, regenerate it with "
                    + "mvn -q verify -pl deploy -Drslc.writeTemplate=true and commit it.");
        }
    }

    @Test
    void templateNeedsNoBootstrapAndCarriesNoCdkMetadata() {
        Synth synth = Synth.get();
        assertThat(synth.template.has("Rules")).as("no CheckBootstrapVersion rule").isFalse();
        assertThat(synth.template.path("Parameters").has("BootstrapVersion")).isFalse();
        assertThat(synth.resources("AWS::CDK::Metadata")).isEmpty();
        synth.template.get("Resources").forEach(resource ->
                assertThat(resource.path("Metadata").has("aws:cdk:path")).as("path metadata").isFalse());
    }

    @Test
    void stackCodeBuildsNoMapsOfRandomOrder() throws IOException {
        // Map.of iterates in an order that changes per JVM; CDK writes maps in iteration order (see Ordered)
        Path sources = Path.of(System.getProperty("rslc.deploy.dir", "."), "src", "main", "java");
        try (var files = Files.walk(sources)) {
            List<String> offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> read(file).matches("(?s).*\\b(Map|Set)\\.of(Entries)?\\(.*")).map(Path::toString).toList();
            assertThat(offenders).as("use Ordered.map").isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String firstDifference(byte[] committed, byte[] fresh) {
        List<String> a = new String(committed, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        List<String> b = new String(fresh, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end of file>";
            String y = i < b.size() ? b.get(i) : "<end of file>";
            if (!x.equals(y)) {
                return "first difference at line " + (i + 1) + ": committed '" + x.strip() + "', fresh '" + y.strip() + "'";
            }
        }
        return "the lines are equal; the line endings or the final newline differ";
    }
}
