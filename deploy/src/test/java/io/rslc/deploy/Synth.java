package io.rslc.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The one synthesis all tests share: the first jsii call starts a Node.js kernel (seconds), later ones are cheap.
 * It synthesizes the app exactly as {@code cdk synth} does ({@link RslcApp#newApp}, {@link RslcApp#define}) into
 * a folder under the test temp folder (target/tmp), and prints how long that took.
 */
final class Synth {

    static final ObjectMapper JSON = new ObjectMapper();

    final RslcStack stack;
    /** The template file CDK wrote, byte for byte what {@code cdk synth} writes to cdk.out. */
    final Path templateFile;
    /** The same template, parsed. */
    final JsonNode template;
    /** CDK's assertions on the stack ({@code Template.fromStack}). */
    final Template assertions;

    private Synth() {
        try {
            long start = System.nanoTime();
            Path outdir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "rslc-synth"));
            App app = RslcApp.newApp(outdir.toString());
            stack = RslcApp.define(app);
            long defined = System.nanoTime();
            CloudAssembly assembly = app.synth();
            templateFile = Path.of(assembly.getStackByName(stack.getStackName()).getTemplateFullPath());
            template = JSON.readTree(templateFile.toFile());
            long synthesized = System.nanoTime();
            assertions = Template.fromStack(stack);
            long asserted = System.nanoTime();
            System.out.printf("rslc deploy: synth %d ms (jsii start and stack definition %d ms, app.synth() %d ms), "
                            + "Template.fromStack %d ms; template %,d bytes%n",
                    ms(synthesized - start), ms(defined - start), ms(synthesized - defined), ms(asserted - synthesized),
                    Files.size(templateFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared synthesis; skips the calling test, saying so, where Node.js (which jsii needs) is missing. */
    static Synth get() {
        Assumptions.assumeTrue(Node.AVAILABLE, "Node.js is not on the PATH: the CDK (jsii) cannot run; skipping");
        return Holder.SYNTH;
    }

    /** The resources of one CloudFormation type, by logical id. */
    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new java.util.LinkedHashMap<>();
        template.get("Resources").properties().forEach(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    /** The one resource of {@code type}. */
    JsonNode only(String type) {
        Map<String, JsonNode> found = resources(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.keySet());
        }
        return found.values().iterator().next();
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static final class Holder {
        static final Synth SYNTH = new Synth();
    }

    /** Whether a {@code node} executable answers (jsii's kernel is a Node.js program). */
    private static final class Node {
        static final boolean AVAILABLE = check();

        private static boolean check() {
            try {
                List<String> command = new ArrayList<>(List.of("node", "--version"));
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
